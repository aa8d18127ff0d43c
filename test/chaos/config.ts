// Every bound and rate of the chaos suite, in one place (docs/chaos.md explains them).
// The environment overrides the run's length, seed, session count and half-open lengths.
import type { FaultKind } from "../support/tcpProxy.js";

/** An operation (query, clone, session setup or close) running longer than this is a hang: the suite fails naming it and the seed. */
export const WATCHDOG_MS = 180_000;

/**
 * How long a half-open connection stays silent before both sides get a RST, drawn from
 * this range. Kept well under the watchdog: a client that cannot notice a silent
 * connection by itself waits for the RST. (The sessions of a process usually share one
 * connection, and the schedule leaves a half-open connection alone, so longer ones leave
 * the run with few other faults.)
 */
export const HALF_OPEN_MS: readonly [number, number] = [1_000, 8_000];

/** How long a stall holds one or both directions of a connection. */
export const STALL_MS: readonly [number, number] = [200, 5_000];

/** The wait between two network faults of the random schedule. */
export const FAULT_GAP_MS: readonly [number, number] = [150, 900];

/** How often each network fault is drawn, relatively. */
export const FAULT_WEIGHTS: Readonly<Record<FaultKind, number>> = { cut: 3, reset: 3, stall: 4, halfOpen: 1 };

/** How long the server's JVM is stopped (SIGSTOP .. SIGCONT). */
export const FREEZE_MS: readonly [number, number] = [10_000, 20_000];

/** After the server restarted, every session slot must succeed again within this. */
export const RECOVERY_MS = 120_000;

/** The longest an aborted operation may take to reject after its AbortSignal fired. */
export const ABORT_MS = 15_000;

/** Retries of the workload's sessions: 100 ms doubling to 4 s, 8 times (about 14 s in all). */
export const RETRY = { maxRetries: 8, initialBackoffMs: 100, backoffMultiplier: 2, maxBackoffMs: 4_000 } as const;

/**
 * Client memory is flat when the heap plus external memory after a full GC, with every
 * session open and no operation running, is at most baseline * (1 + ratio) + mib at the
 * end. The baseline is taken the same way after the warm-up.
 */
export const MEMORY_SLACK = { ratio: 0.5, mib: 64 } as const;

/** The whole run, server starts included, must end within its planned length plus this. */
export const RUN_SLACK_MS = 15 * 60_000;

/** The two forms: `npm run chaos` (long) and the layer of `npm test` (short). */
export const FORMS = {
  short: { seconds: 60, sessions: 16, seed: 13013, freezeMs: [10_000, 10_000] as const },
  long: { seconds: 300, sessions: 24, seed: undefined, freezeMs: FREEZE_MS },
} as const;

export type Form = keyof typeof FORMS;

/** What one run does. */
export interface RunConfig {
  readonly form: Form;
  readonly seconds: number;
  readonly sessions: number;
  readonly seed: number;
  readonly halfOpenMs: readonly [number, number];
  readonly freezeMs: readonly [number, number];
}

function positive(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined || text === "") return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer (got ${JSON.stringify(text)}).`);
  return n;
}

/** "a-b" in ms, or "inf" for half-opens that last until the run ends. */
function range(name: string, text: string | undefined, fallback: readonly [number, number]): readonly [number, number] {
  if (text === undefined || text === "") return fallback;
  if (text === "inf") return [Infinity, Infinity];
  const m = /^(\d+)-(\d+)$/.exec(text);
  if (!m || Number(m[1]) > Number(m[2])) throw new Error(`${name} must be "min-max" in ms or "inf" (got ${JSON.stringify(text)}).`);
  return [Number(m[1]), Number(m[2])];
}

/** The run's settings: the form's defaults, then CHAOS_SECONDS, CHAOS_SESSIONS, CHAOS_SEED, CHAOS_HALF_OPEN_MS. */
export function runConfig(form: Form, env: NodeJS.ProcessEnv = process.env): RunConfig {
  const f = FORMS[form];
  return {
    form,
    seconds: positive("CHAOS_SECONDS", env["CHAOS_SECONDS"], f.seconds),
    sessions: positive("CHAOS_SESSIONS", env["CHAOS_SESSIONS"], f.sessions),
    seed: positive("CHAOS_SEED", env["CHAOS_SEED"], f.seed ?? 1 + Math.floor(Math.random() * 2 ** 31)),
    halfOpenMs: range("CHAOS_HALF_OPEN_MS", env["CHAOS_HALF_OPEN_MS"], HALF_OPEN_MS),
    freezeMs: f.freezeMs,
  };
}
