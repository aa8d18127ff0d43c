// The PySpark DataFrame API without a server: the plans it sends (shaped as PySpark
// Connect 4.1 sends them), its argument checks, and the server features each new part
// needs, so that an older server fails with UnsupportedByServerError.
import test from "ava";
import { create } from "@bufbuild/protobuf";
import * as Effect from "effect/Effect";
import { type Plan, PlanSchema } from "../../generated/spark/connect/base_pb.js";
import type { Command } from "../../generated/spark/connect/commands_pb.js";
import { type Expression, Expression_Cast_EvalMode, MergeAction_ActionType, SubqueryExpression_SubqueryType } from "../../generated/spark/connect/expressions_pb.js";
import { Join_JoinType, type Relation } from "../../generated/spark/connect/relations_pb.js";
import type { CallContext } from "../../runtime/CallContext.js";
import { InvalidPlanError, UnsupportedByServerError } from "../../runtime/errors.js";
import { adaptToServer, FEATURES, featuresUsed } from "../../runtime/internal/serverFeatures.js";
import { SparkSession, type DataFrame } from "../../src/index.js";
import { col, lit, max, struct } from "../../src/functions/index.js";
import { encodeExpression } from "../../src/expr/encodeExpression.js";
import { encodeDataType } from "../../src/expr/encodeDataType.js";
import { encodeRelation, planEncoder } from "../../src/plan/encodeRelation.js";
import type { DataType } from "../../src/types/DataType.js";

const spark = await SparkSession.connect("sc://127.0.0.1:1", { retry: { maxRetries: 0 } });
test.after.always(() => spark.close());

const a = spark.table("a");
const b = spark.table("b");

const rel = (df: DataFrame<unknown>): Relation => encodeRelation(df.plan);
const root = (df: DataFrame<unknown>): Plan => create(PlanSchema, { opType: { case: "root", value: rel(df) } });

/** The body of a relation of one type; fails the test (by throwing) for another type. */
function body<C extends NonNullable<Relation["relType"]["case"]>>(r: Relation, c: C): Extract<Relation["relType"], { case: C }>["value"] {
  if (r.relType.case !== c) throw new Error(`expected ${c}, got ${r.relType.case}`);
  return r.relType.value as never;
}

function exprBody<C extends NonNullable<Expression["exprType"]["case"]>>(e: Expression | undefined, c: C): Extract<Expression["exprType"], { case: C }>["value"] {
  if (e?.exprType.case !== c) throw new Error(`expected ${c}, got ${e?.exprType.case}`);
  return e.exprType.value as never;
}

/** A context whose server is `version`. */
function server(version: string): CallContext {
  let known: string | undefined;
  return {
    serverVersion: () => known,
    rememberServerVersion: (v: string) => (known = v),
    call: () => Effect.succeed({ result: { case: "sparkVersion", value: { version } } }),
  } as unknown as CallContext;
}

/** Sends `plan` to a 3.5 server: the failure, when the plan needs a newer one. */
async function on35(plan: Plan): Promise<unknown> {
  const r = await Effect.runPromise(Effect.result(adaptToServer(server("3.5.9"), PlanSchema, plan)));
  return r._tag === "Failure" ? r.failure : undefined;
}

test("scalar(): the relation using it goes inside a WithRelations whose reference is the subquery's plan", (t) => {
  const sub = b.select(max("x"));
  const r = rel(a.select(col("k"), sub.scalar().alias("m")));
  const w = body(r, "withRelations");
  t.not(r.common?.planId, w.root?.common?.planId, "the wrapper has an id of its own");
  t.is(w.references.length, 1);
  const project = body(w.root!, "project");
  const s = exprBody(exprBody(project.expressions[1], "alias").expr, "subqueryExpression");
  t.is(s.subqueryType, SubqueryExpression_SubqueryType.SCALAR);
  t.is(s.planId as bigint | undefined, w.references[0]!.common?.planId, "the expression refers to the reference by plan id");
  t.is(body(w.references[0]!, "project").expressions.length, 1);
  // The input of the project (the table) is not wrapped: only the node whose expressions read the subquery.
  t.is(body(project.input!, "read").readType.case, "namedTable");
});

