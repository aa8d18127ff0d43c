// Error parity with PySpark Connect (see harness.ts): for the same bad input both clients
// must fail with the same errorClass and sqlState.
import { col, lit } from "../../src/index.js";
import * as F from "../../src/functions/index.js";
import { registerCases, type Case } from "./harness.js";

const ANSI = { "spark.sql.ansi.enabled": "true" };

const cases: Case[] = [
  { name: "error unknown column in select", error: true, py: `people.select("nope")`, ts: ({ fx }) => fx.people.select("nope") },
  { name: "error unknown column in filter", error: true, py: `people.where(F.col("nope") > 1)`, ts: ({ fx }) => fx.people.where(col("nope").gt(1)) },
  { name: "error unknown column in sql string filter", error: true, py: `people.where("nope > 1")`, ts: ({ fx }) => fx.people.where("nope > 1") },
  { name: "error unknown column in groupBy", error: true, py: `people.groupBy("nope").count()`, ts: ({ fx }) => fx.people.groupBy("nope").count() },
  { name: "error unknown struct field", error: true, py: `nested.select(F.col("st").getField("nope"))`, ts: ({ fx }) => fx.nested.select(col("st").getField("nope")) },
  { name: "error unknown function", error: true, py: `people.select(F.call_function("no_such_function", "id"))`, ts: ({ fx }) => fx.people.select(F.callFunction("no_such_function", "id")) },
  { name: "error unknown table", error: true, py: `spark.table("no_such_table_xyz")`, ts: ({ spark }) => spark.table("no_such_table_xyz") },
  { name: "error bad sql syntax", error: true, py: `spark.sql("SELEC 1")`, ts: ({ spark }) => spark.sql("SELEC 1") },
  { name: "error bad selectExpr syntax", error: true, py: `people.selectExpr("id +")`, ts: ({ fx }) => fx.people.selectExpr("id +") },
  { name: "error ambiguous reference", error: true, py: `people.join(people.select("id", "name"), "id").select("name")`, ts: ({ fx }) => fx.people.join(fx.people.select("id", "name"), "id").select("name") },
  { name: "error ambiguous self join column", error: true, py: `people.alias("a").join(people.alias("b"), F.col("a.id") == F.col("b.id")).select("age")`, ts: ({ fx }) => fx.people.alias("a").join(fx.people.alias("b"), col("a.id").eq(col("b.id"))).select("age") },
  { name: "error divide by zero ANSI", error: true, conf: ANSI, py: `people.select(F.col("age") / 0)`, ts: ({ fx }) => fx.people.select(col("age").divide(0)) },
  { name: "error modulo by zero ANSI", error: true, conf: ANSI, py: `people.select(F.col("age") % 0)`, ts: ({ fx }) => fx.people.select(col("age").mod(0)) },
  { name: "error bad cast ANSI", error: true, conf: ANSI, py: `people.select(F.col("name").cast("int"))`, ts: ({ fx }) => fx.people.select(col("name").cast("int")) },
  { name: "error bad cast to date ANSI", error: true, conf: ANSI, py: `people.select(F.col("name").cast("date"))`, ts: ({ fx }) => fx.people.select(col("name").cast("date")) },
  { name: "error overflow ANSI", error: true, conf: ANSI, py: `nums.select(F.col("l") * 1000000000000)`, ts: ({ fx }) => fx.nums.select(col("l").multiply(1000000000000)) },
  { name: "error cast overflow ANSI", error: true, conf: ANSI, py: `nums.select(F.col("l").cast("int"))`, ts: ({ fx }) => fx.nums.select(col("l").cast("int")) },
  { name: "error decimal overflow ANSI", error: true, conf: ANSI, py: `nums.select(F.col("dec").cast("decimal(3,1)"))`, ts: ({ fx }) => fx.nums.select(col("dec").cast("decimal(3,1)")) },
  { name: "error array index out of bounds ANSI", error: true, conf: ANSI, py: `nested.select(F.element_at("arr", 10))`, ts: ({ fx }) => fx.nested.select(F.elementAt("arr", 10)) },
  { name: "error datatype mismatch", error: true, py: `people.select(F.col("name") - F.array(F.lit(1)))`, ts: ({ fx }) => fx.people.select(col("name").minus(F.array(lit(1)))) },
  { name: "error non-boolean filter", error: true, py: `people.where(F.col("name"))`, ts: ({ fx }) => fx.people.where(col("name")) },
  { name: "error aggregate in where", error: true, py: `people.where(F.sum("age") > 1)`, ts: ({ fx }) => fx.people.where(F.sum("age").gt(1)) },
  { name: "error missing group by column", error: true, py: `people.groupBy("country").agg(F.col("name"))`, ts: ({ fx }) => fx.people.groupBy("country").agg(col("name")) },
  { name: "error union column count", error: true, py: `people.union(orders)`, ts: ({ fx }) => fx.people.unionByPosition(fx.orders) },
  { name: "error unionByName missing column", error: true, py: `people.select("id", "name").unionByName(people.select("id"))`, ts: ({ fx }) => fx.people.select("id", "name").unionByName(fx.people.select("id")) },
  { name: "error raise_error", error: true, py: `people.select(F.raise_error(F.lit("boom")))`, ts: ({ fx }) => fx.people.select(F.raiseError(lit("boom"))) },
  { name: "error assert_true", error: true, py: `people.select(F.assert_true(F.col("age") > 100))`, ts: ({ fx }) => fx.people.select(F.assertTrue(col("age").gt(100))) },
  { name: "error to_date bad format ANSI", error: true, conf: ANSI, py: `people.select(F.to_date("name", "yyyy-MM-dd"))`, ts: ({ fx }) => fx.people.select(F.toDate("name", "yyyy-MM-dd")) },
  { name: "error invalid regexp", error: true, py: `people.select(F.regexp_extract("name", "(", 1))`, ts: ({ fx }) => fx.people.select(F.regexpExtract("name", "(", 1)) },
  { name: "error window function without window", error: true, py: `people.select(F.row_number())`, ts: ({ fx }) => fx.people.select(F.rowNumber()) },
  { name: "error temp view already exists", error: true, py: `people.createTempView("dup_" + tag)\npeople.createTempView("dup_" + tag)`, ts: async ({ fx, tag }) => { await fx.people.createTempView(`dup_${tag}`); await fx.people.createTempView(`dup_${tag}`); } },
  { name: "error json schema parse", error: true, py: `people.select(F.from_json("name", "not a schema <"))`, ts: ({ fx }) => fx.people.select(F.fromJson("name", "not a schema <")) },
  { name: "error sql parameter unbound", error: true, py: `spark.sql("SELECT :missing")`, ts: ({ spark }) => spark.sql("SELECT :missing") },
  { name: "error invalid session conf value", error: true, py: `spark.conf.set("spark.sql.shuffle.partitions", "abc")`, ts: ({ spark }) => spark.conf.set("spark.sql.shuffle.partitions", "abc"), conf: {} },
  { name: "error catalog getTable missing", error: true, py: `spark.catalog.getTable("no_such_table_xyz")`, ts: ({ spark }) => spark.catalog.getTable("no_such_table_xyz") },
];

registerCases(cases);
