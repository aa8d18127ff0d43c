// The chaos suite's workload: operations drawn at random (from a seed) whose results are
// known in advance and checked exactly. An operation either returns having checked its
// result, or throws: WrongResult when the server's answer differs from the expected one,
// else whatever the client raised (which the suite requires to be a SparkConnectError).
import type { Table } from "apache-arrow";
import { InterruptedError, type SparkSession } from "../../src/index.js";

/** A result that differs from the expected one: always a failure of the suite. */
export class WrongResult extends Error {
  override readonly name = "WrongResult";
}

export type OpKind =
  | "rangeCollect"
  | "sqlAggregate"
  | "groupedAggregate"
  | "arrowChecksum"
  | "createDataFrame"
  | "interrupt"
  | "clone"
  | "sessionState"
  | "sessionCycle";

/** One drawn operation; `run` checks its own result. `sessionCycle` is run by the worker (close and reopen). */
export interface Op {
  readonly kind: OpKind;
  /** A short description with its parameters, for reports. */
  readonly what: string;
  readonly run: (spark: SparkSession, slot: number, onAbort: (ms: number) => void) => Promise<void>;
}

const WEIGHTS: Readonly<Record<OpKind, number>> = {
  rangeCollect: 3,
  sqlAggregate: 3,
  groupedAggregate: 2,
  arrowChecksum: 2,
  createDataFrame: 3,
  interrupt: 1,
  clone: 1,
  sessionState: 2,
  sessionCycle: 0.5,
};

/** The temp view and setting every session of a slot carries, read back by sessionState and clone. */
export const VIEW = "chaos_v";
export const SLOT_KEY = "spark.chaos.slot";

/** What a fresh session of `slot` runs before its workload: the state the checks read back. */
export async function setUpSession(spark: SparkSession, slot: number): Promise<void> {
  await spark.sql(`CREATE OR REPLACE TEMP VIEW ${VIEW} AS SELECT ${slot} AS k`).collect();
  await spark.conf.set(SLOT_KEY, String(slot));
}

function check(ok: boolean, message: () => string): void {
  if (!ok) throw new WrongResult(message());
}