test("a plan read twice is one reference; subqueries inside a reference get their own WithRelations", (t) => {
  const sub = b.select(max("x"));
  const r = rel(a.where(col("k").eq(sub.scalar()).or(col("j").eq(sub.scalar()))));
  t.is(body(r, "withRelations").references.length, 1);

  const inner = b.where(spark.table("c").exists());
  const nested = body(rel(a.where(inner.exists())), "withRelations");
  t.is(nested.references.length, 1);
  const ref = body(nested.references[0]!, "withRelations");
  t.is(ref.references.length, 1);
  t.is(body(ref.root!, "filter").condition?.exprType.case, "subqueryExpression");
  // Encoding is stable: the same DataFrame encodes to the same relation, ids included.
  const df = a.where(inner.exists());
  t.deepEqual(rel(df), rel(df));
});

test("exists() and isin(DataFrame): EXISTS, and IN with the value, or a struct's fields, as in_subquery_values", (t) => {
  const e = exprBody(body(body(rel(a.where(b.exists())), "withRelations").root!, "filter").condition, "subqueryExpression");
  t.is(e.subqueryType, SubqueryExpression_SubqueryType.EXISTS);
  t.deepEqual(e.inSubqueryValues, []);
  const one = exprBody(body(body(rel(a.where(col("k").isin(b.select("x")))), "withRelations").root!, "filter").condition, "subqueryExpression");
  t.is(one.subqueryType, SubqueryExpression_SubqueryType.IN);
  t.is(one.inSubqueryValues.length, 1);
  const two = exprBody(body(body(rel(a.where(struct(col("k"), col("j")).isin(b.select("x", "y")))), "withRelations").root!, "filter").condition, "subqueryExpression");
  t.deepEqual(two.inSubqueryValues.map((v) => exprBody(v, "unresolvedAttribute").unparsedIdentifier), ["k", "j"]);
  // isin with values is still the `in` function.
  t.is(exprBody(body(rel(a.where(col("k").isin(1, 2))), "filter").condition, "unresolvedFunction").functionName, "in");
});

test("asTable(): a TABLE_ARG subquery with its partitioning and ordering", (t) => {
  const arg = b.asTable().partitionBy("k").orderBy(col("t").desc());
  const s = exprBody(body(body(rel(a.select(arg)), "withRelations").root!, "project").expressions[0], "subqueryExpression");
  t.is(s.subqueryType, SubqueryExpression_SubqueryType.TABLE_ARG);
  t.is(s.tableArgOptions?.partitionSpec.length, 1);
  t.is(s.tableArgOptions?.orderSpec.length, 1);
  t.is(s.tableArgOptions?.withSinglePartition, undefined);
  const single = exprBody(body(body(rel(a.select(b.asTable().withSinglePartition())), "withRelations").root!, "project").expressions[0], "subqueryExpression");
  t.is(single.tableArgOptions?.withSinglePartition, true);
  // PySpark's rules: partition once (by columns or into one partition), then order.
  t.throws(() => b.asTable().partitionBy("k").withSinglePartition(), { instanceOf: InvalidPlanError, message: /already partitioned/ });
  t.throws(() => b.asTable().withSinglePartition().partitionBy("k"), { instanceOf: InvalidPlanError, message: /already partitioned/ });
  t.throws(() => b.asTable().orderBy("t"), { instanceOf: InvalidPlanError, message: /before orderBy/ });
  t.is(exprBody(body(body(rel(a.select(b.asTable().withSinglePartition().orderBy(["t", "u"]))), "withRelations").root!, "project").expressions[0], "subqueryExpression").tableArgOptions?.orderSpec.length, 2);
});

test("a subquery expression outside a DataFrame operation is refused", (t) => {
  t.throws(() => encodeExpression(b.scalar().node), { instanceOf: InvalidPlanError, message: /can only be used in a DataFrame operation/ });
});

test("lateralJoin: the lateral_join relation; join types as PySpark accepts them", (t) => {
  const j = body(rel(a.lateralJoin(b, col("x").eq(col("k").outer()), "left_outer")), "lateralJoin");
  t.is(j.joinType, Join_JoinType.LEFT_OUTER);
  t.is(j.joinCondition?.exprType.case, "unresolvedFunction");
  t.is(body(rel(a.lateralJoin(b)), "lateralJoin").joinType, Join_JoinType.INNER);
  t.is(body(rel(a.lateralJoin(b, undefined, "cross")), "lateralJoin").joinType, Join_JoinType.CROSS);
  t.throws(() => a.lateralJoin(b, undefined, "full"), { instanceOf: InvalidPlanError, message: /inner, left/ });
  t.throws(() => a.lateralJoin(b, "x = k" as never), { instanceOf: InvalidPlanError, message: /Column condition/ });
});

