// A Spark Connect server of the test's own, for settings the shared one must not have
// (forced reattach, a restart). Started on a free port, stopped in test.after.always.
import { Effect } from "effect";
import { type LocalServer, type LocalServerOptions, startLocalServer } from "../../runtime/LocalServer.js";

export async function dedicatedServer(options: LocalServerOptions = {}): Promise<LocalServer> {
  return Effect.runPromise(startLocalServer({ token: false, driverMemory: "1g", ...options, ...matrixServer(options.conf) }));
}

/**
 * Under `npm run compat` (scripts/compat.ts) a test's own server runs the Spark version of
 * the matrix cell: SPARK_CONNECT_TEST_SPARK_HOME names its installation and
 * SPARK_CONNECT_TEST_SERVER_CONF (JSON) the settings it needs (the Connect jar of 3.5).
 */
function matrixServer(conf: LocalServerOptions["conf"]): Partial<LocalServerOptions> {
  const sparkHome = process.env["SPARK_CONNECT_TEST_SPARK_HOME"];
  if (!sparkHome) return {};
  const extra = JSON.parse(process.env["SPARK_CONNECT_TEST_SERVER_CONF"] ?? "{}") as Record<string, string>;
  return { sparkHome, install: false, conf: { ...extra, ...conf } };
}

/**
 * A dedicated server that ends every result stream after 1 s or 123 bytes, so that any
 * sizeable result arrives over many reattaches.
 */
export function reattachingServer(): Promise<LocalServer> {
  return dedicatedServer({
    conf: {
      "spark.connect.execute.reattachable.senderMaxStreamDuration": "1s",
      "spark.connect.execute.reattachable.senderMaxStreamSize": "123",
    },
  });
}

/**
 * A dedicated server with Delta Lake, its logs and warehouse in `dir` (its own, so its
 * tables do not meet the shared server's); the jars come from the cache.
 */
export function deltaServer(dir: string): Promise<LocalServer> {
  return dedicatedServer({ delta: true, dir, conf: { "spark.sql.shuffle.partitions": "2", "spark.databricks.delta.snapshotPartitions": "2" } });
}
