// Integration tests run against the real server that `npm test` starts. Without one
// they fail (never skip): the error says how to provide it.
import { SPARK_VERSION } from "../../runtime/SparkHome.js";
import { SparkSession } from "../../src/index.js";

/**
 * The Spark version of the test server: the pinned one, or under `npm run compat` the
 * version of the matrix cell (SPARK_CONNECT_TEST_SPARK_VERSION).
 */
export function expectedServerVersion(): string {
  return process.env["SPARK_CONNECT_TEST_SPARK_VERSION"] ?? SPARK_VERSION;
}

/** Connection string of the test server. */
export function testUrl(): string {
  const url = process.env["SPARK_CONNECT_TEST_URL"];
  if (!url) {
    throw new Error(
      "No Spark Connect server for the integration tests: run them with `npm test` (which starts one), " +
        "or set SPARK_CONNECT_TEST_URL=sc://host:port to a running Spark 4.1 server.",
    );
  }
  return url;
}

/**
 * A fresh session on the test server. Its retry budget is about 20 s rather than
 * PySpark's 10 minutes, so a server that died fails the tests instead of hanging them.
 */
export function connect(): Promise<SparkSession> {
  return SparkSession.connect(testUrl(), { retry: TEST_RETRY });
}

/** Retries of test sessions: 50, 200, 800, 3200, 12800 ms. */
export const TEST_RETRY = { maxRetries: 5 } as const;