test("join without a condition is sent as PySpark sends it: the given type (inner by default), no condition", (t) => {
  const inner = body(rel(a.join(b)), "join");
  t.is(inner.joinType, Join_JoinType.INNER);
  t.is(inner.joinCondition, undefined);
  t.is(body(rel(a.join(b, undefined, "cross")), "join").joinType, Join_JoinType.CROSS);
  t.is(body(rel(a.join(b, null as never, "left")), "join").joinType, Join_JoinType.LEFT_OUTER);
});

test("orderBy/sort { ascending }: directions per key, explicit orders kept, wrong lists refused", (t) => {
  const dirs = (df: DataFrame<unknown>) => body(rel(df), "sort").order.map((o) => o.direction);
  t.deepEqual(dirs(a.orderBy("x", "y")), [1, 1]);
  t.deepEqual(dirs(a.orderBy("x", "y", { ascending: false })), [2, 2]);
  t.deepEqual(dirs(a.sort(["x", "y"], { ascending: [true, false] })), [1, 2]);
  t.deepEqual(dirs(a.orderBy(col("x").desc(), "y", { ascending: [true, true] })), [2, 1]);
  t.deepEqual(dirs(a.orderBy(col("x").asc(), { ascending: false })), [1]);
  t.throws(() => a.orderBy("x", { ascending: [true, false] }), { instanceOf: InvalidPlanError, message: /1 key/ });
  t.throws(() => a.orderBy("x", { ascending: "no" as never }), { instanceOf: InvalidPlanError, message: /boolean/ });
  t.throws(() => a.orderBy("x", 3 as never), { instanceOf: InvalidPlanError, message: /column names or Columns/ });
});

test("groupingSets: GROUPING_SETS with the sets and the grouping columns", (t) => {
  const agg = body(rel(a.groupingSets([["x", "y"], ["x"], []], "x", "y").agg(max("z"))), "aggregate");
  t.is(agg.groupingSets.length, 3);
  t.deepEqual(agg.groupingSets.map((s) => s.groupingSet.length), [2, 1, 0]);
  t.is(agg.groupingExpressions.length, 2);
  t.throws(() => a.groupingSets(["x"] as never), { instanceOf: InvalidPlanError, message: /list of column lists/ });
});

test("transpose, to, colRegex, metadataColumn, withMetadata, repartitionById, toJSON and tvf relations", (t) => {
  t.deepEqual(body(rel(a.transpose()), "transpose").indexColumns, []);
  t.is(body(rel(a.transpose("k")), "transpose").indexColumns.length, 1);

  const schema = body(rel(a.to("s STRING, i BIGINT")), "toSchema").schema;
  t.is(schema?.kind.case, "struct");
  t.throws(() => a.to({ kind: "integer" } as never), { instanceOf: InvalidPlanError, message: /StructType/ });

  const regex = exprBody(body(rel(a.select(a.colRegex("`x.*`"))), "project").expressions[0], "unresolvedRegex");
  t.is(regex.colName, "`x.*`");
  t.not(regex.planId, undefined);
  const meta = exprBody(body(rel(a.select(a.metadataColumn("_metadata"))), "project").expressions[0], "unresolvedAttribute");
  t.true(meta.isMetadataColumn);

  const wm = body(rel(a.withMetadata("x", { unit: "EUR" })), "withColumns").aliases[0]!;
  t.deepEqual([wm.name, wm.metadata], [["x"], '{"unit":"EUR"}']);
  t.throws(() => a.withMetadata("x", "unit" as never), { instanceOf: InvalidPlanError });

  const byId = body(rel(a.repartitionById(4, "p")), "repartitionByExpression");
  t.is(byId.numPartitions, 4);
  t.is(exprBody(byId.partitionExprs[0], "directShufflePartitionId").child?.exprType.case, "unresolvedAttribute");
  t.throws(() => a.repartitionById(0, "p"), { instanceOf: InvalidPlanError });

  const json = exprBody(body(rel(a.toJSON()), "project").expressions[0], "alias");
  t.deepEqual(json.name, ["value"]);
  t.is(exprBody(json.expr, "unresolvedFunction").functionName, "to_json");

  const tvf = body(rel(spark.tvf.json_tuple(lit("{}"), lit("a"))), "unresolvedTableValuedFunction");
  t.is(tvf.functionName, "json_tuple");
  t.is(tvf.arguments.length, 2);
  t.is(body(rel(spark.tvf.sqlKeywords()), "unresolvedTableValuedFunction").functionName, "sql_keywords");
  t.is(body(rel(spark.tvf.variant_explode_outer(col("v"))), "unresolvedTableValuedFunction").functionName, "variant_explode_outer");
  t.throws(() => spark.tvf.jsonTuple(lit("{}")), { instanceOf: InvalidPlanError, message: /field name/ });
});

