// The table of accepted methods and functions (transformer/constructs.ts) against the
// runtime lowering (src/dsl/lower.ts) and the documentation (docs/dsl.md); the IR
// version written by the transformer against the one the runtime reads.
import test from "ava";
import { readFileSync } from "node:fs";
import { ARRAY_METHODS, DATE_METHODS, GLOBALS, STRING_METHODS } from "../../transformer/constructs.js";
import { IR_VERSION } from "../../transformer/rewrite.js";
import { COMPILED_LAMBDA, DSL_IR_VERSION } from "../../src/dsl/ir.js";
import { LOWERED } from "../../src/dsl/lower.js";
import { lambdaColumn, UNQUALIFIED } from "../../src/dsl/lambda.js";
import { InvalidPlanError } from "../../runtime/errors.js";

const TABLES = { string: STRING_METHODS, array: ARRAY_METHODS, date: DATE_METHODS, global: GLOBALS } as const;

test("every accepted method and function has a lowering, and the lowering nothing the transformer does not accept", (t) => {
  for (const [on, table] of Object.entries(TABLES)) {
    t.deepEqual([...LOWERED[on as keyof typeof TABLES]].sort(), Object.keys(table).sort(), on);
  }
});

test("docs/dsl.md lists every accepted method and function", (t) => {
  const doc = readFileSync("docs/dsl.md", "utf8");
  const missing = Object.values(TABLES)
    .flatMap((table) => Object.keys(table))
    .filter((name) => !doc.includes(name.replace(/^Math\./, "")));
  t.deepEqual(missing, []);
});

test("the transformer writes the IR version the runtime reads", (t) => {
  t.is(IR_VERSION, DSL_IR_VERSION);
});

test("IR of another version is refused with the fix (recompile)", (t) => {
  const old = { [COMPILED_LAMBDA]: 1, use: "condition", body: { k: "expr", e: { k: "lit", v: true } }, pins: [] };
  const err = t.throws(() => lambdaColumn("where", old, UNQUALIFIED), { instanceOf: InvalidPlanError });
  t.regex(err.message, /version 1/);
  t.regex(err.message, /reads version 2/);
  t.regex(err.message, /Recompile/);
});

test("a construct unknown to the runtime is refused with the fix", (t) => {
  const future = {
    [COMPILED_LAMBDA]: DSL_IR_VERSION,
    use: "value",
    body: { k: "expr", e: { k: "method", on: "string", name: "normalize", recv: { k: "lit", v: "x" }, args: [], t: "string" } },
    pins: [],
  };
  const err = t.throws(() => lambdaColumn("withColumn", future, UNQUALIFIED), { instanceOf: InvalidPlanError });
  t.regex(err.message, /string\.normalize/);
  t.regex(err.message, /Recompile/);
});

test("every Spark function of F names a function of spark-connect-ts/functions", async (t) => {
  const { F } = await import("../../src/dsl/sparkFunctions.js");
  const functions = (await import("../../src/functions/index.js")) as unknown as Record<string, unknown>;
  for (const [key, f] of Object.entries(F)) {
    const [what, name, kinds] = (f as unknown as { __sparkDsl: string }).__sparkDsl.split(" ");
    t.true(what === "function" || what === "window-function", what);
    t.is(name, key);
    t.is(typeof functions[name!], "function", name);
    t.regex(kinds!, /^[cv]*(?:[cv]\*)?$/, name);
  }
});

test("docs/dsl.md lists every Spark function of F", async (t) => {
  const { F } = await import("../../src/dsl/sparkFunctions.js");
  const doc = readFileSync("docs/dsl.md", "utf8");
  t.deepEqual(
    Object.keys(F).filter((name) => !doc.includes(`\`${name}\``)),
    [],
  );
});

test("the differential suite exercises every accepted method and function", (t) => {
  const cases = readFileSync("scripts/genDslDifferential.ts", "utf8");
  const missing: string[] = [];
  for (const [on, table] of Object.entries(TABLES)) {
    for (const name of Object.keys(table)) {
      const form = on === "global" ? `${name}(` : table[name]!.property ? `.${name}` : `.${name}(`;
      if (!cases.includes(form)) missing.push(`${on} ${name}`);
    }
  }
  t.deepEqual(missing, []);
});
