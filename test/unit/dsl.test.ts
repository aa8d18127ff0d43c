import test from "ava";
import { pin } from "../../src/dsl/index.js";
import { InvalidPlanError } from "../../runtime/errors.js";

test("a DSL call that was not compiled throws at once, naming the cause and the fix", (t) => {
  // The cast hides pin's marker type: called as it is, the transformer reports it (TS91024) at compile time.
  const uncompiled = pin as (value: number) => number;
  const err = t.throws(() => uncompiled(1), { instanceOf: InvalidPlanError });
  t.regex(err.message, /transformer/);
  t.regex(err.message, /tspc/);
  t.regex(err.message, /compilerOptions\.plugins/);
});
