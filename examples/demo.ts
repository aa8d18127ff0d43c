// The demo behind `npm start`: starts a private local Spark Connect server, runs a small
// query pipeline through it, prints the results and stops the server.
import { SparkSession, simpleString } from "../src/index.js";

console.log("Starting a local Spark Connect server (Spark from .spark/, a free port, a random token)...");
const started = Date.now();
await using spark = await SparkSession.connect("local");
console.log(`Connected. Spark ${await spark.version()} (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)\n`);

const orders = spark.sql<{ country: string; orders: bigint; revenue: string }>(`
  SELECT country, count(*) AS orders, CAST(sum(amount) AS DECIMAL(12, 2)) AS revenue
  FROM (
    SELECT element_at(array('PL', 'DE', 'FR', 'US'), CAST(id % 4 AS INT) + 1) AS country,
           (id * 37 % 1000) / 10.0 AS amount
    FROM range(100000)
  )
  GROUP BY country
  ORDER BY revenue DESC
`);

const schema = await orders.schema();
console.log(`Schema: ${simpleString(schema)}`);
console.log("Revenue by country (100,000 generated orders):");
console.table(await orders.collect());

const million = spark.range(1_000_000);
console.log(`spark.range(1_000_000).count() = ${await million.count()}`);
const table = await million.toArrow();
console.log(`spark.range(1_000_000).toArrow(): an Arrow table of ${table.numRows} rows in ${table.batches.length} batches`);

console.log("\nDone; the local server stops with the session.");
