import { Effect, Stream } from "effect";
import { SparkSession } from "../../dist/src/index.js";
import { encodePlan } from "../../dist/src/plan/encodeRelation.js";
import { SqlNode } from "../../dist/src/plan/SqlNode.js";
const spark = await SparkSession.connect(process.argv[2]);
const N = Number(process.argv[3] ?? 1000000);
const q = `SELECT id, CAST(id AS DOUBLE) * 1.5 AS d, lpad(CAST(id AS STRING), 16, 'x') AS s, timestamp_seconds(1704067200 + id) AS ts, CAST(id / 100 AS DECIMAL(18,2)) AS dec FROM range(${N})`;
for (let i = 0; i < 4; i++) {
  let bytes = 0, n = 0;
  const t0 = performance.now();
  await Effect.runPromise(Stream.runForEach(spark.core.execute(encodePlan(SqlNode.create(q))), (r) => Effect.sync(() => { n++; if (r.responseType.case === "arrowBatch") bytes += r.responseType.value.data.byteLength; })));
  console.log("raw", (performance.now()-t0)/1000, n, bytes);
  const t1 = performance.now(); await spark.sql(q).toArrow(); console.log("toArrow", (performance.now()-t1)/1000);
}
await spark.close();
