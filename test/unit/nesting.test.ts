// Deep nesting never blows the stack: plans, column expressions, DSL lambdas and
// createDataFrame data nested past the limits fail with InvalidPlanError naming the limit
// and the fix (a circular object naming the path to the cycle), through the Effect error
// channel for plans; and a server's nesting failures map to typed errors.
import test from "ava";
import * as grpc from "@grpc/grpc-js";
import { create } from "@bufbuild/protobuf";
import { Effect, Exit, Cause } from "effect";
import { Field, Int32, List } from "apache-arrow";
import { PlanSchema } from "../../generated/spark/connect/base_pb.js";
import { RelationSchema } from "../../generated/spark/connect/relations_pb.js";
import { ExpressionSchema } from "../../generated/spark/connect/expressions_pb.js";
import { InvalidPlanError, InvalidPlanInputError, SparkError, TransportError } from "../../runtime/errors.js";
import { fromGrpcError } from "../../runtime/internal/grpcErrors.js";
import { col, lit, SparkSession } from "../../src/index.js";
import * as Spark from "../../src/effect.js";
import { encodeExpression } from "../../src/expr/encodeExpression.js";
import { encodeRelation } from "../../src/plan/encodeRelation.js";
import { JoinNode } from "../../src/plan/JoinNode.js";
import { LimitNode } from "../../src/plan/LimitNode.js";
import { RangeNode } from "../../src/plan/RangeNode.js";
import type { PlanNode } from "../../src/plan/PlanNode.js";
import { MAX_PLAN_NESTING, protoNesting, SERVER_NESTING_LIMIT } from "../../src/plan/nesting.js";
import { inferSchema, MAX_DATA_NESTING, rowsToLocalData, sparkTypeOfArrow } from "../../src/internal/localRelation.js";
import { bodyColumn } from "../../src/dsl/lower.js";
import { DSL_IR_VERSION, type CompiledLambda, type DslExpr } from "../../src/dsl/ir.js";
import type { DataType } from "../../src/types/DataType.js";

const TOO_DEEP = /nests (more than )?\d+ protobuf message levels deep.*1024 levels \(spark\.connect\.grpc\.marshallerRecursionLimit\).*createOrReplaceTempView.*spark\.table/s;

/** A Column nesting `n` additions: depth 2n+1 as an Expression (UnresolvedFunction, argument, ...). */
function chain(n: number) {
  let c = col("id");
  for (let i = 0; i < n; i++) c = c.plus(lit(1n));
  return c;
}

/** The most links of a chain whose depth, 2n+1, is within the limit. */
const AT = Math.floor((MAX_PLAN_NESTING - 1) / 2);

/** A plan of `n` limits over a range: depth 2n+1 as a Relation. */
function limits(n: number): PlanNode {
  let p: PlanNode = RangeNode.create(0n, 3n, 1n);
  for (let i = 0; i < n; i++) p = LimitNode.create(p, 10);
  return p;
}

test("the client's limit leaves room below the server's for the request around the plan", (t) => {
  t.is(SERVER_NESTING_LIMIT, 1024);
  t.true(MAX_PLAN_NESTING <= SERVER_NESTING_LIMIT - 16);
});

test("protoNesting counts message levels, a map entry as one", (t) => {
  t.is(protoNesting(RelationSchema, create(RelationSchema)), 0);
  t.is(protoNesting(RelationSchema, encodeRelation(limits(0))), 1); // Relation > Range
  t.is(protoNesting(RelationSchema, encodeRelation(limits(3))), 7);
  const sql = create(RelationSchema, { relType: { case: "sql", value: { query: "SELECT :x", namedArguments: { x: create(ExpressionSchema, { exprType: { case: "literal", value: { literalType: { case: "integer", value: 1 } } } }) } } } });
  t.is(protoNesting(RelationSchema, sql), 4); // Relation > SQL > entry > Expression > Literal
  t.is(protoNesting(PlanSchema, create(PlanSchema, { opType: { case: "root", value: sql } })), 5);
});

