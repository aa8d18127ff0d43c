// The demo behind `npm start`: starts a private local Spark Connect server, runs a small
// query pipeline through it (typed lambdas, the Column API, Arrow), prints the results
// and stops the server.
import { SparkSession } from "../src/index.js";
import { count, desc, pin, sum } from "../src/dsl/index.js";
import { col, round } from "../src/functions/index.js";

interface Order {
  id: bigint;
  country: string;
  amount: number;
  channel: string;
}

console.log("Starting a local Spark Connect server (Spark from .spark/, a free port, a random token)...");
const started = Date.now();
await using spark = await SparkSession.connect("local");
console.log(`Connected. Spark ${await spark.version()} (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)\n`);

// 100,000 generated orders, built by Spark.
const orders = spark.sql<Order>(`
  SELECT id,
         element_at(array('PL', 'DE', 'FR', 'US'), CAST(id % 4 AS INT) + 1) AS country,
         CAST((id * 37 % 1000) / 10.0 AS DOUBLE) AS amount,
         IF(id % 3 = 0, 'web', 'store') AS channel
  FROM range(100000)`);

// A query written as typed lambdas, compiled into a Spark plan at build time.
const minimum = 10;
const byCountry = orders
  .where((o) => o.channel === "web" && o.amount >= pin(minimum))
  .groupBy((o) => ({ country: o.country }))
  .agg((o) => ({ revenue: sum(o.amount), orders: count() }))
  .orderBy((g) => [desc(g.revenue)]);

console.log("Web revenue by country (orders of at least 10):");
await byCountry.withColumn("revenue", round(col("revenue"), 2)).show();

const schema = await byCountry.schema();
console.log(`Result schema: ${schema.fields.map((f) => `${f.name} ${f.dataType.kind}`).join(", ")}\n`);

const million = spark.range(1_000_000);
console.log(`spark.range(1_000_000).count() = ${await million.count()}`);
const table = await million.toArrow();
console.log(`spark.range(1_000_000).toArrow(): an Arrow table of ${table.numRows} rows in ${table.batches.length} batches`);

console.log("\nDone; the local server stops with the session.");
