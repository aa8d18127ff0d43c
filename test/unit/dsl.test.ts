import test from "ava";
import { pin } from "../../src/dsl/index.js";
import { InvalidPlanError } from "../../runtime/errors.js";

test("a DSL call that was not compiled throws at once, naming the cause and the fix", (t) => {
  const err = t.throws(() => pin(1), { instanceOf: InvalidPlanError });
  t.regex(err.message, /transformer/);
  t.regex(err.message, /tspc/);
  t.regex(err.message, /compilerOptions\.plugins/);
});
