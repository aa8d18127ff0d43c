// Runs every test layer once against one local Spark Connect server and prints the
// closing "N passed, N failed[, N skipped]" line. Started by scripts/test.sh.
//
// The last layer is the short form of the chaos suite (docs/chaos.md): once the ava
// layers are done and the shared server stopped, it runs against a dedicated server of
// its own (which it stops, freezes, kills and restarts); each of its checks counts as a
// test. It is left out when arguments select tests (e.g. a file or --match).
//
// With --unit (npm run test:unit) it runs only the fast layers that need no Spark: the
// unit tests (the DSL fixture baselines among them) and the plan contract tests. The
// command-line tests (test/cli, which start the CLI as processes) run in npm test only. No server is
// started and SPARK_CONNECT_TEST_URL is removed from the tests' environment, so a test
// in those layers that reached for a server would fail rather than quietly use one.
import { spawnSync } from "node:child_process";
import * as Effect from "effect/Effect";
import { ensureDeltaJars } from "../runtime/Delta.js";
import { startLocalServer } from "../runtime/LocalServer.js";
import { runChild } from "./childProcess.js";

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

/** generated/ must be exactly what proto:gen makes from proto/. */
function checkGenerated(counts: Counts): void {
  const gen = spawnSync("bash", ["scripts/proto-gen.sh"], { encoding: "utf8" });
  const diff = spawnSync("git", ["status", "--porcelain", "--", "generated"], { encoding: "utf8" });
  if (gen.status === 0 && diff.status === 0 && diff.stdout.trim() === "") {
    console.log("  ✔ generated/ is in sync with proto/");
    counts.passed++;
  } else {
    console.log(`  ✘ generated/ differs from what npm run proto:gen makes; run it and commit.\n${gen.stderr}${diff.stdout}`);
    counts.failed++;
  }
}

function count(text: string, re: RegExp): number {
  const m = re.exec(text);
  return m ? Number(m[1]) : 0;
}

/**
 * The test files of the --unit run; further arguments go to ava after them (e.g. --match).
 * test/contract/requests.test.ts is left out: it checks its requests against the real server.
 */
const UNIT_FILES = ["dist/test/unit/**/*.test.js", "dist/test/contract/plans.test.js"];

async function runAva(env: NodeJS.ProcessEnv, args: string[], counts: Counts): Promise<void> {
  const { out, code } = await runChild(process.execPath, ["node_modules/ava/entrypoints/cli.js", ...args], { env: { ...env, FORCE_COLOR: "0" }, echo: true });
  // ava lists every test with ✔ or ✘; its closing summary omits the passed count when
  // something failed, so passes are counted from the list.
  const passed = (out.match(/^\s*✔ /gm) ?? []).length;
  let failed =
    Math.max(count(out, /^\s*(\d+) tests? failed/m), (out.match(/^\s*✘ \[fail\]/gm) ?? []).length) +
    count(out, /^\s*(\d+) uncaught exceptions?/m) +
    count(out, /^\s*(\d+) unhandled rejections?/m) +
    count(out, /^\s*(\d+) known failures?/m);
  const skipped = count(out, /^\s*(\d+) tests? skipped/m) + count(out, /^\s*(\d+) tests? todo/m);
  if (skipped > 0) {
    console.log(`  ✘ ${skipped} test(s) skipped or todo: no test may be left skipped.`);
    failed++;
  }
  if (code !== 0 && failed === 0) failed = 1;
  if (passed === 0 && failed === 0) failed = 1; // a run that ran nothing is a failure
  counts.passed += passed;
  counts.failed += failed;
  counts.skipped += skipped;
}

/**
 * Fetches the Delta Lake jars of the Delta test's server into the cache now (once per
 * machine), so that the download is timed here and a failure is reported on its own.
 */
async function prefetchDelta(): Promise<void> {
  const started = Date.now();
  try {
    const delta = await ensureDeltaJars({ onProgress: (l) => console.log(`  ${l}`) });
    const took = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`Delta Lake ${delta.version} jars ${delta.downloaded ? `downloaded in ${took} s` : "cached"} (${delta.jars.join(", ")})`);
  } catch (e) {
    console.log(`  Delta Lake jars not available; the Delta tests will fail: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** The chaos suite's short form as a layer: one test per check it prints ("  ✔ chaos: ..."). */
async function runChaos(counts: Counts): Promise<void> {
  console.log("Chaos suite, short form (docs/chaos.md)...");
  const { out, code } = await runChild(process.execPath, ["--expose-gc", "dist/test/chaos/main.js", "--short"], { echo: true });
  const passed = (out.match(/^\s*✔ chaos:/gm) ?? []).length;
  let failed = (out.match(/^\s*✘ chaos:/gm) ?? []).length;
  if (code !== 0 && failed === 0) failed = 1;
  if (passed === 0 && failed === 0) failed = 1;
  counts.passed += passed;
  counts.failed += failed;
}

async function runAll(args: string[], counts: Counts): Promise<void> {
  checkGenerated(counts);
  await prefetchDelta();
  let server;
  try {
    console.log("Starting a local Spark Connect server for the integration tests...");
    // Several test files run at once against this server, some with multi-million-row results.
    server = await Effect.runPromise(startLocalServer({ token: false, driverMemory: "4g" }));
    console.log(`Spark Connect server ready on port ${server.port} (log ${server.logFile})`);
  } catch (e) {
    console.log(`  ✘ could not start the Spark Connect server: ${e instanceof Error ? e.message : String(e)}`);
    counts.failed++;
  }
  try {
    const env = server ? { ...process.env, SPARK_CONNECT_TEST_URL: server.connectionString() } : process.env;
    await runAva(env, args, counts);
  } finally {
    await server?.stop();
  }
  if (args.length === 0) await runChaos(counts);
}

async function runUnit(args: string[], counts: Counts): Promise<void> {
  const env = { ...process.env };
  delete env["SPARK_CONNECT_TEST_URL"];
  await runAva(env, [...UNIT_FILES, ...args], counts);
}

const counts: Counts = { passed: 0, failed: 0, skipped: 0 };
const argv = process.argv.slice(2);
if (argv.includes("--unit")) await runUnit(argv.filter((a) => a !== "--unit"), counts);
else await runAll(argv, counts);
const skipped = counts.skipped > 0 ? `, ${counts.skipped} skipped` : "";
console.log(`${counts.passed} passed, ${counts.failed} failed${skipped}`);
process.exit(counts.failed > 0 ? 1 : 0);
