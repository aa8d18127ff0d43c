// The plan each DataFrame operation encodes to, checked against golden files. No server:
// building and encoding a plan makes no call.
import test from "ava";
import { toJson } from "@bufbuild/protobuf";
import { RelationSchema } from "../../generated/spark/connect/relations_pb.js";
import { col, type DataFrame, lit, SparkSession, when, Window, callFunction } from "../../src/index.js";
import { encodeRelation } from "../../src/plan/encodeRelation.js";
import { matchGolden } from "../support/golden.js";
import { renumberPlanIds } from "../support/planIds.js";

const spark = await SparkSession.connect("sc://127.0.0.1:1");
test.after.always(() => spark.close());

const t1 = spark.table("t1");
const t2 = spark.table("t2");

const cases: Record<string, () => DataFrame<unknown>> = {
  select: () => t1.select("a", col("b").plus(1).alias("b1"), "*"),
  selectExpr: () => t1.selectExpr("a * 2 AS x"),
  filterColumn: () => t1.filter(col("a").gt(1).and(col("b").isin("x", "y"))),
  filterSql: () => t1.where("a > 1"),
  withColumns: () => t1.withColumn("c", lit(1)).withColumns({ d: when(col("a").eq(1), "one").otherwise("other") }),
  renames: () => t1.withColumnRenamed("a", "x").withColumnsRenamed({ b: "y" }).toDF("p", "q"),
  drop: () => t1.drop("a", col("b")),
  joinCondition: () => t1.join(t2, t1.col("id").eq(t2.col("id")), "left_outer"),
  joinUsing: () => t1.join(t2, ["id"], "semi"),
  crossJoin: () => t1.crossJoin(t2),
  selfJoin: () => t1.alias("a").join(t1.alias("b"), col("a.id").eq(col("b.parent"))),
  groupByAgg: () => t1.groupBy("k").agg(callFunction("sum", "v").alias("s"), callFunction("count", lit(1) as never)),
  groupByCount: () => t1.groupBy("k").count(),
  rollup: () => t1.rollup("a", "b").sum("v"),
  cube: () => t1.cube("a").avg("v"),
  pivot: () => t1.groupBy("y").pivot("q", [1, 2]).max("v"),
  orderBy: () => t1.orderBy(col("a").desc(), "b", col("c").ascNullsLast()),
  sortWithinPartitions: () => t1.sortWithinPartitions("a"),
  limitOffsetTail: () => t1.offset(5).limit(10),
  distinct: () => t1.distinct(),
  dropDuplicates: () => t1.dropDuplicates("a", "b"),
  union: () => t1.union(t2),
  unionByPosition: () => t1.unionByPosition(t2),
  unionByName: () => t1.unionByName(t2, { allowMissingColumns: true }),
  intersect: () => t1.intersect(t2),
  intersectAll: () => t1.intersectAll(t2),
  subtract: () => t1.subtract(t2),
  exceptAll: () => t1.exceptAll(t2),
  sample: () => t1.sample(0.25, { seed: 7, withReplacement: true }),
  randomSplit: () => t1.randomSplit([1, 3], 9)[1]!,
  repartition: () => t1.repartition(8),
  repartitionByCols: () => t1.repartition(4, "a"),
  repartitionByRange: () => t1.repartitionByRange(2, col("a").desc()),
  coalesce: () => t1.coalesce(1),
  hint: () => t1.hint("broadcast"),
  alias: () => t1.alias("x"),
  unpivot: () => t1.unpivot(["id"], ["q1", "q2"], "quarter", "value"),
  withWatermark: () => t1.withWatermark("ts", "10 minutes"),
  window: () => t1.select(callFunction("row_number").over(Window.partitionBy("k").orderBy(col("t").desc()).rowsBetween(-2, 0))),
  naFill: () => t1.na.fill({ a: 0, b: "x" }),
  naDrop: () => t1.na.drop({ how: "all", subset: ["a"] }),
  naReplace: () => t1.na.replace({ "N/A": null }, ["s"]),
  describe: () => t1.describe("a"),
  summary: () => t1.summary("min", "25%"),
  crosstab: () => t1.stat.crosstab("a", "b"),
  sqlNamedArgs: () => spark.sql("SELECT :x AS x", { x: 1 }),
  sqlPositionalArgs: () => spark.sql("SELECT ? AS x", ["s"]),
  range: () => spark.range(0, 100, 5, 2),
};

for (const [name, build] of Object.entries(cases)) {
  test(name, (t) => matchGolden(t, `plans/${name}`, renumberPlanIds(toJson(RelationSchema, encodeRelation(build().plan)))));
}