test("a column expression nested right at the limit encodes; one level past fails naming the depth and the fix", (t) => {
  const at = encodeExpression(chain(AT).node);
  t.is(protoNesting(ExpressionSchema, at), MAX_PLAN_NESTING - 1); // the deepest odd depth within the limit
  const err = t.throws(() => encodeExpression(chain(AT + 1).node), { instanceOf: InvalidPlanError });
  t.regex(err.message, /^The column expression nests 1001 protobuf message levels deep, more than the 1000 this client sends/);
  t.regex(err.message, TOO_DEEP);
});

test("a 10000-deep Column chain fails with InvalidPlanError, not a stack overflow", (t) => {
  const err = t.throws(() => encodeExpression(chain(10_000).node), { instanceOf: InvalidPlanError });
  t.regex(err.message, /^The column expression nests more than 1000 protobuf message levels deep/);
  t.regex(err.message, /aggregate\(array\(\.\.\.cols\)/);
});

test("a plan nested right at the limit encodes; deeper ones, 10000 deep included, fail typed", (t) => {
  t.is(protoNesting(RelationSchema, encodeRelation(limits(AT))), MAX_PLAN_NESTING - 1);
  t.throws(() => encodeRelation(limits(AT + 1)), { instanceOf: InvalidPlanError, message: /^The plan nests 1001 protobuf/ });
  t.throws(() => encodeRelation(limits(10_000)), { instanceOf: InvalidPlanError, message: TOO_DEEP });
});

test("a shared subplan (a self-join) nests as deep as one side, not twice", (t) => {
  const side = limits(400);
  const join = JoinNode.create(side, side, undefined, "cross", []);
  t.is(protoNesting(RelationSchema, encodeRelation(join)), 803);
});

// A session with no server: plans fail before anything is sent.
const offline = () => SparkSession.connect("sc://127.0.0.1:1", { retry: { maxRetries: 0 } });

test("actions on too deep DataFrames fail in the Effect error channel, and the session stays usable", async (t) => {
  const spark = await offline();
  let df = spark.range(3);
  for (let i = 0; i < 10_000; i++) df = df.filter(col("id").gt(i));
  const exit = await Effect.runPromiseExit(Spark.collect(df));
  t.true(Exit.isFailure(exit));
  if (Exit.isFailure(exit)) {
    t.false(Cause.hasDies(exit.cause), "a typed failure, not a defect");
    const failure = Cause.squash(exit.cause);
    t.true(failure instanceof InvalidPlanError, String(failure));
  }
  // The Promise facade rejects with the error itself.
  await t.throwsAsync(df.count(), { instanceOf: InvalidPlanError, message: TOO_DEEP });
  await t.throwsAsync(spark.range(3).select(chain(10_000).alias("v")).collect(), { instanceOf: InvalidPlanError, message: TOO_DEEP });
  await t.throwsAsync(spark.range(3).filter(chain(600).gt(0)).schema(), { instanceOf: InvalidPlanError, message: /^The plan nests 12\d\d protobuf/ });
  // The session still works: a plan within the limit reaches the transport (and fails there, as nothing listens).
  await t.throwsAsync(spark.range(3).collect(), { instanceOf: TransportError });
  await spark.close();
});

test("a write's condition is checked too", async (t) => {
  const spark = await offline();
  await t.throwsAsync(spark.range(3).writeTo("t").overwrite(chain(10_000).gt(0)), { instanceOf: InvalidPlanError, message: /^The column expression nests more than 1000/ });
  await t.throwsAsync(spark.range(3).writeTo("t").overwrite(chain(AT - 1).gt(0)), { instanceOf: TransportError });
  await spark.close();
});

// ---- createDataFrame ----

function nested(depth: number, wrap: (v: unknown) => unknown, leaf: unknown = 1): unknown {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = wrap(v);
  return v;
}

test("createDataFrame data nested right at the limit converts; one more level fails naming the path and the limit", (t) => {
  for (const wrap of [(v: unknown) => ({ a: v }), (v: unknown) => [v], (v: unknown) => new Map([["k", v]])]) {
    t.notThrows(() => rowsToLocalData([{ x: nested(MAX_DATA_NESTING, wrap) }]));
    const err = t.throws(() => rowsToLocalData([{ id: 1 }, { x: nested(MAX_DATA_NESTING + 1, wrap) }]), { instanceOf: InvalidPlanError });
    t.regex(err.message, /^createDataFrame\(\): rows\[1\]\.x(\.a|\[0\]|\.get\("k"\)){30} nests more than 30 levels of objects, arrays and Maps/);
    t.regex(err.message, /JSON\.stringify/);
  }
});

test("createDataFrame of 10000-deep data fails typed, not with a stack overflow", (t) => {
  t.throws(() => rowsToLocalData([{ x: nested(10_000, (v) => ({ a: v })) }]), { instanceOf: InvalidPlanError, message: /nests more than 30 levels/ });
  t.throws(() => inferSchema([[nested(10_000, (v) => [v])]]), { instanceOf: InvalidPlanError, message: /^createDataFrame\(\): rows\[0\]\[0\]\[0\]/ });
});

test("a circular object in createDataFrame fails naming the path to the cycle", (t) => {
  const row: Record<string, unknown> = { a: { b: null } };
  (row["a"] as Record<string, unknown>)["b"] = row;
  t.throws(() => rowsToLocalData([row]), { instanceOf: InvalidPlanError, message: /^createDataFrame\(\): rows\[0\]\.a\.b refers back to rows\[0\], a circular reference/ });

  const p: Record<string, unknown> = { x: 1 };
  p["self"] = p;
  t.throws(() => rowsToLocalData([{ id: 1 }, { id: 2, p }]), { message: /rows\[1\]\.p\.self refers back to rows\[1\]\.p,/ });

  const list: unknown[] = [1];
  list.push([list]);
  t.throws(() => rowsToLocalData([{ list }]), { message: /rows\[0\]\.list\[1\]\[0\] refers back to rows\[0\]\.list,/ });

  const m = new Map<string, unknown>();
  m.set("k", { back: m });
  t.throws(() => rowsToLocalData([{ m }]), { message: /rows\[0\]\.m\.get\("k"\)\.back refers back to rows\[0\]\.m,/ });

  const odd: Record<string, unknown> = {};
  odd["a b"] = odd;
  t.throws(() => rowsToLocalData([{ odd }]), { message: /rows\[0\]\.odd\["a b"\] refers back to rows\[0\]\.odd,/ });
});

test("the same object twice in a row is not a cycle", (t) => {
  const shared = { v: 1 };
  t.notThrows(() => rowsToLocalData([{ a: shared, b: shared, c: [shared, shared] }]));
});

test("schemas nested past the limit, or circular, fail typed", (t) => {
  t.notThrows(() => rowsToLocalData([], `x ${"ARRAY<".repeat(MAX_DATA_NESTING)}INT${">".repeat(MAX_DATA_NESTING)}`));
  t.throws(() => rowsToLocalData([], `x ${"ARRAY<".repeat(MAX_DATA_NESTING + 1)}INT${">".repeat(MAX_DATA_NESTING + 1)}`), {
    instanceOf: InvalidPlanError,
    message: /the schema nests more than 30 levels of structs, arrays and maps at column "x(\[\]){30}"/,
  });
  t.throws(() => rowsToLocalData([], `x ${"ARRAY<".repeat(200_000)}INT${">".repeat(200_000)}`), { instanceOf: InvalidPlanError, message: /nests more than 30 levels/ });
  const self: { kind: "struct"; fields: { name: string; dataType: DataType; nullable: boolean }[] } = { kind: "struct", fields: [] };
  self.fields.push({ name: "me", dataType: self, nullable: true });
  t.throws(() => rowsToLocalData([{ me: null }], self), { instanceOf: InvalidPlanError, message: /refers back to itself/ });
});

test("an Arrow table type nested past the limit fails typed", (t) => {
  const deep = (n: number) => {
    let type: List | Int32 = new Int32();
    for (let i = 0; i < n; i++) type = new List(new Field("e", type, true));
    return type;
  };
  t.is(sparkTypeOfArrow(deep(MAX_DATA_NESTING), "x").kind, "array");
  t.throws(() => sparkTypeOfArrow(deep(MAX_DATA_NESTING + 1), "x"), { instanceOf: InvalidPlanError, message: /column "x(\[\]){30}" of the Arrow table nests more than 30/ });
});

// ---- the DSL ----

function lambda(e: DslExpr): CompiledLambda {
  return { [Symbol.for("spark-connect-ts.dsl.lambda")]: DSL_IR_VERSION, use: "value", body: { k: "expr", e }, pins: [] } as unknown as CompiledLambda;
}

test("a deeply nested DSL lambda IR fails typed while lowering", (t) => {
  let e: DslExpr = { k: "col", row: 0, path: ["n"], t: "bigint" };
  for (let i = 0; i < 10_000; i++) e = { k: "bin", op: "+", l: e, r: { k: "lit", v: { bigint: "1" } }, t: "bigint" };
  t.throws(() => bodyColumn(lambda(e), [{ plan: undefined }]), { instanceOf: InvalidPlanError, message: /^This query lambda nests more than 1000 protobuf message levels deep/ });

  let ok: DslExpr = { k: "col", row: 0, path: ["n"], t: "bigint" };
  for (let i = 0; i < 400; i++) ok = { k: "bin", op: "+", l: ok, r: { k: "lit", v: { bigint: "1" } }, t: "bigint" };
  const column = bodyColumn(lambda(ok), [{ plan: undefined }]);
  t.is(protoNesting(ExpressionSchema, encodeExpression(column.node)), 801);
});

// ---- the server's nesting failures ----

const where = { target: "127.0.0.1:15002", redact: (s: string) => s };
function unknown(details: string): grpc.ServiceError {
  return Object.assign(new Error(`2 UNKNOWN: ${details}`), { code: grpc.status.UNKNOWN, details, metadata: new grpc.Metadata() });
}

test("a request the server cannot parse (its recursion limit) maps to InvalidPlanInputError naming the limit", (t) => {
  // What a Spark 4.1 server answers to a plan nested past spark.connect.grpc.marshallerRecursionLimit.
  const err = fromGrpcError(unknown("Application error processing RPC"), where);
  t.true(err instanceof InvalidPlanInputError);
  t.is(err._tag, "InvalidPlanInputError");
  t.regex(err.message, /could not read the request.*spark\.connect\.grpc\.marshallerRecursionLimit.*createOrReplaceTempView/s);
});

test("an UNKNOWN failure without a message (a StackOverflowError on the server) maps to SparkError naming the nesting and -Xss", (t) => {
  const err = fromGrpcError(unknown(""), where);
  t.true(err instanceof SparkError);
  t.is(err._tag, "SparkError");
  t.regex(err.message, /failed without a message.*StackOverflowError.*nested deeper.*-Xss16m/s);
});

test("other UNKNOWN failures stay transport errors", (t) => {
  const err = fromGrpcError(unknown("something else"), where);
  t.true(err instanceof TransportError);
  t.regex(err.message, /something else/);
});

test("showing a 10000-deep Column or DataFrame (inspect, String) does not overflow the stack", async (t) => {
  const { inspect } = await import("node:util");
  const spark = await offline();
  let df = spark.range(3);
  for (let i = 0; i < 10_000; i++) df = df.filter(col("id").gt(i)).withColumn(`c${i % 3}`, lit(i));
  const c = chain(10_000);
  t.notThrows(() => inspect(c));
  t.notThrows(() => String(c));
  t.regex(inspect(c), /…/, "the text is cut where it gets too deep");
  t.notThrows(() => inspect(df));
  t.notThrows(() => String(df));
  await spark.close();
});
