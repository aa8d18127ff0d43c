// The DSL's type tests live in test/types/dsl.types.ts: a type test that fails is a type
// error, which fails the build (and so `npm test`). This test puts the layer in the test
// count: the compiled file exists, and the transformer compiled its query lambdas.
import test from "ava";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const compiled = fileURLToPath(new URL("../types/dsl.types.js", import.meta.url));

test("the DSL type tests compiled (test/types/dsl.types.ts)", (t) => {
  t.true(existsSync(compiled), "dist/test/types/dsl.types.js is missing: run `npm run build`");
  t.regex(readFileSync(compiled, "utf8"), /Symbol\.for\("spark-connect-ts\.dsl\.lambda"\)/, "the transformer did not compile the lambdas of the type tests");
});
