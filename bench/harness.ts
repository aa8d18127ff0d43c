// The benchmark's settings and its measuring loop: variants alternate repetition by
// repetition after a warm-up; each run is bounded by a timeout.
import { Effect } from "effect";
import { http2Window } from "./http2Window.js";
import { type LocalServer, startLocalServer } from "../runtime/LocalServer.js";
import type { Timed } from "./cases.js";
import type { PySparkWorker } from "./pyspark.js";
import { median } from "./stats.js";

export const env = process.env;
export const QUICK = env["BENCH_QUICK"] === "1";
export const REPS = env["BENCH_REPS"] ? Math.max(1, Number(env["BENCH_REPS"])) : undefined;
export const ONLY = env["BENCH_CASES"] ? new Set(env["BENCH_CASES"].split(",").map(Number)) : undefined;
export const want = (c: number) => ONLY === undefined || ONLY.has(c);

export const settings = {
  quick: QUICK,
  warmup: 1,
  repsSmall: REPS ?? (QUICK ? 1 : 5),
  repsLarge: REPS ?? (QUICK ? 1 : 5),
  repsLatency: REPS ?? (QUICK ? 1 : 3),
  nSmall: 1_000_000,
  nLarge: QUICK ? 2_000_000 : 10_000_000,
  nStream: QUICK ? 5_000_000 : 50_000_000,
  latencyCalls: QUICK ? 50 : 300,
  selectWidth: 1000,
  joinCount: 200,
  planInner: 10,
  driverMemory: "4g",
  http2Window: http2Window ?? "default (64 KiB)",
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

export function startServer(conf: Record<string, string> = {}): Promise<LocalServer> {
  return Effect.runPromise(startLocalServer({ token: false, driverMemory: settings.driverMemory, conf }));
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

export const pySecs = async (py: PySparkWorker, op: "to_arrow" | "collect" | "raw", query: string, n: number): Promise<Measured> => {
  const r = await py.run({ op, query });
  expectRows(`PySpark ${op}`, n, r.rows);
  return { value: r.seconds as number, cpu: r["cpu"] as number };
};

/** "client CPU: ours 1.2 s, PySpark 0.9 s (median per run)" for a row's note. */
export function cpuNote(s: Samples, oursKey: string, pyKey: string): string {
  const c = (k: string) => (s.cpu[k] ? `${median(s.cpu[k]).toFixed(2)} s` : "n/a");
  return `Client CPU time per run (median, user+system, all threads): ours ${c(oursKey)}, PySpark ${c(pyKey)}.`;
}