/** A uniform integer in [min, max]. */
function int(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** Sum of a, a+1, ..., a+n-1. */
function sumRange(a: bigint, n: bigint): bigint {
  return n * a + (n * (n - 1n)) / 2n;
}

/** Count and sum of the ids in [a, a+n) with id % m === g, or undefined when there are none. */
function group(a: bigint, n: bigint, m: bigint, g: bigint): { c: bigint; s: bigint } | undefined {
  const first = a + ((g - (a % m) + m) % m);
  const last = a + n - 1n;
  if (first > last) return undefined;
  const c = (last - first) / m + 1n;
  return { c, s: c * first + (m * c * (c - 1n)) / 2n };
}

/** Characters of the random strings: ASCII, Latin, Greek, CJK, all in the BMP (so JS length = Spark length). */
const ALPHABET = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789éßøçñΩλπ中文字日本語한국'\"\\;,%_";

function text(random: () => number, max: number): string {
  let s = "";
  for (let i = int(random, 0, max); i > 0; i--) s += ALPHABET[Math.floor(random() * ALPHABET.length)];
  return s;
}

/** Checks an Arrow table of columns id, t = 3 * id, s = 'r' || id for ids 0..n-1 in order. */
function checkArrow(table: Table, n: number): void {
  check(table.numRows === n, () => `expected ${n} rows, got ${table.numRows}`);
  let next = 0n;
  for (const batch of table.batches) {
    const ids = batch.getChild("id")!.toArray() as BigInt64Array;
    const ts = batch.getChild("t")!.toArray() as BigInt64Array;
    const ss = batch.getChild("s")!;
    for (let i = 0; i < ids.length; i++, next++) {
      if (ids[i] !== next) throw new WrongResult(`expected id ${next}, got ${ids[i]}`);
      if (ts[i] !== 3n * next) throw new WrongResult(`expected t ${3n * next} at id ${next}, got ${ts[i]}`);
      if (next % 997n === 0n && ss.get(i) !== `r${next}`) throw new WrongResult(`expected s r${next}, got ${ss.get(i)}`);
    }
  }
  check(next === BigInt(n), () => `expected ${n} ids, got ${next}`);
}

/** The next operation of a slot's workload. */
export function drawOp(random: () => number): Op {
  const total = Object.values(WEIGHTS).reduce((a, b) => a + b, 0);
  let pick = random() * total;
  const kind = (Object.keys(WEIGHTS) as OpKind[]).find((k) => (pick -= WEIGHTS[k]) < 0) ?? "sessionState";
  switch (kind) {
    case "rangeCollect": {
      const n = int(random, 1, 30_000);
      return {
        kind,
        what: `range(${n}).collect()`,
        run: async (spark) => {
          const rows = await spark.range(n).collect();
          check(rows.length === n, () => `expected ${n} rows, got ${rows.length}`);
          for (let i = 0; i < n; i++) check(rows[i]!.id === BigInt(i), () => `row ${i}: expected id ${i}, got ${String(rows[i]!.id)}`);
        },
      };
    }
    case "sqlAggregate": {
      const a = BigInt(int(random, 0, 1_000_000_000));
      const n = BigInt(int(random, 1, 3_000_000));
      const sql = `SELECT count(*) AS c, sum(id) AS s, min(id) AS lo, max(id) AS hi FROM range(${a}, ${a + n})`;
      return {
        kind,
        what: sql,
        run: async (spark) => {
          const rows = await spark.sql(sql).collect();
          const want = { c: n, s: sumRange(a, n), lo: a, hi: a + n - 1n };
          check(rows.length === 1 && Object.entries(want).every(([k, v]) => rows[0]![k] === v), () => `expected ${String(Object.values(want))}, got ${JSON.stringify(rows, (_, v) => (typeof v === "bigint" ? String(v) : v))}`);
        },
      };
    }
    case "groupedAggregate": {
      const a = BigInt(int(random, 0, 1_000_000_000));
      const n = BigInt(int(random, 1, 2_000_000));
      const m = BigInt(int(random, 2, 13));
      const sql = `SELECT id % ${m} AS g, count(*) AS c, sum(id) AS s FROM range(${a}, ${a + n}) GROUP BY g ORDER BY g`;
      return {
        kind,
        what: sql,
        run: async (spark) => {
          const rows = await spark.sql(sql).collect();
          const want: { g: bigint; c: bigint; s: bigint }[] = [];
          for (let g = 0n; g < m; g++) {
            const r = group(a, n, m, g);
            if (r) want.push({ g, ...r });
          }
          check(rows.length === want.length, () => `expected ${want.length} groups, got ${rows.length}`);
          want.forEach((w, i) => {
            const r = rows[i]!;
            check(r["g"] === w.g && r["c"] === w.c && r["s"] === w.s, () => `group ${w.g}: expected c ${w.c} s ${w.s}, got g ${String(r["g"])} c ${String(r["c"])} s ${String(r["s"])}`);
          });
        },
      };
    }
    case "arrowChecksum": {
      const n = int(random, 200_000, 400_000);
      const viaSql = random() < 0.5;
      return {
        kind,
        what: viaSql ? `sql(... range(${n})).toArrow()` : `range(${n}).selectExpr(...).toArrow()`,
        run: async (spark) => {
          const df = viaSql
            ? spark.sql(`SELECT id, id * 3 AS t, concat('r', id) AS s FROM range(${n})`)
            : spark.range(n).selectExpr("id", "id * 3 AS t", "concat('r', id) AS s");
          checkArrow(await df.toArrow(), n);
        },
      };
    }
    case "createDataFrame": {
      const m = int(random, 1, 400);
      const rows = Array.from({ length: m }, (_, k) => ({ k, s: text(random, 24), v: Math.round((random() - 0.5) * 2e9) / 1024 }));
      const aggregate = random() < 0.5;
      return {
        kind,
        what: `createDataFrame(${m} rows)${aggregate ? ".selectExpr(sums)" : ""}.collect()`,
        run: async (spark) => {
          const df = spark.createDataFrame(rows, "k INT, s STRING, v DOUBLE");
          if (aggregate) {
            const got = await df.selectExpr("count(*) AS c", "sum(k) AS sk", "sum(length(s)) AS ls").collect();
            const want = { c: BigInt(m), sk: BigInt((m * (m - 1)) / 2), ls: BigInt(rows.reduce((t, r) => t + r.s.length, 0)) };
            check(got.length === 1 && got[0]!["c"] === want.c && got[0]!["sk"] === want.sk && got[0]!["ls"] === want.ls, () => `expected ${String(Object.values(want))}, got ${String(Object.values(got[0] ?? {}))}`);
          } else {
            const got = await df.collect();
            check(got.length === m, () => `expected ${m} rows, got ${got.length}`);
            got.forEach((r, i) => {
              const w = rows[i]!;
              check(r["k"] === w.k && r["s"] === w.s && r["v"] === w.v, () => `row ${i}: expected ${JSON.stringify(w)}, got ${JSON.stringify(r)}`);
            });
          }
        },
      };
    }
    case "interrupt": {
      const sleepMs = int(random, 3_000, 6_000);
      const abortAfter = int(random, 100, 1_500);
      return {
        kind,
        what: `sleep ${sleepMs} ms, aborted after ${abortAfter} ms`,
        run: async (spark, _slot, onAbort) => {
          const controller = new AbortController();
          let abortedAt = 0;
          const timer = setTimeout(() => {
            abortedAt = Date.now();
            controller.abort(new Error("chaos workload abort"));
          }, abortAfter);
          try {
            await spark.sql(`SELECT java_method('java.lang.Thread', 'sleep', ${sleepMs}L) AS s`).collect({ signal: controller.signal });
          } catch (e) {
            if (abortedAt > 0) onAbort(Date.now() - abortedAt);
            if (e instanceof InterruptedError && abortedAt > 0) return; // the expected end
            throw e;
          } finally {
            clearTimeout(timer);
          }
          throw new WrongResult(`a query aborted after ${abortAfter} ms returned instead of failing with InterruptedError`);
        },
      };
    }
    case "clone":
      return {
        kind,
        what: "clone(), read the view and setting, close the clone",
        run: async (spark, slot) => {
          const copy = await spark.clone();
          try {
            const rows = await copy.sql(`SELECT k FROM ${VIEW}`).collect();
            check(rows.length === 1 && rows[0]!["k"] === slot, () => `clone: expected k ${slot}, got ${JSON.stringify(rows)}`);
            const conf = await copy.conf.get(SLOT_KEY);
            check(conf === String(slot), () => `clone: expected ${SLOT_KEY} ${slot}, got ${conf}`);
          } finally {
            await copy.close();
          }
        },
      };
    case "sessionState":
      return {
        kind,
        what: "read the session's view and setting",
        run: async (spark, slot) => {
          const rows = await spark.sql(`SELECT k FROM ${VIEW}`).collect();
          check(rows.length === 1 && rows[0]!["k"] === slot, () => `expected k ${slot}, got ${JSON.stringify(rows)}`);
          const conf = await spark.conf.get(SLOT_KEY);
          check(conf === String(slot), () => `expected ${SLOT_KEY} ${slot}, got ${conf}`);
        },
      };
    case "sessionCycle":
      return { kind, what: "close the session, open a new one", run: async () => {} };
  }
}
