// The table of protocol features newer than Spark 3.5 and the rewrites for older servers
// (runtime/internal/serverFeatures.ts), without a server: a stand-in context answers the
// version, and fails the test if the version is asked when it need not be.
import test from "ava";
import { create, type DescMessage } from "@bufbuild/protobuf";
import * as Effect from "effect/Effect";
import { AnalyzePlanRequestSchema, type Plan, PlanSchema } from "../../generated/spark/connect/base_pb.js";
import { Expression_Cast_EvalMode } from "../../generated/spark/connect/expressions_pb.js";
import type { CallContext } from "../../runtime/CallContext.js";
import { UnsupportedByServerError } from "../../runtime/errors.js";
import { adaptToServer, FEATURES, featuresUsed, olderThan } from "../../runtime/internal/serverFeatures.js";

/** A context whose server is `version`; `asked` counts version requests. */
function server(version: string | undefined) {
  let known: string | undefined;
  const state = { asked: 0 };
  const ctx = {
    serverVersion: () => known,
    rememberServerVersion: (v: string) => (known = v),
    call: () => {
      state.asked++;
      return Effect.succeed({ result: version === undefined ? { case: undefined } : { case: "sparkVersion", value: { version } } });
    },
  } as unknown as CallContext;
  return { ctx, state };
}

const lit = (n: number) => ({ exprType: { case: "literal" as const, value: { literalType: { case: "integer" as const, value: n } } } });
const sqlPlan = (named: Record<string, unknown>, positional: unknown[] = []) =>
  create(PlanSchema, {
    opType: { case: "root", value: { relType: { case: "sql", value: { query: "SELECT :a", namedArguments: named as never, posArguments: positional as never } } } },
  });
const sqlCommand = (named: Record<string, unknown>) =>
  create(PlanSchema, {
    opType: {
      case: "command",
      value: { commandType: { case: "sqlCommand", value: { input: { relType: { case: "sql", value: { query: "SELECT :a", namedArguments: named as never } } } } } },
    },
  });
const tryCast = () =>
  create(PlanSchema, {
    opType: {
      case: "root",
      value: {
        relType: {
          case: "project",
          value: {
            expressions: [{ exprType: { case: "cast", value: { expr: lit(1), castToType: { case: "typeStr", value: "int" }, evalMode: Expression_Cast_EvalMode.TRY } } }],
          },
        },
      },
    },
  });

const run = <A>(e: Effect.Effect<A, unknown>) => Effect.runPromise(Effect.result(e));

test("versions compare numerically; previews count as their release", (t) => {
  t.true(olderThan("3.5.9", "4.0"));
  t.true(olderThan("4.0.5", "4.1"));
  t.false(olderThan("4.1.0", "4.1"));
  t.false(olderThan("4.10.0", "4.9"));
  t.true(olderThan("4.1.0-preview1", "4.2"));
  t.false(olderThan("4.1.0-preview1", "4.1"));
});

test("every key of the table names a field the client's protocol has", (t) => {
  const seen = new Set<string>();
  const visit = (d: DescMessage) => {
    if (seen.has(d.typeName)) return;
    seen.add(d.typeName);
    for (const f of d.fields) {
      seen.add(`${d.typeName}.${f.name}`);
      if (f.message) visit(f.message);
    }
  };
  visit(PlanSchema);
  visit(AnalyzePlanRequestSchema);
  for (const key of Object.keys(FEATURES)) t.true(seen.has(key), key);
  for (const f of Object.values(FEATURES)) t.regex(f.since, /^4\.[01]$/);
});

test("a plan without newer parts goes out as it is, without asking the version", async (t) => {
  const { ctx, state } = server("3.5.9");
  const plan = create(PlanSchema, { opType: { case: "root", value: { relType: { case: "range", value: { end: 10n, step: 1n } } } } });
  t.deepEqual(featuresUsed(PlanSchema, plan), []);
  const r = await run(adaptToServer(ctx, PlanSchema, plan));
  t.true(r._tag === "Success" && r.success === plan);
  t.is(state.asked, 0);
});

