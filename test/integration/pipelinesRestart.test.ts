// The restart-state store (spark-connect-ts/pipelines) on the real server: its
// semantics (overwrite on persist, [] before the first persist, the sentinel after a load,
// JSON or Parquet, timings and details logged), errors other than "not found" propagating,
// and crash safety: a persist aborted in the middle of Spark's write, and one whose
// connection is killed through the TCP proxy after the data was written but before the
// commit record, both leave the previous state loadable, never an empty or partial one.
import test from "ava";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Effect, Layer, Logger, References } from "effect";
import { parseConnectionString } from "../../runtime/ConnectionString.js";
import { InterruptedError, SparkConnectError, SparkSession, TransportError } from "../../src/index.js";
import * as Spark from "../../src/effect.js";
import { RestartState, RestartStateStore, SENTINEL, type RestartEntry } from "../../src/pipelines/index.js";
import { startTcpProxy } from "../support/tcpProxy.js";
import { connect, TEST_RETRY, testUrl } from "../support/server.js";

const dir = mkdtempSync(join(tmpdir(), "spark-restart-"));
let spark: SparkSession;
test.before(async () => {
  spark = await connect();
});
test.after.always(async () => {
  await spark?.close();
  rmSync(dir, { recursive: true, force: true });
});

const entries = (n: number, prefix = "com.acme.jobs.Step"): RestartEntry[] => Array.from({ length: n }, (_, i) => ({ scriptClass: `${prefix}${i}`, index: i * 3 - 7 }));

/** Resolves once `file` exists (polled every 2 ms), or rejects after `ms`. */
function whenExists(file: string, ms = 60_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const timer = setInterval(() => {
      if (existsSync(file)) {
        clearInterval(timer);
        resolve();
      } else if (Date.now() - started > ms) {
        clearInterval(timer);
        reject(new Error(`${file} did not appear within ${ms} ms`));
      }
    }, 2);
  });
}

test.serial("before the first persist load() returns [] and then stores the sentinel", async (t) => {
  const store = new RestartStateStore(spark, { path: join(dir, "fresh") });
  t.deepEqual(await store.load(), []);
  t.deepEqual(await store.load(), [SENTINEL]);
  t.deepEqual(SENTINEL, { scriptClass: "nonexistent", index: 0 });
});

test.serial("persist overwrites; load returns the entries in order, then the sentinel (JSON and Parquet)", async (t) => {
  for (const format of ["json", "parquet"] as const) {
    const path = join(dir, `basic-${format}`);
    const store = new RestartStateStore(spark, { path, format });
    await store.persist(entries(3, "first."));
    const second = entries(250);
    await store.persist(second);
    t.deepEqual(await store.load(), second, format);
    t.deepEqual(await store.load(), [SENTINEL], format);
    await store.persist([]);
    t.deepEqual(await store.load(), [], `${format}: an empty hierarchy`);
    // The files are the configured format, and storage stays at two slots.
    t.deepEqual(readdirSync(join(path, "data")).sort(), ["slot-0", "slot-1"]);
    t.true(readdirSync(join(path, "data", "slot-0")).some((f) => f.endsWith(format === "json" ? ".json" : ".parquet")), format);
  }
});

test.serial("writeSentinel: false leaves the state as it is after a load", async (t) => {
  const store = new RestartStateStore(spark, { path: join(dir, "keep"), writeSentinel: false });
  await store.persist(entries(2));
  t.deepEqual(await store.load(), entries(2));
  t.deepEqual(await store.load(), entries(2));
});

test.serial("invalid details are refused with the entry's path and the stored state is kept", async (t) => {
  const store = new RestartStateStore(spark, { path: join(dir, "invalid"), writeSentinel: false });
  await store.persist(entries(2));
  const e = await t.throwsAsync(store.persist([{ scriptClass: "ok", index: 1 }, { scriptClass: "x", index: "2" as unknown as number }]));
  t.is((e as { _tag?: string })._tag, "PipelineInputError");
  t.is((e as unknown as { field: string }).field, "details[1].index");
  t.deepEqual(await store.load(), entries(2));
});

test.serial("errors other than 'not found' are typed and propagate (not swallowed into [])", async (t) => {
  const store = new RestartStateStore(spark, { path: "nosuchfs://bucket/restart" });
  const e = await t.throwsAsync(store.load());
  t.true(e instanceof SparkConnectError, String(e));
  t.regex(e!.message, /nosuchfs/i);
});