test("cast and tryCast to a DataType object send the protocol's DataType; to a string, the type string", (t) => {
  const cast = (c: ReturnType<typeof col>) => exprBody(body(rel(a.select(c)), "project").expressions[0], "cast");
  t.deepEqual(cast(col("x").cast("int")).castToType, { case: "typeStr", value: "int" });
  const dt = cast(col("x").cast({ kind: "decimal", precision: 10, scale: 2 })).castToType;
  t.is(dt.case, "type");
  t.deepEqual(dt.case === "type" ? dt.value.kind : undefined, { case: "decimal", value: { $typeName: "spark.connect.DataType.Decimal", precision: 10, scale: 2, typeVariationReference: 0 } });
  t.is(cast(col("x").tryCast({ kind: "long" })).evalMode, Expression_Cast_EvalMode.TRY);
  t.is(cast(col("x").astype({ kind: "string" })).castToType.case, "type");
  t.throws(() => col("x").cast(""), { instanceOf: InvalidPlanError });
  t.throws(() => col("x").cast(7 as never), { instanceOf: InvalidPlanError, message: /DataType object/ });
});

test("encodeDataType covers nested types and refuses a user-defined type", (t) => {
  const nested: DataType = {
    kind: "struct",
    fields: [
      { name: "a", dataType: { kind: "array", elementType: { kind: "timestamp_ntz" }, containsNull: false }, nullable: true },
      { name: "m", dataType: { kind: "map", keyType: { kind: "string" }, valueType: { kind: "varchar", length: 3 }, valueContainsNull: true }, nullable: false, metadata: "{}" },
    ],
  };
  const e = encodeDataType(nested);
  if (e.kind.case !== "struct") return t.fail(e.kind.case);
  const [arr, map] = e.kind.value.fields;
  t.is(arr!.dataType?.kind.case, "array");
  t.is(arr!.dataType?.kind.case === "array" ? arr!.dataType.kind.value.elementType?.kind.case : undefined, "timestampNtz");
  t.is(map!.metadata, "{}");
  t.false(map!.nullable);
  t.is(map!.dataType?.kind.case === "map" ? map!.dataType.kind.value.valueType?.kind.case : undefined, "varChar");
  t.throws(() => encodeDataType({ kind: "udt", name: "Point", sqlType: undefined }), { instanceOf: InvalidPlanError, message: /user-defined type Point has no SQL type/ });
  t.is(encodeDataType({ kind: "udt", name: "Point", sqlType: { kind: "binary" } }).kind.case, "binary");
});

test("Column aliases and transform", (t) => {
  const fn = (c: ReturnType<typeof col>) => exprBody(body(rel(a.select(c)), "project").expressions[0], "unresolvedFunction").functionName;
  t.is(fn(col("s").startswith("a")), "startswith");
  t.is(fn(col("s").endswith("a")), "endswith");
  t.is(fn(col("s").transform((c) => c.plus(1))), "+");
  t.throws(() => col("s").transform((() => 1) as never), { instanceOf: InvalidPlanError, message: /must return a Column/ });
  // outer() leaves the column as it is (the server resolves it against the outer query).
  t.deepEqual(col("k").outer().node, col("k").node);
});

