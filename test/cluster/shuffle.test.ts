// A shuffle-heavy query on the cluster: two aggregates of millions of rows over 48 shuffle
// partitions, joined by a sort-merge join (no broadcast, no coalescing of partitions), its
// result checked against values computed here; then the driver's REST API must show that
// tasks of that query ran on both executors.
import test from "ava";
import { col, count, max, sum } from "../../src/functions/index.js";
import { connect, eventually, type Executor, executors, timed } from "./support.js";

const file = import.meta.url;
const N_A = 4_000_000;
const N_B = 3_000_000;
const KEYS_A = 1000;
const KEYS_B = 1500;
const SHUFFLE_PARTITIONS = 48;

/** Tasks per executor id at the start and at the end of the shuffle query (set by the first test). */
let before: Map<string, number> | undefined;
let after: Executor[] | undefined;

interface Expected {
  aN: number;
  aSum: number;
  bN: number;
  bSum: number;
  bMax: number;
}

/** The joined aggregates, computed here row by row. */
function expected(): Map<number, Expected> {
  const out = new Map<number, Expected>();
  for (let k = 0; k < KEYS_A; k++) out.set(k, { aN: 0, aSum: 0, bN: 0, bSum: 0, bMax: -1 });
  for (let id = 0; id < N_A; id++) {
    const e = out.get(id % KEYS_A)!;
    e.aN++;
    e.aSum += id;
  }
  for (let id = 0; id < N_B; id++) {
    const e = out.get((id * 7) % KEYS_B);
    if (e === undefined) continue; // keys 1000..1499 of b have no partner in a
    e.bN++;
    e.bSum += id;
    e.bMax = id;
  }
  return out;
}

const taskCounts = (list: readonly Executor[]) => new Map(list.map((e) => [e.id, e.totalTasks]));

test.serial(
  "a join of two aggregates of 4M and 3M rows over 48 shuffle partitions returns what is computed locally",
  timed(file, async (t) => {
    const spark = await connect();
    try {
      await spark.conf.set("spark.sql.shuffle.partitions", String(SHUFFLE_PARTITIONS));
      await spark.conf.set("spark.sql.adaptive.coalescePartitions.enabled", "false");
      await spark.conf.set("spark.sql.autoBroadcastJoinThreshold", "-1");
      before = taskCounts(await executors());

      const a = spark
        .range(0, N_A, 1, 8)
        .select(col("id").mod(KEYS_A).alias("k"), col("id"))
        .groupBy("k")
        .agg(count("id").alias("a_n"), sum("id").alias("a_sum"));
      const b = spark
        .range(0, N_B, 1, 8)
        .select(col("id").multiply(7).mod(KEYS_B).alias("k"), col("id"))
        .groupBy("k")
        .agg(count("id").alias("b_n"), sum("id").alias("b_sum"), max("id").alias("b_max"));
      const joined = a.join(b, "k").orderBy("k");

      const plan = await joined.explain();
      t.regex(plan, /SortMergeJoin/, "a sort-merge join, both sides shuffled");
      t.notRegex(plan, /BroadcastHashJoin/);

      const started = Date.now();
      const rows = await joined.collect();
      t.log(`${rows.length} rows in ${((Date.now() - started) / 1000).toFixed(1)} s`);

      const want = expected();
      t.is(rows.length, KEYS_A, "every key of a has a partner in b");
      let mismatches = 0;
      for (const r of rows) {
        const k = Number(r["k"]);
        const e = want.get(k);
        const got = [r["a_n"], r["a_sum"], r["b_n"], r["b_sum"], r["b_max"]].map((v) => BigInt(v as bigint));
        const exp = e ? [e.aN, e.aSum, e.bN, e.bSum, e.bMax].map(BigInt) : [];
        if (got.some((v, i) => v !== exp[i])) {
          if (mismatches++ < 5) t.fail(`key ${k}: got ${got.join(", ")}, expected ${exp.join(", ")}`);
        }
      }
      t.is(mismatches, 0, "every row equals the locally computed one");
      t.is(
        rows.reduce((n, r) => n + BigInt(r["a_n"] as bigint), 0n),
        BigInt(N_A),
      );

      // The status store takes the executors' task ends in asynchronously: wait until it
      // shows tasks of this query on both executors.
      await eventually(async () => {
        const now = await executors();
        after = now;
        return now.filter((e) => e.isActive && e.totalTasks > (before?.get(e.id) ?? 0)).length >= 2;
      }, 30_000);
    } finally {
      await spark.close();
    }
  }),
);

test.serial(
  "the driver's REST API shows two executors, each of which ran tasks of the shuffle query",
  timed(file, async (t) => {
    const now = await executors();
    const active = now.filter((e) => e.isActive);
    t.log(active.map((e) => `executor ${e.id} on ${e.hostPort}: ${e.totalTasks} tasks (${e.failedTasks} failed)`).join("; "));
    t.is(active.length, 2, `two active executors besides the driver: ${JSON.stringify(now.map((e) => e.id))}`);
    t.is(new Set(active.map((e) => e.hostPort)).size, 2, "two executor processes");
    for (const e of active) {
      t.true(e.totalCores === 1, `executor ${e.id} has one core`);
      t.true(e.totalTasks > 0, `executor ${e.id} ran tasks`);
    }
    t.truthy(before && after, "the shuffle query's test recorded the task counts before and after it");
    for (const e of after ?? []) {
      const ran = e.totalTasks - (before?.get(e.id) ?? 0);
      t.true(ran > 0, `executor ${e.id} ran ${ran} tasks of the shuffle query`);
    }
    t.true(
      (after ?? []).reduce((n, e) => n + e.totalTasks - (before?.get(e.id) ?? 0), 0) >= 16 + SHUFFLE_PARTITIONS,
      "at least the 16 map tasks and the 48 reduce tasks of the query",
    );
  }),
);