test("on a new enough server a plan is sent unchanged, and the version is asked once per session", async (t) => {
  const { ctx, state } = server("4.1.1");
  const plan = tryCast();
  for (let i = 0; i < 3; i++) {
    const r = await run(adaptToServer(ctx, PlanSchema, plan));
    t.true(r._tag === "Success" && r.success === plan);
  }
  t.is(state.asked, 1);
});

test("on 3.5, literal SQL parameters move to the fields 3.5 reads; the caller's plan is not changed", async (t) => {
  const { ctx } = server("3.5.9");
  const plan = sqlPlan({ a: lit(1) }, [lit(2)]);
  const r = await run(adaptToServer(ctx, PlanSchema, plan));
  if (r._tag !== "Success") return t.fail(String(r.failure));
  const sent = r.success as Plan;
  t.not(sent, plan);
  const sql = sent.opType.case === "root" && sent.opType.value.relType.case === "sql" ? sent.opType.value.relType.value : undefined;
  t.deepEqual(Object.keys(sql!.args), ["a"]);
  t.is(sql!.posArgs.length, 1);
  t.deepEqual(sql!.namedArguments, {});
  t.deepEqual(sql!.posArguments, []);
  const original = plan.opType.case === "root" && plan.opType.value.relType.case === "sql" ? plan.opType.value.relType.value : undefined;
  t.deepEqual(Object.keys(original!.namedArguments), ["a"]);
});

test("on 3.5, spark.sql's command carries the query and literal parameters itself", async (t) => {
  const { ctx } = server("3.5.9");
  const r = await run(adaptToServer(ctx, PlanSchema, sqlCommand({ a: lit(1) })));
  if (r._tag !== "Success") return t.fail(String(r.failure));
  const sent = r.success as Plan;
  const c = sent.opType.case === "command" && sent.opType.value.commandType.case === "sqlCommand" ? sent.opType.value.commandType.value : undefined;
  t.is(c!.sql, "SELECT :a");
  t.deepEqual(Object.keys(c!.args), ["a"]);
  t.is(c!.input, undefined);
});

test("on 3.5, a parameter that is an expression fails with UnsupportedByServerError naming it", async (t) => {
  const { ctx } = server("3.5.9");
  const fn = { exprType: { case: "unresolvedFunction", value: { functionName: "array", arguments: [lit(1)] } } };
  for (const plan of [sqlPlan({ a: fn }), sqlCommand({ a: fn })]) {
    const r = await run(adaptToServer(ctx, PlanSchema, plan));
    if (r._tag !== "Failure") return t.fail("accepted");
    const e = r.failure as UnsupportedByServerError;
    t.true(e instanceof UnsupportedByServerError);
    t.is(e.serverVersion, "3.5.9");
    t.regex(e.message, /a SQL parameter that is an expression, not a literal value, needs Spark ≥ 4\.0; this server is 3\.5\.9/);
  }
});

test("a feature without an older form is refused, naming the feature and both versions", async (t) => {
  for (const version of ["3.5.9", "3.5.0"]) {
    const { ctx } = server(version);
    const r = await run(adaptToServer(ctx, PlanSchema, tryCast()));
    if (r._tag !== "Failure") return t.fail("accepted");
    const e = r.failure as UnsupportedByServerError;
    t.is(e.feature, "`tryCast` (a cast with an evaluation mode)");
    t.regex(e.message, new RegExp(`needs Spark ≥ 4\\.0; this server is ${version.replace(/\./g, "\\.")}`));
  }
});

test("a server that does not say its version is taken as current", async (t) => {
  const { ctx } = server(undefined);
  const plan = tryCast();
  const r = await run(adaptToServer(ctx, PlanSchema, plan));
  t.true(r._tag === "Success" && r.success === plan);
});
