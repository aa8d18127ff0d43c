// SparkSession.connect("local"): a private server with a random token, stopped on close;
// and spark-connect-ts/local finding Spark in the per-user cache, writing nothing into
// the working directory.
import test from "ava";
import { existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { AuthenticationError, SparkSession } from "../../src/index.js";
import { findSpark, installSpark, sparkInstallDir, startLocalServer } from "../../src/local.js";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test("connect('local') starts a token-protected server and close() stops it", async (t) => {
  const spark = await SparkSession.connect("local");
  const server = (spark as unknown as { server: { pid: number; port: number; connectionString(): string } }).server;
  t.is(await spark.version(), "4.1.1");
  t.deepEqual(await spark.sql("SELECT 1 AS x").collect(), [{ x: 1 }]);

  const token = /;token=([^;]+)/.exec(server.connectionString())![1]!;
  t.true(token.length >= 32, "a random token protects the server");
  const intruder = await SparkSession.connect(`sc://127.0.0.1:${server.port}/;token=wrong-${token.slice(0, 8)}`);
  const err = await t.throwsAsync(intruder.version(), { instanceOf: AuthenticationError });
  t.false(err.message.includes(token.slice(0, 8)), "the token never appears in messages");
  t.regex(err.message, /token/);
  await intruder.close();

  await spark.close();
  t.false(alive(server.pid), "the server process is gone after close()");
});

// Serial: it changes the working directory and SPARK_CONNECT_TS_HOME of this process, and
// ava runs serial tests before the others.
test.serial("startLocalServer finds Spark in SPARK_CONNECT_TS_HOME and writes only there", async (t) => {
  const venv = resolve(".spark", "venv");
  t.true(existsSync(join(venv, ".pyspark-4.1.1")), "the repository's Spark is installed (npm test installs it)");
  const home = mkdtempSync(join(tmpdir(), "spark-home-"));
  const cwd = mkdtempSync(join(tmpdir(), "spark-app-"));
  symlinkSync(venv, join(home, "venv"));
  const saved = { env: { ...process.env }, cwd: process.cwd() };
  let server: Awaited<ReturnType<typeof startLocalServer>> | undefined;
  try {
    delete process.env["SPARK_HOME"];
    process.env["SPARK_CONNECT_TS_HOME"] = home;
    process.chdir(cwd);
    t.is(sparkInstallDir(), join(home, "venv"));
    t.deepEqual(findSpark()?.source, "cache");
    const progress: string[] = [];
    const found = await installSpark({ onProgress: (l) => progress.push(l) });
    t.false(found.installed, "nothing to install");
    t.deepEqual(progress, []);

    server = await startLocalServer({ token: false, driverMemory: "1g" });
    t.true(server.sparkHome.startsWith(join(home, "venv")), server.sparkHome);
    t.true(server.logFile.startsWith(join(home, "logs")), server.logFile);
    const spark = await SparkSession.connect(server.connectionString());
    t.deepEqual(await spark.sql("SELECT 2 AS x").collect(), [{ x: 2 }]);
    await spark.close();
    await server.stop();
    server = undefined;
    t.deepEqual(readdirSync(cwd), [], "nothing written into the working directory");
    t.deepEqual(readdirSync(home).sort(), ["logs", "venv", "work"]);
  } finally {
    await server?.stop();
    process.chdir(saved.cwd);
    process.env = saved.env;
    rmSync(home, { recursive: true, force: true });
    rmSync(cwd, { recursive: true, force: true });
  }
});
