// One bulk case of our client, for CPU profiling (started by profile.ts):
//   node --cpu-prof --expose-gc dist/bench/profileCase.js <toArrow|collect|raw> <url> <rows> <runs>
// Runs it once to warm up, then <runs> times; prints the timed runs' seconds as JSON.
import "./http2Window.js";
import { SparkSession } from "../src/index.js";
import * as ours from "./cases.js";

const [what, url, n, runs] = [process.argv[2], process.argv[3], Number(process.argv[4]), Number(process.argv[5] ?? 2)];
const action = { toArrow: ours.toArrow, collect: ours.collect, raw: ours.rawDrain }[what as "toArrow"];
if (!action || !url || !Number.isInteger(n)) {
  console.error("usage: profileCase.js <toArrow|collect|raw> <url> <rows> [runs]");
  process.exit(2);
}
const spark = await SparkSession.connect(url);
const q = ours.bulkQuery(n);
await action(spark, q);
const seconds: number[] = [];
for (let i = 0; i < runs; i++) seconds.push((await action(spark, q)).seconds);
await spark.close();
console.log(JSON.stringify({ what, n, seconds }));
