// The benchmark's settings and its measuring loop: variants alternate repetition by
// repetition after a warm-up; each run is bounded by a timeout.
import { join } from "node:path";
import * as Effect from "effect/Effect";
import { http2Window } from "./http2Window.js";
import { type LocalServer, startLocalServer } from "../runtime/LocalServer.js";
import type { Timed } from "./cases.js";
import { type JsonLineWorker, ROOT } from "./pyspark.js";
import type { PerClient } from "./report.js";
import { median } from "./stats.js";

export const env = process.env;
export const QUICK = env["BENCH_QUICK"] === "1";
export const REPS = env["BENCH_REPS"] ? Math.max(1, Number(env["BENCH_REPS"])) : undefined;
export const ONLY = env["BENCH_CASES"] ? new Set(env["BENCH_CASES"].split(",").map(Number)) : undefined;
export const want = (c: number) => ONLY === undefined || ONLY.has(c);
/** BENCH_UPLOAD=0 skips case 9 (the large upload); BENCH_UPLOAD_MB sets its size. */
const UPLOAD = env["BENCH_UPLOAD"] !== "0";
/** BENCH_GO=0 leaves the Go peer out. */
export const GO = env["BENCH_GO"] !== "0";

export const settings = {
  quick: QUICK,
  warmup: 1,
  repsSmall: REPS ?? (QUICK ? 1 : 5),
  repsLarge: REPS ?? (QUICK ? 1 : 5),
  repsLatency: REPS ?? (QUICK ? 1 : 3),
  nSmall: 1_000_000,
  nLarge: QUICK ? 2_000_000 : 10_000_000,
  nStream: QUICK ? 5_000_000 : 50_000_000,
  nCreate: QUICK ? 200_000 : 1_000_000,
  repsCreate: REPS ?? (QUICK ? 1 : 5),
  /** Case 9's Arrow data in MiB; 0 when skipped. */
  uploadMiB: UPLOAD ? Number(env["BENCH_UPLOAD_MB"] ?? (QUICK ? 50 : 500)) : 0,
  repsUpload: REPS ?? (QUICK ? 1 : 2),
  /** Case 9 runs on a server of its own with this heap: a 4g driver runs out turning 500 MiB into rows for count(). */
  uploadDriverMemory: env["BENCH_UPLOAD_DRIVER_MEMORY"] ?? "10g",
  latencyCalls: QUICK ? 50 : 300,
  selectWidth: 1000,
  joinCount: 200,
  planInner: 10,
  /** The bench server's heap (BENCH_DRIVER_MEMORY): with 4g the 10M-row toArrow once ran out of heap in Spark's task-result getter. */
  driverMemory: env["BENCH_DRIVER_MEMORY"] ?? "6g",
  http2Window: http2Window ?? "library default (8 MiB)",
  reattachConf: { "spark.connect.execute.reattachable.senderMaxStreamDuration": "1s" },
};

export const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

/** Longest a single run may take before the benchmark gives up (a server that ran out of heap hangs). */
const RUN_TIMEOUT_MS = 10 * 60_000;

export function withTimeout<A>(p: Promise<A>, what: string): Promise<A> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, fail) => {
    timer = setTimeout(
      () => fail(new Error(`${what} took over ${RUN_TIMEOUT_MS / 60_000} min; the server log under .spark/logs may say why (e.g. OutOfMemoryError)`)),
      RUN_TIMEOUT_MS,
    );
  });
  return Promise.race([p, limit]).finally(() => clearTimeout(timer));
}
export const fmtN = (n: number) => (n >= 1e6 ? `${n / 1e6}M` : n >= 1e3 ? `${n / 1e3}k` : String(n));

/**
 * A server of the benchmark's own, on a free port, with its logs and working files under
 * .spark/bench (never the `spark-connect-ts server` state of the checkout, .spark/server.json).
 */
export function startServer(conf: Record<string, string> = {}, driverMemory = settings.driverMemory): Promise<LocalServer> {
  return Effect.runPromise(startLocalServer({ port: 0, token: false, driverMemory, conf, dir: join(ROOT, ".spark", "bench") }));
}

/** One measurement: the number reported (seconds unless said otherwise) and the client's CPU seconds. */
export interface Measured {
  readonly value: number;
  readonly cpu?: number;
}

export interface Variant {
  readonly key: string;
  /** One run (`warm`: the discarded warm-up). */
  readonly run: (warm: boolean) => Promise<Measured | number>;
}

export interface Samples {
  readonly values: Record<string, number[]>;
  readonly cpu: Record<string, number[]>;
}

/** Runs the variants in turn, repetition by repetition (warm-up first, discarded). */
export async function alternate(label: string, variants: readonly Variant[], reps: number): Promise<Samples> {
  const values: Record<string, number[]> = Object.fromEntries(variants.map((v) => [v.key, []]));
  const cpu: Record<string, number[]> = {};
  for (let r = 0; r < settings.warmup + reps; r++) {
    const warm = r < settings.warmup;
    const line: string[] = [];
    for (const v of variants) {
      const res = await withTimeout(v.run(warm), `${label} ${v.key}`);
      const m = typeof res === "number" ? { value: res } : res;
      if (!warm) {
        values[v.key].push(m.value);
        if (m.cpu !== undefined) (cpu[v.key] ??= []).push(m.cpu);
      }
      line.push(`${v.key} ${m.value.toFixed(3)}${m.cpu !== undefined ? ` (cpu ${m.cpu.toFixed(2)})` : ""}`);
    }
    log(`${label} ${warm ? "warm-up" : `rep ${r - settings.warmup + 1}/${reps}`}: ${line.join(", ")}`);
  }
  return { values, cpu };
}

export function expectRows(what: string, n: number, got: number | undefined): void {
  if (got !== n) throw new Error(`${what}: expected ${n} rows, got ${got}`);
}

export const secs = async (p: Promise<Timed>, what: string, n: number): Promise<Measured> => {
  const r = await p;
  expectRows(what, n, r.rows);
  return { value: r.seconds, cpu: r.cpu };
};

/** One run of a case in a worker process (PySpark or the Go peer). */
export const workerSecs = async (py: JsonLineWorker, op: "to_arrow" | "collect" | "raw", query: string, n: number): Promise<Measured> => {
  const r = await py.run({ op, query });
  expectRows(`${py.name} ${op}`, n, r.rows);
  return { value: r.seconds as number, cpu: r["cpu"] as number };
};

/** The median wall time of a variant, or undefined when it did not run (or failed: NaN). */
export function medianOf(s: Samples, key: string | undefined): number | undefined {
  const xs = key === undefined ? undefined : s.values[key];
  if (!xs || xs.length === 0) return undefined;
  const m = median(xs);
  return Number.isFinite(m) ? m : undefined;
}

/** Median client CPU per run of each client's variant, for a row's CPU columns. */
export function cpuOf(s: Samples, keys: { ours?: string; pyspark?: string; go?: string }): PerClient {
  const c = (k: string | undefined) => {
    const xs = k === undefined ? undefined : s.cpu[k];
    if (!xs || xs.length === 0) return undefined;
    const m = median(xs);
    return Number.isFinite(m) ? m : undefined;
  };
  return { ours: c(keys.ours), pyspark: c(keys.pyspark), go: c(keys.go) };
}