test.serial("timings and the stored details are logged through the session's logger", async (t) => {
  const lines: string[] = [];
  const memory = Logger.make(({ message, fiber }) => {
    const text = (Array.isArray(message) ? message : [message]).map(String).join(" ");
    if (!text.startsWith("spark-connect-pipelines:")) return;
    const annotations = fiber.getRef(References.CurrentLogAnnotations);
    lines.push(`${text} ${JSON.stringify(annotations)}`);
  });
  const logged = await SparkSession.connect(testUrl(), {
    retry: TEST_RETRY,
    layer: Layer.mergeAll(Logger.layer([memory]), Layer.succeed(References.MinimumLogLevel, "Debug")),
  });
  try {
    const store = new RestartStateStore(logged, { path: join(dir, "logged") });
    await store.persist([{ scriptClass: "com.acme.Load", index: 4 }]);
    await store.load();
  } finally {
    await logged.close();
  }
  const persisted = lines.find((l) => /persisted 1 restart entries as version 1 in \d+ ms/.test(l));
  t.truthy(persisted, lines.join("\n"));
  t.regex(persisted!, /com\.acme\.Load/);
  t.true(lines.some((l) => /loaded 1 restart entries \(version 1\) in \d+ ms/.test(l) && l.includes("com.acme.Load")), lines.join("\n"));
});

test.serial("the Effect service: RestartState.layer on the Spark service", async (t) => {
  const path = join(dir, "effect");
  const program = Effect.gen(function* () {
    const store = yield* RestartState;
    yield* store.persist(entries(4));
    return yield* store.load();
  });
  const loaded = await Effect.runPromise(Effect.provide(program, RestartState.layer({ path }).pipe(Layer.provide(Spark.layer(testUrl(), { retry: TEST_RETRY })))));
  t.deepEqual(loaded, entries(4));
});

test.serial("a persist aborted in the middle of Spark's write leaves the previous state loadable", async (t) => {
  const path = join(dir, "aborted");
  const store = new RestartStateStore(spark, { path, writeSentinel: false });
  const previous = entries(5, "previous.");
  await store.persist(previous);
  // The next persist goes to slot 1: abort it once Spark's write of that slot has begun.
  const controller = new AbortController();
  const big = entries(300_000, "com.acme.pipelines.restart.VeryLongScriptClassName.");
  const started = whenExists(join(path, "data", "slot-1", "_temporary")).then(() => controller.abort());
  const err = await t.throwsAsync(store.persist(big, { signal: controller.signal }));
  await started;
  t.true(err instanceof InterruptedError, String(err));
  t.false(existsSync(join(path, "commits", "slot-1")), "no commit record was written");
  t.deepEqual(await store.load(), previous);
  // The store goes on working after the failed persist.
  await store.persist(entries(2));
  t.deepEqual(await store.load(), entries(2));
});

test.serial("a connection killed after the data was written but before the commit record leaves the previous state", async (t) => {
  const path = join(dir, "killed");
  const previous = entries(7, "previous.");
  await new RestartStateStore(spark, { path }).persist(previous);

  const { host, port } = parseConnectionString(testUrl());
  const proxy = await startTcpProxy({ host, port });
  const proxied = await SparkSession.connect(proxy.url, { retry: { maxRetries: 2, initialBackoffMs: 20, backoffMultiplier: 2 } });
  try {
    const data = join(path, "data", "slot-1");
    // Hold the server's answers once the data write has begun, so the client never learns
    // that it ended; once Spark has committed the data, kill the connection for good.
    const killed = whenExists(join(data, "_temporary"))
      .then(() => proxy.pause())
      .then(() => whenExists(join(data, "_SUCCESS")))
      .then(() => {
        proxy.setRefusing(true);
        proxy.reset();
      });
    const err = await t.throwsAsync(new RestartStateStore(proxied, { path }).persist(entries(50_000, "next.")));
    await killed;
    t.true(err instanceof TransportError, String(err));
    t.true(existsSync(join(data, "_SUCCESS")), "the new data reached the disk");
    t.false(existsSync(join(path, "commits", "slot-1")), "but its commit record did not");
  } finally {
    proxy.setRefusing(false);
    proxy.resume();
    await proxied.close().catch(() => undefined);
    await proxy.close();
  }
  const store = new RestartStateStore(spark, { path, writeSentinel: false });
  t.deepEqual(await store.load(), previous);
  await store.persist(entries(1));
  t.deepEqual(await store.load(), entries(1));
});
