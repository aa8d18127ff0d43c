// Parity of Column methods with PySpark Connect (see harness.ts).
import { col, lit, when } from "../../src/index.js";
import * as F from "../../src/functions/index.js";
import { registerCases, type Case } from "./harness.js";

const cases: Case[] = [
  // arithmetic
  { name: "col plus minus", py: `nums.select("i", F.col("i") + 1, F.col("l") - F.col("i"), F.col("d") + F.col("i"))`, ts: ({ fx }) => fx.nums.select("i", col("i").plus(1), col("l").minus(col("i")), col("d").plus(col("i"))) },
  { name: "col multiply divide", py: `nums.select(F.col("i") * 3, F.col("i") / 2, F.col("l") / F.col("i"), F.col("dec") * 2)`, ts: ({ fx }) => fx.nums.select(col("i").multiply(3), col("i").divide(2), col("l").divide(col("i")), col("dec").multiply(2)) },
  { name: "col mod and negate", py: `nums.select(F.col("l") % 4, F.col("d") % 1.5, -F.col("dec"), -F.col("l"))`, ts: ({ fx }) => fx.nums.select(col("l").mod(4), col("d").mod(1.5), col("dec").negate(), col("l").negate()) },
  { name: "col decimal arithmetic types", py: `nums.select(F.col("dec") + F.col("dec"), F.col("dec") * F.col("dec"), F.col("dec") / 3, F.col("dec") + 1.5)`, ts: ({ fx }) => fx.nums.select(col("dec").plus(col("dec")), col("dec").multiply(col("dec")), col("dec").divide(3), col("dec").plus(1.5)) },
  { name: "col float arithmetic", py: `nums.select(F.col("f") * 2, F.col("f") + F.col("d"), F.col("f") / 4)`, ts: ({ fx }) => fx.nums.select(col("f").multiply(2), col("f").plus(col("d")), col("f").divide(4)) },
  // comparison
  { name: "col comparisons", py: `nums.select("i", F.col("i") == 2, F.col("i") != 2, F.col("i") < 3, F.col("i") <= 3, F.col("i") > 3, F.col("i") >= 3)`, ts: ({ fx }) => fx.nums.select("i", col("i").eq(2), col("i").neq(2), col("i").lt(3), col("i").le(3), col("i").gt(3), col("i").ge(3)) },
  { name: "col comparisons with NaN", py: `nums.select("d", F.col("d") == float("nan"), F.col("d") > 0, F.col("d") < F.lit(float("inf")))`, ts: ({ fx }) => fx.nums.select("d", col("d").eq(NaN), col("d").gt(0), col("d").lt(lit(Infinity))) },
  { name: "col eqNullSafe", py: `nums.select("s", F.col("s").eqNullSafe("a"), F.col("s").eqNullSafe(None), F.col("i").eqNullSafe(F.col("l")))`, ts: ({ fx }) => fx.nums.select("s", col("s").eqNullSafe("a"), col("s").eqNullSafe(null), col("i").eqNullSafe(col("l"))) },
  { name: "col string comparison", py: `people.select("name", F.col("name") < "C", F.col("name") >= F.col("country"))`, ts: ({ fx }) => fx.people.select("name", col("name").lt("C"), col("name").ge(col("country"))) },
  { name: "col boolean logic with nulls", py: `nums.select((F.col("i") > 2) & F.col("s").isNull(), (F.col("i") > 2) | (F.col("l") > 0), ~(F.col("i") > 2))`, ts: ({ fx }) => fx.nums.select(col("i").gt(2).and(col("s").isNull()), col("i").gt(2).or(col("l").gt(0)), col("i").gt(2).not()) },
  // isin, between, like
  { name: "col isin", py: `people.select("name", F.col("country").isin("PL", "FR"), F.col("age").isin([25, 41]))`, ts: ({ fx }) => fx.people.select("name", col("country").isin("PL", "FR"), col("age").isin(25, 41)) },
  { name: "col between", py: `people.select("age", F.col("age").between(25, 30), F.col("spent").between(F.col("age"), 100))`, ts: ({ fx }) => fx.people.select("age", col("age").between(25, 30), col("spent").between(col("age"), 100)) },
  { name: "col like", py: `people.select("name", F.col("name").like("_e%"), F.col("name").like("%n"))`, ts: ({ fx }) => fx.people.select("name", col("name").like("_e%"), col("name").like("%n")) },
  { name: "col rlike", py: `people.select("name", F.col("name").rlike("^[A-C]"), F.col("name").rlike("e$"))`, ts: ({ fx }) => fx.people.select("name", col("name").rlike("^[A-C]"), col("name").rlike("e$")) },
  { name: "col ilike", py: `people.select("name", F.col("name").ilike("a%"), F.col("name").ilike("%E"))`, ts: ({ fx }) => fx.people.select("name", col("name").ilike("a%"), col("name").ilike("%E")) },
  { name: "col startswith endswith contains", py: `people.select("name", F.col("name").startswith("A"), F.col("name").endswith("e"), F.col("name").contains("o"))`, ts: ({ fx }) => fx.people.select("name", col("name").startsWith("A"), col("name").endsWith("e"), col("name").contains("o")) },
  { name: "col substr", py: `people.select(F.col("name").substr(2, 2), F.col("name").substr(F.lit(1), F.col("id")))`, ts: ({ fx }) => fx.people.select(col("name").substr(2, 2), col("name").substr(lit(1), col("id"))) },
  // nested access
  { name: "col getItem array non-ANSI", conf: { "spark.sql.ansi.enabled": "false" }, py: `nested.select("id", F.col("arr").getItem(0), F.col("arr")[1], F.col("tags").getItem(5))`, ts: ({ fx }) => fx.nested.select("id", col("arr").getItem(0), col("arr").getItem(1), col("tags").getItem(5)) },
  { name: "col getItem map", py: `nested.select("id", F.col("m").getItem("a"), F.col("m")["c"])`, ts: ({ fx }) => fx.nested.select("id", col("m").getItem("a"), col("m").getItem("c")) },
  { name: "col getField", py: `nested.select("id", F.col("st").getField("x"), F.col("st").y, F.col("st.z.p"))`, ts: ({ fx }) => fx.nested.select("id", col("st").getField("x"), col("st").getField("y"), col("st.z.p")) },
  { name: "col withField", py: `nested.select("id", F.col("st").withField("w", F.lit(9)).alias("st"))`, ts: ({ fx }) => fx.nested.select("id", col("st").withField("w", lit(9)).alias("st")) },
  { name: "col withField replace", py: `nested.select(F.col("st").withField("x", F.col("id") * 10).alias("st"))`, ts: ({ fx }) => fx.nested.select(col("st").withField("x", col("id").multiply(10)).alias("st")) },
  { name: "col withField nested path", py: `nested.select(F.col("st").withField("z.q", F.lit("new")).alias("st"))`, ts: ({ fx }) => fx.nested.select(col("st").withField("z.q", lit("new")).alias("st")) },
  { name: "col dropFields", py: `nested.select(F.col("st").dropFields("y").alias("st"))`, ts: ({ fx }) => fx.nested.select(col("st").dropFields("y").alias("st")) },
  // when / otherwise
  { name: "when otherwise", py: `people.select("name", F.when(F.col("age") > 30, "old").when(F.col("age") > 26, "mid").otherwise("young").alias("band"))`, ts: ({ fx }) => fx.people.select("name", when(col("age").gt(30), "old").when(col("age").gt(26), "mid").otherwise("young").alias("band")) },
  { name: "when without otherwise", py: `people.select(F.when(F.col("country") == "PL", F.col("spent")))`, ts: ({ fx }) => fx.people.select(when(col("country").eq("PL"), col("spent"))) },
  { name: "when mixed types", py: `people.select(F.when(F.col("age") > 30, 1).otherwise(2.5))`, ts: ({ fx }) => fx.people.select(when(col("age").gt(30), 1).otherwise(2.5)) },
  // null checks
  { name: "col isNull isNotNull", py: `nums.select("i", F.col("s").isNull(), F.col("dec").isNotNull())`, ts: ({ fx }) => fx.nums.select("i", col("s").isNull(), col("dec").isNotNull()) },
  { name: "col isNaN", py: `nums.select("i", F.col("d").isNaN(), F.col("f").isNaN(), F.isnan("d"))`, ts: ({ fx }) => fx.nums.select("i", col("d").isNaN(), col("f").isNaN(), F.isnan("d")) },
  // bitwise
  { name: "col bitwise", py: `nums.select("l", F.col("l").bitwiseAND(6), F.col("l").bitwiseOR(1), F.col("l").bitwiseXOR(F.col("i")))`, ts: ({ fx }) => fx.nums.select("l", col("l").bitwiseAND(6), col("l").bitwiseOR(1), col("l").bitwiseXOR(col("i"))) },
  { name: "bitwise functions", py: `nums.select(F.bitwise_not("i"), F.shiftleft("i", 2), F.shiftright("l", 1), F.shiftrightunsigned("l", 60), F.bit_count("l"))`, ts: ({ fx }) => fx.nums.select(F.bitwiseNot("i"), F.shiftLeft("i", 2), F.shiftRight("l", 1), F.shiftRightUnsigned("l", 60), F.bitCount("l")) },
  // alias / name
  { name: "col alias name as", py: `people.select(F.col("id").alias("a"), F.col("name").name("b"), F.col("age").alias("c"))`, ts: ({ fx }) => fx.people.select(col("id").alias("a"), col("name").name("b"), col("age").as("c")) },
  { name: "col alias with metadata", py: `people.select(F.col("id").alias("a", metadata={"k": "v"}))`, ts: ({ fx }) => fx.people.select(col("id").alias("a", { metadata: { k: "v" } })) },
  // over
  { name: "col over empty window", py: `people.select("id", F.count("*").over(Window.partitionBy()))`, ts: ({ fx }) => fx.people.select("id", F.count("*").over()) },
  // casts
  { name: "cast int to string double boolean", py: `people.select(F.col("age").cast("string"), F.col("age").cast("double"), F.col("age").cast("boolean"), F.col("age").cast("bigint"))`, ts: ({ fx }) => fx.people.select(col("age").cast("string"), col("age").cast("double"), col("age").cast("boolean"), col("age").cast("bigint")) },
  { name: "cast double to ints", py: `nums.where("i IN (1, 2, 6)").select(F.col("d").cast("int"), F.col("d").cast("tinyint"), F.col("d").cast("smallint"), F.col("d").cast("long"))`, ts: ({ fx }) => fx.nums.where("i IN (1, 2, 6)").select(col("d").cast("int"), col("d").cast("tinyint"), col("d").cast("smallint"), col("d").cast("long")) },
  { name: "cast to decimal", py: `nums.where("i IN (1, 2, 6)").select(F.col("d").cast("decimal(10,3)"), F.col("l").cast("decimal(20,0)"), F.col("dec").cast("decimal(5,1)"))`, ts: ({ fx }) => fx.nums.where("i IN (1, 2, 6)").select(col("d").cast("decimal(10,3)"), col("l").cast("decimal(20,0)"), col("dec").cast("decimal(5,1)")) },
  { name: "cast strings to numbers non-ANSI", conf: { "spark.sql.ansi.enabled": "false" }, py: `spark.sql("SELECT * FROM VALUES ('12'), (' 7 '), ('1e3'), ('-0.5') AS t(s)").select(F.col("s").cast("int"), F.col("s").cast("double"), F.col("s").cast("decimal(6,2)"))`, ts: ({ spark }) => spark.sql("SELECT * FROM VALUES ('12'), (' 7 '), ('1e3'), ('-0.5') AS t(s)").select(col("s").cast("int"), col("s").cast("double"), col("s").cast("decimal(6,2)")) },
  { name: "cast strings to date and timestamp", py: `times.select("id", F.col("s").cast("date"), F.col("s").cast("timestamp"), F.col("s").cast("timestamp_ntz"))`, ts: ({ fx }) => fx.times.select("id", col("s").cast("date"), col("s").cast("timestamp"), col("s").cast("timestamp_ntz")) },
  { name: "cast timestamp to string date long", py: `times.select("id", F.col("ts").cast("string"), F.col("ts").cast("date"), F.col("ts").cast("long"), F.col("d").cast("timestamp"))`, ts: ({ fx }) => fx.times.select("id", col("ts").cast("string"), col("ts").cast("date"), col("ts").cast("long"), col("d").cast("timestamp")) },
  { name: "cast to binary and back", py: `people.select(F.col("name").cast("binary"), F.col("name").cast("binary").cast("string"))`, ts: ({ fx }) => fx.people.select(col("name").cast("binary"), col("name").cast("binary").cast("string")) },
  { name: "cast complex types", py: `nested.select(F.col("arr").cast("array<string>"), F.col("m").cast("map<string,bigint>"), F.col("st").cast("struct<a:string,b:string,c:struct<p:int>>"))`, ts: ({ fx }) => fx.nested.select(col("arr").cast("array<string>"), col("m").cast("map<string,bigint>"), col("st").cast("struct<a:string,b:string,c:struct<p:int>>")) },
  { name: "cast complex to string", py: `nested.select(F.col("arr").cast("string"), F.col("m").cast("string"), F.col("st").cast("string"))`, ts: ({ fx }) => fx.nested.select(col("arr").cast("string"), col("m").cast("string"), col("st").cast("string")) },
  { name: "cast with DataType-like names", py: `people.select(F.col("age").cast(T.LongType()), F.col("age").cast(T.FloatType()), F.col("age").cast(T.DecimalType(5, 2)))`, ts: ({ fx }) => fx.people.select(col("age").cast("bigint"), col("age").cast("float"), col("age").cast("decimal(5,2)")) },
  { name: "tryCast", py: `spark.sql("SELECT * FROM VALUES ('12'), ('x'), (NULL), ('2024-01-01') AS t(s)").select(F.col("s").try_cast("int"), F.col("s").try_cast("date"), F.col("s").try_cast("boolean"))`, ts: ({ spark }) => spark.sql("SELECT * FROM VALUES ('12'), ('x'), (NULL), ('2024-01-01') AS t(s)").select(col("s").tryCast("int"), col("s").tryCast("date"), col("s").tryCast("boolean")) },
  { name: "cast invalid string without ANSI", conf: { "spark.sql.ansi.enabled": "false" }, py: `spark.sql("SELECT 'abc' AS s, '1.5' AS t").select(F.col("s").cast("int"), F.col("t").cast("int"), F.col("s").cast("date"))`, ts: ({ spark }) => spark.sql("SELECT 'abc' AS s, '1.5' AS t").select(col("s").cast("int"), col("t").cast("int"), col("s").cast("date")) },
  { name: "cast overflow without ANSI", conf: { "spark.sql.ansi.enabled": "false" }, py: `nums.where("i = 4").select(F.col("l").cast("int"), F.col("d").cast("int"), F.col("dec").cast("decimal(4,1)"))`, ts: ({ fx }) => fx.nums.where("i = 4").select(col("l").cast("int"), col("d").cast("int"), col("dec").cast("decimal(4,1)")) },
  { name: "cast NaN and Infinity", py: `nums.select("i", F.col("d").cast("string"), F.col("d").cast("float"), F.col("f").cast("double"))`, ts: ({ fx }) => fx.nums.select("i", col("d").cast("string"), col("d").cast("float"), col("f").cast("double")) },
];

registerCases(cases);
