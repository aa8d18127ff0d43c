// What the cluster tests share: the cluster's addresses (from the environment that
// `npm run cluster:test` sets up), a session on its Spark Connect server, the driver's
// REST API, and each test's duration for cluster/results/latest.json. Without a
// cluster the tests fail (never skip) and say how to run them.
import { appendFileSync } from "node:fs";
import { basename } from "node:path";
import type { ExecutionContext, ImplementationFn } from "ava";
import { SparkSession } from "../../src/index.js";

const HOW =
  "run the cluster suite with `npm run cluster:test` (which starts a standalone master, two workers and a Spark Connect server on 127.0.0.1, " +
  "and stops them afterwards), or start the cluster with `npm run cluster:start` and set SPARK_CONNECT_CLUSTER_URL and SPARK_CONNECT_CLUSTER_UI_URL " +
  "to what `node dist/scripts/cluster.js status` shows.";

function required(name: string, what: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`No Spark cluster for the cluster tests (${name}, ${what}, is not set): ${HOW}`);
  return value;
}

/** Connection string of the cluster's Spark Connect server. */
export const clusterUrl = (): string => required("SPARK_CONNECT_CLUSTER_URL", "the cluster's Spark Connect server");

/** The Spark Connect driver's web UI, e.g. http://127.0.0.1:4040; its REST API is under /api/v1. */
export const driverUi = (): string => required("SPARK_CONNECT_CLUSTER_UI_URL", "the driver's web UI");

/** Retries of test sessions: about 20 s in all, so a server that died fails the test instead of hanging it. */
export const TEST_RETRY = { maxRetries: 5 } as const;

/** A fresh session on the cluster's server. */
export function connect(options: Parameters<typeof SparkSession.connect>[1] = {}): Promise<SparkSession> {
  return SparkSession.connect(clusterUrl(), { retry: TEST_RETRY, ...options });
}

/** An executor as the driver's REST API lists it (the fields the tests read). */
export interface Executor {
  readonly id: string;
  readonly hostPort: string;
  readonly isActive: boolean;
  readonly totalCores: number;
  readonly activeTasks: number;
  readonly completedTasks: number;
  readonly failedTasks: number;
  readonly totalTasks: number;
}

async function getJson<T>(path: string): Promise<T> {
  const url = `${driverUi()}${path}`;
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

/** The id of the Spark Connect server's application (the driver runs exactly one). */
export async function applicationId(): Promise<string> {
  const apps = await getJson<{ id: string; name: string }[]>("/api/v1/applications");
  if (apps.length !== 1) throw new Error(`the driver lists ${apps.length} applications: ${JSON.stringify(apps)}`);
  return apps[0]!.id;
}

/** The active executors of the application, the driver left out. */
export async function executors(): Promise<Executor[]> {
  const id = await applicationId();
  const all = await getJson<Executor[]>(`/api/v1/applications/${id}/executors`);
  return all.filter((e) => e.id !== "driver");
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it returns true or `timeoutMs` passes; returns its last answer. */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 30_000, everyMs = 250): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await sleep(everyMs);
  }
}

/**
 * Wraps a test's implementation so that its duration goes into the report the cluster
 * command reads (SPARK_CONNECT_CLUSTER_REPORT, one JSON line per test), and so that a
 * missing cluster fails it at once with the message naming `npm run cluster:test`.
 */
export function timed(file: string, impl: (t: ExecutionContext) => Promise<void>): ImplementationFn<[]> {
  return async (t) => {
    const started = Date.now();
    t.teardown(() => {
      const report = process.env["SPARK_CONNECT_CLUSTER_REPORT"];
      if (report) appendFileSync(report, JSON.stringify({ file: basename(file).replace(/\.js$/, ".ts"), title: t.title, durationMs: Date.now() - started }) + "\n");
    });
    clusterUrl();
    driverUi();
    await impl(t);
  };
}
