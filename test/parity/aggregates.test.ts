// Parity of aggregation, grouping, window functions, na and stat with PySpark Connect
// (see harness.ts).
import { col, lit, Window } from "../../src/index.js";
import * as F from "../../src/functions/index.js";
import { registerCases, type Case } from "./harness.js";

const cases: Case[] = [
  // groupBy and GroupedData
  { name: "groupBy count", py: `people.groupBy("country").count()`, ts: ({ fx }) => fx.people.groupBy("country").count() },
  { name: "groupBy sum avg", py: `people.groupBy("country").sum("age", "spent")`, ts: ({ fx }) => fx.people.groupBy("country").sum("age", "spent") },
  { name: "groupBy mean", py: `people.groupBy("country").mean("spent")`, ts: ({ fx }) => fx.people.groupBy("country").mean("spent") },
  { name: "groupBy no keys", py: `people.groupBy().max("age", "spent")`, ts: ({ fx }) => fx.people.groupBy().max("age", "spent") },
  { name: "groupBy two keys agg", py: `sales.groupBy("year", "region").agg(F.sum("revenue").alias("r"), F.count("revenue").alias("n"), F.count("*").alias("all"))`, ts: ({ fx }) => fx.sales.groupBy("year", "region").agg(F.sum("revenue").alias("r"), F.count("revenue").alias("n"), F.count("*").alias("all")) },
  { name: "groupBy column expression", py: `people.groupBy((F.col("age") / 10).cast("int").alias("decade")).agg(F.collect_set("country").alias("c")).select("decade", F.sort_array("c"))`, ts: ({ fx }) => fx.people.groupBy(col("age").divide(10).cast("int").alias("decade")).agg(F.collectSet("country").alias("c")).select("decade", F.sortArray("c")) },
  { name: "agg dict form", py: `people.groupBy("country").agg({"age": "max", "spent": "avg"})`, ts: ({ fx }) => fx.people.groupBy("country").agg({ age: "max", spent: "avg" }) },
  { name: "agg dict mean and count star", py: `people.agg({"spent": "mean", "*": "count"})`, ts: ({ fx }) => fx.people.agg({ spent: "mean", "*": "count" }) },
  { name: "df agg columns", py: `people.agg(F.min("age"), F.max("spent"), F.sum_distinct("age"), F.count_distinct("country"))`, ts: ({ fx }) => fx.people.agg(F.min("age"), F.max("spent"), F.sumDistinct("age"), F.countDistinct("country")) },
  { name: "aggregate statistics", py: `pairs.agg(F.stddev("a"), F.stddev_pop("a"), F.variance("b"), F.var_pop("b"), F.skewness("b"), F.kurtosis("b"), F.corr("a", "b"), F.covar_samp("a", "b"))`, ts: ({ fx }) => fx.pairs.agg(F.stddev("a"), F.stddevPop("a"), F.variance("b"), F.varPop("b"), F.skewness("b"), F.kurtosis("b"), F.corr("a", "b"), F.covarSamp("a", "b")), digits: 12 },
  { name: "aggregate first last any", py: `pairs.groupBy("g").agg(F.min_by("h", "a"), F.max_by("h", "a"), F.bool_and(F.col("a") > 1), F.bool_or(F.col("a") > 7))`, ts: ({ fx }) => fx.pairs.groupBy("g").agg(F.minBy("h", "a"), F.maxBy("h", "a"), F.boolAnd(col("a").gt(1)), F.boolOr(col("a").gt(7))) },
  { name: "aggregate percentiles", py: `pairs.agg(F.median("b"), F.percentile_approx("b", 0.5), F.percentile_approx("a", [0.25, 0.75], 1000), F.mode("h"))`, ts: ({ fx }) => fx.pairs.agg(F.median("b"), F.percentileApprox("b", 0.5), F.percentileApprox("a", [0.25, 0.75], 1000), F.mode("h")) },
  { name: "aggregate decimal sum avg", py: `nums.agg(F.sum("dec"), F.avg("dec"), F.sum("l"), F.avg("l"), F.sum("f"))`, ts: ({ fx }) => fx.nums.agg(F.sum("dec"), F.avg("dec"), F.sum("l"), F.avg("l"), F.sum("f")) },
  { name: "aggregate with NaN", py: `nums.agg(F.max("d"), F.min("d"), F.sum("d"), F.count("d"), F.countDistinct("d"))`, ts: ({ fx }) => fx.nums.agg(F.max("d"), F.min("d"), F.sum("d"), F.count("d"), F.countDistinct("d")) },
  { name: "aggregate empty input", py: `people.where("id < 0").agg(F.sum("age"), F.count("*"), F.max("name"), F.avg("spent"))`, ts: ({ fx }) => fx.people.where("id < 0").agg(F.sum("age"), F.count("*"), F.max("name"), F.avg("spent")) },
  { name: "aggregate filter clause via count_if", py: `people.groupBy("country").agg(F.count_if(F.col("age") > 26).alias("n"))`, ts: ({ fx }) => fx.people.groupBy("country").agg(F.countIf(col("age").gt(26)).alias("n")) },
  // rollup, cube, pivot
  { name: "rollup", py: `sales.rollup("year", "region").agg(F.sum("revenue").alias("r"))`, ts: ({ fx }) => fx.sales.rollup("year", "region").agg(F.sum("revenue").alias("r")) },
  { name: "cube", py: `sales.cube("year", "region").agg(F.sum("revenue"), F.grouping_id())`, ts: ({ fx }) => fx.sales.cube("year", "region").agg(F.sum("revenue"), F.groupingId()) },
  { name: "pivot with values", py: `sales.groupBy("year").pivot("region", ["north", "south"]).sum("revenue")`, ts: ({ fx }) => fx.sales.groupBy("year").pivot("region", ["north", "south"]).sum("revenue") },
  { name: "pivot without values", py: `sales.groupBy("year").pivot("quarter").agg(F.sum("revenue"))`, ts: ({ fx }) => fx.sales.groupBy("year").pivot("quarter").agg(F.sum("revenue")) },
  { name: "pivot two aggregates", py: `sales.groupBy("region").pivot("year", [2023, 2024]).agg(F.sum("revenue").alias("s"), F.count("*").alias("n"))`, ts: ({ fx }) => fx.sales.groupBy("region").pivot("year", [2023, 2024]).agg(F.sum("revenue").alias("s"), F.count("*").alias("n")) },
  { name: "pivot count", py: `sales.groupBy("year").pivot("region").count()`, ts: ({ fx }) => fx.sales.groupBy("year").pivot("region").count() },
  // windows
  { name: "window rank dense_rank row_number", py: `people.select("id", "age", F.rank().over(Window.orderBy("age")).alias("r"), F.dense_rank().over(Window.orderBy("age")).alias("dr"), F.row_number().over(Window.orderBy("age", "id")).alias("rn"))`, ts: ({ fx }) => fx.people.select("id", "age", F.rank().over(Window.orderBy("age")).alias("r"), F.denseRank().over(Window.orderBy("age")).alias("dr"), F.rowNumber().over(Window.orderBy("age", "id")).alias("rn")) },
  { name: "window partitioned rank desc", py: `people.select("id", F.rank().over(Window.partitionBy("country").orderBy(F.col("age").desc())).alias("r"))`, ts: ({ fx }) => fx.people.select("id", F.rank().over(Window.partitionBy("country").orderBy(col("age").desc())).alias("r")) },
  { name: "window lag lead", py: `people.select("id", F.lag("age").over(Window.orderBy("id")).alias("prev"), F.lead("age", 2, -1).over(Window.orderBy("id")).alias("next2"))`, ts: ({ fx }) => fx.people.select("id", F.lag("age").over(Window.orderBy("id")).alias("prev"), F.lead("age", 2, -1).over(Window.orderBy("id")).alias("next2")) },
  { name: "window ntile percent_rank cume_dist", py: `people.select("id", F.ntile(3).over(Window.orderBy("id")).alias("t"), F.percent_rank().over(Window.orderBy("age")).alias("p"), F.cume_dist().over(Window.orderBy("age")).alias("c"))`, ts: ({ fx }) => fx.people.select("id", F.ntile(3).over(Window.orderBy("id")).alias("t"), F.percentRank().over(Window.orderBy("age")).alias("p"), F.cumeDist().over(Window.orderBy("age")).alias("c")) },
  { name: "window running sum default frame", py: `people.select("id", F.sum("age").over(Window.orderBy("age")).alias("s"))`, ts: ({ fx }) => fx.people.select("id", F.sum("age").over(Window.orderBy("age")).alias("s")) },
  { name: "window rowsBetween", py: `people.select("id", F.sum("age").over(Window.orderBy("id").rowsBetween(-1, 1)).alias("s"))`, ts: ({ fx }) => fx.people.select("id", F.sum("age").over(Window.orderBy("id").rowsBetween(-1, 1)).alias("s")) },
  { name: "window rowsBetween unbounded", py: `people.select("id", F.collect_list("name").over(Window.orderBy("id").rowsBetween(Window.unboundedPreceding, Window.currentRow)).alias("l"), F.max("age").over(Window.orderBy("id").rowsBetween(Window.currentRow, Window.unboundedFollowing)).alias("m"))`, ts: ({ fx }) => fx.people.select("id", F.collectList("name").over(Window.orderBy("id").rowsBetween(Window.unboundedPreceding, Window.currentRow)).alias("l"), F.max("age").over(Window.orderBy("id").rowsBetween(Window.currentRow, Window.unboundedFollowing)).alias("m")) },
  { name: "window rangeBetween", py: `people.select("id", "age", F.count("*").over(Window.orderBy("age").rangeBetween(-5, 0)).alias("n"))`, ts: ({ fx }) => fx.people.select("id", "age", F.count("*").over(Window.orderBy("age").rangeBetween(-5, 0)).alias("n")) },
  { name: "window rangeBetween unbounded", py: `people.select("id", F.sum("spent").over(Window.partitionBy("country").orderBy("age").rangeBetween(Window.unboundedPreceding, Window.unboundedFollowing)).alias("s"))`, ts: ({ fx }) => fx.people.select("id", F.sum("spent").over(Window.partitionBy("country").orderBy("age").rangeBetween(Window.unboundedPreceding, Window.unboundedFollowing)).alias("s")) },
  { name: "window first last nth_value", py: `people.select("id", F.first("name").over(Window.partitionBy("country").orderBy("id")).alias("f"), F.last("name").over(Window.partitionBy("country").orderBy("id")).alias("l"), F.nth_value("name", 2).over(Window.orderBy("id")).alias("n"))`, ts: ({ fx }) => fx.people.select("id", F.first("name").over(Window.partitionBy("country").orderBy("id")).alias("f"), F.last("name").over(Window.partitionBy("country").orderBy("id")).alias("l"), F.nthValue("name", 2).over(Window.orderBy("id")).alias("n")) },
  { name: "window with nulls ordering", py: `people.select("id", F.row_number().over(Window.orderBy(F.col("spent").asc_nulls_last(), "id")).alias("rn"))`, ts: ({ fx }) => fx.people.select("id", F.rowNumber().over(Window.orderBy(col("spent").ascNullsLast(), "id")).alias("rn")) },
  // na
  { name: "na fill number", py: `nums.na.fill(0)`, ts: ({ fx }) => fx.nums.na.fill(0) },
  { name: "na fill string", py: `people.na.fill("n/a")`, ts: ({ fx }) => fx.people.na.fill("n/a") },
  { name: "na fill subset", py: `nums.na.fill(-1, ["i"])`, ts: ({ fx }) => fx.nums.na.fill(-1, ["i"]) },
  { name: "na fill dict", py: `nums.na.fill({"l": 0, "s": "?", "dec": 9})`, ts: ({ fx }) => fx.nums.na.fill({ l: 0, s: "?", dec: 9 }) },
  { name: "na fill boolean", py: `spark.sql("SELECT * FROM VALUES (true, 1), (NULL, NULL) AS t(b, x)").na.fill(False)`, ts: ({ spark }) => spark.sql("SELECT * FROM VALUES (true, 1), (NULL, NULL) AS t(b, x)").na.fill(false) },
  { name: "na drop any", py: `nums.na.drop()`, ts: ({ fx }) => fx.nums.na.drop() },
  { name: "na drop all", py: `spark.sql("SELECT * FROM VALUES (1, NULL), (NULL, NULL), (NULL, 'x') AS t(a, b)").na.drop(how="all")`, ts: ({ spark }) => spark.sql("SELECT * FROM VALUES (1, NULL), (NULL, NULL), (NULL, 'x') AS t(a, b)").na.drop({ how: "all" }) },
  { name: "na drop thresh", py: `nums.na.drop(thresh=5)`, ts: ({ fx }) => fx.nums.na.drop({ thresh: 5 }) },
  { name: "na drop subset", py: `nums.na.drop(subset=["s"])`, ts: ({ fx }) => fx.nums.na.drop({ subset: ["s"] }) },
  { name: "na replace strings", py: `people.na.replace({"PL": "Poland", "DE": "Germany"})`, ts: ({ fx }) => fx.people.na.replace({ PL: "Poland", DE: "Germany" }) },
  { name: "na replace subset", py: `people.na.replace({"Ann": "Anna"}, subset=["name"])`, ts: ({ fx }) => fx.people.na.replace({ Ann: "Anna" }, ["name"]) },
  { name: "na replace numbers", py: `people.na.replace({25: 26, 50.5: 0.0})`, ts: ({ fx }) => fx.people.na.replace(new Map<number, number>([[25, 26], [50.5, 0.0]])) },
  { name: "na replace to null", py: `people.na.replace({"PL": None}, subset=["country"])`, ts: ({ fx }) => fx.people.na.replace({ PL: null }, ["country"]) },
  // stat
  { name: "stat corr", py: `pairs.stat.corr("a", "b")`, ts: ({ fx }) => fx.pairs.stat.corr("a", "b"), digits: 12 },
  { name: "stat cov", py: `pairs.stat.cov("a", "b")`, ts: ({ fx }) => fx.pairs.stat.cov("a", "b"), digits: 12 },
  { name: "stat crosstab", py: `pairs.stat.crosstab("g", "h")`, ts: ({ fx }) => fx.pairs.stat.crosstab("g", "h") },
  { name: "stat freqItems", py: `pairs.stat.freqItems(["g", "h"], 0.4).select([F.sort_array(c).alias(c) for c in ["g_freqItems", "h_freqItems"]])`, ts: ({ fx }) => fx.pairs.stat.freqItems(["g", "h"], 0.4).select(F.sortArray("g_freqItems").alias("g_freqItems"), F.sortArray("h_freqItems").alias("h_freqItems")) },
  { name: "stat approxQuantile", py: `pairs.stat.approxQuantile(["a", "b"], [0.0, 0.5, 1.0], 0.0)`, ts: ({ fx }) => fx.pairs.stat.approxQuantile(["a", "b"], [0.0, 0.5, 1.0], 0.0) },
  { name: "stat approxQuantile single column", py: `pairs.approxQuantile(["b"], [0.25, 0.75], 0.1)`, ts: ({ fx }) => fx.pairs.stat.approxQuantile(["b"], [0.25, 0.75], 0.1) },
  { name: "stat sampleBy", py: `spark.range(300).withColumn("k", F.col("id") % 3).stat.sampleBy("k", {0: 0.1, 1: 0.5}, 11)`, ts: ({ spark }) => spark.range(300).withColumn("k", col("id").mod(3)).stat.sampleBy("k", new Map([[0, 0.1], [1, 0.5]]), 11) },
  { name: "df corr and cov shortcuts", py: `[pairs.corr("a", "b"), pairs.cov("a", "b")]`, ts: async ({ fx }) => [await fx.pairs.stat.corr("a", "b"), await fx.pairs.stat.cov("a", "b")], digits: 12 },
  // other aggregates with literals
  { name: "first last ignorenulls", py: `people.orderBy("id").coalesce(1).agg(F.first("spent"), F.last("country"), F.first("country", ignorenulls=True))`, ts: ({ fx }) => fx.people.orderBy("id").coalesce(1).agg(F.first("spent"), F.last("country"), F.first("country", true)) },
];

registerCases(cases);
