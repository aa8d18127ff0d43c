import { SparkSession } from "../../dist/src/index.js";
const spark = await SparkSession.connect(process.argv[2]);
const N = Number(process.argv[3] ?? 1000000);
const q = `SELECT id, CAST(id AS DOUBLE) * 1.5 AS d, lpad(CAST(id AS STRING), 16, 'x') AS s, timestamp_seconds(1704067200 + id) AS ts, CAST(id / 100 AS DECIMAL(18,2)) AS dec FROM range(${N})`;
const df = spark.sql(q);
for (let i = 0; i < 3; i++) { const t0 = performance.now(); const t = await df.toArrow(); console.log("toArrow", (performance.now()-t0)/1000, t.numRows, t.batches.length, t.schema.fields.map(f=>String(f.type)).join(",")); }
for (let i = 0; i < 2; i++) { const t0 = performance.now(); const r = await df.collect(); console.log("collect", (performance.now()-t0)/1000, r.length, r[3]); }
await spark.close();