test("mergeInto: the MergeIntoTableCommand with its actions; a merge without actions is refused", (t) => {
  const w = a
    .alias("s")
    .mergeInto("target", col("target.id").eq(col("s.id")))
    .whenMatched(col("s.deleted"))
    .delete()
    .whenMatched()
    .update({ amount: col("s.amount") })
    .whenNotMatched()
    .insertAll()
    .whenNotMatchedBySource()
    .update({ active: false })
    .withSchemaEvolution();
  const cmd = { commandType: w.command()(planEncoder()).commandType } as unknown as Command;
  if (cmd.commandType.case !== "mergeIntoTableCommand") return t.fail(String(cmd.commandType.case));
  const m = cmd.commandType.value;
  t.is(m.targetTableName, "target");
  t.true(m.withSchemaEvolution);
  const action = (e: Expression) => exprBody(e, "mergeAction");
  t.deepEqual(m.matchActions.map((e) => action(e).actionType), [MergeAction_ActionType.DELETE, MergeAction_ActionType.UPDATE]);
  t.not(action(m.matchActions[0]!).condition, undefined);
  t.is(action(m.matchActions[1]!).condition, undefined);
  t.is(exprBody(action(m.matchActions[1]!).assignments[0]!.key, "expressionString").expression, "amount");
  t.deepEqual(m.notMatchedActions.map((e) => action(e).actionType), [MergeAction_ActionType.INSERT_STAR]);
  t.is(exprBody(action(m.notMatchedBySourceActions[0]!).assignments[0]!.value, "literal").literalType.case, "boolean");
  // The writer is immutable: an action returns a new writer.
  const base = a.mergeInto("target", col("x"));
  base.whenMatched().delete();
  t.throws(() => base.command(), { instanceOf: InvalidPlanError, message: /add at least one action/ });
  t.throws(() => base.whenMatched().update({}), { instanceOf: InvalidPlanError, message: /at least one assignment/ });
  t.throws(() => a.mergeInto("target", "x = 1" as never), { instanceOf: InvalidPlanError, message: /condition is a Column/ });
});

test("every new part needs a declared server version: on 3.5 each fails with UnsupportedByServerError", async (t) => {
  const cases: [string, Plan, string][] = [
    ["scalar", root(a.select(b.scalar())), "spark.connect.Relation.with_relations"],
    ["isin(df)", root(a.where(col("k").isin(b))), "spark.connect.SubqueryExpression.in_subquery_values"],
    ["lateralJoin", root(a.lateralJoin(b)), "spark.connect.Relation.lateral_join"],
    ["transpose", root(a.transpose()), "spark.connect.Relation.transpose"],
    ["tvf", root(spark.tvf.explode(col("x"))), "spark.connect.Relation.unresolved_table_valued_function"],
    ["groupingSets", root(a.groupingSets([["x"]], "x").agg(max("y"))), "spark.connect.Aggregate.grouping_sets"],
    ["metadataColumn", root(a.select(a.metadataColumn("_metadata"))), "spark.connect.Expression.UnresolvedAttribute.is_metadata_column"],
    ["repartitionById", root(a.repartitionById(2, "p")), "spark.connect.Expression.direct_shuffle_partition_id"],
    ["tryCast to a DataType", root(a.select(col("x").tryCast({ kind: "integer" }))), "spark.connect.Expression.Cast.eval_mode"],
  ];
  for (const [name, plan, key] of cases) {
    t.true(featuresUsed(PlanSchema, plan).some((u) => u.key === key), `${name} uses ${key}`);
    t.not(FEATURES[key], undefined, key);
    t.true((await on35(plan)) instanceof UnsupportedByServerError, name);
  }
  const merge = create(PlanSchema, {
    opType: { case: "command", value: a.mergeInto("t", col("x")).whenMatched().delete().command()(planEncoder()) },
  });
  t.true(featuresUsed(PlanSchema, merge).some((u) => u.key === "spark.connect.Command.merge_into_table_command"));
  t.true((await on35(merge)) instanceof UnsupportedByServerError);
  // Plain casts to a DataType, to(schema) and colRegex are parts 3.5 has.
  t.deepEqual(featuresUsed(PlanSchema, root(a.select(col("x").cast({ kind: "integer" }), a.colRegex("`x`")).to("x INT"))), []);
});
