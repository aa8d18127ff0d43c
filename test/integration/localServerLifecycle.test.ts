// A local server started by the library never outlives the Node process that started it,
// whatever ends that process (SIGKILL, SIGTERM, SIGINT), and listens on loopback only; a
// server started with stopOnExit: false (as `spark-connect-ts server start` does) keeps
// running on purpose. Each case runs the library in a child Node process, reads the
// server's pid from it, ends the child, and watches the server's process group.
import test from "ava";
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { SparkSession } from "../../src/index.js";
import { startLocalServer } from "../../src/local.js";

const dist = resolve("dist", "src");
const temp = mkdtempSync(join(tmpdir(), "local-lifecycle-"));
test.after.always(() => rmSync(temp, { recursive: true, force: true }));

/** How long a server may take to go once its parent is gone (the watchdog's grace is 10 s). */
const GONE_WITHIN_MS = 30_000;

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

const pgidOf = (pid: number) => Number(execFileSync("ps", ["-o", "pgid=", "-p", String(pid)], { encoding: "utf8" }).trim());

async function waitUntil(check: () => boolean, ms: number): Promise<number> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > ms) return -1;
    await new Promise((r) => setTimeout(r, 100));
  }
  return Date.now() - started;
}

/**
 * Runs `body` (an ES module body with `startLocalServer` and `SparkSession` in scope) in a
 * child Node process; resolves with the child and the JSON line it prints.
 */
function child(name: string, body: string): Promise<{ proc: ChildProcess; info: { pid: number; port: number } }> {
  const file = join(temp, `${name}.mjs`);
  writeFileSync(
    file,
    `import { startLocalServer } from ${JSON.stringify(pathToFileURL(join(dist, "local.js")).href)};\n` +
      `import { SparkSession } from ${JSON.stringify(pathToFileURL(join(dist, "index.js")).href)};\n` +
      `${body}\nsetInterval(() => {}, 1000);\n`,
  );
  const proc = spawn(process.execPath, [file], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  proc.stderr!.on("data", (d: Buffer) => (err += d.toString()));
  return new Promise((ok, fail) => {
    proc.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const line = /^(\{.*\})\n/m.exec(out);
      if (line) ok({ proc, info: JSON.parse(line[1]!) as { pid: number; port: number } });
    });
    proc.once("exit", (code) => fail(new Error(`the child exited (${code}) before its server was up:\n${err}`)));
  });
}

const viaStart = `const s = await startLocalServer({ token: false, driverMemory: "1g" });
console.log(JSON.stringify({ pid: s.pid, port: s.port }));`;
const viaConnect = `const spark = await SparkSession.connect("local", { local: { driverMemory: "1g" } });
await spark.sql("SELECT 1").collect();
const s = spark.server;
console.log(JSON.stringify({ pid: s.pid, port: s.port }));`;

for (const [signal, how, body] of [
  ["SIGKILL", "startLocalServer", viaStart],
  ["SIGTERM", 'connect("local")', viaConnect],
  ["SIGINT", 'connect("local")', viaConnect],
] as const) {
  test.serial(`a server of ${how} is gone (its whole process group) after the parent Node process gets ${signal}`, async (t) => {
    const { proc, info } = await child(`${signal}-${how.replace(/\W/g, "")}`, body);
    const pgid = pgidOf(info.pid);
    t.true(alive(info.pid), "the server runs");
    t.not(pgid, proc.pid, "the server is not in the parent's process group");
    const killed = Date.now();
    proc.kill(signal);
    const ms = await waitUntil(() => !groupAlive(pgid), GONE_WITHIN_MS);
    t.log(`${signal}: the server's process group was gone ${Date.now() - killed} ms after the parent was killed`);
    t.not(ms, -1, `the server (pid ${info.pid}) and its group still run ${GONE_WITHIN_MS / 1000} s after the parent got ${signal}`);
    if (ms === -1) process.kill(-pgid, "SIGKILL");
  });
}

test.serial("a server started with stopOnExit: false outlives its parent until its group is stopped", async (t) => {
  const { proc, info } = await child(
    "detached",
    `const s = await startLocalServer({ token: false, driverMemory: "1g", stopOnExit: false });
console.log(JSON.stringify({ pid: s.pid, port: s.port }));`,
  );
  const pgid = pgidOf(info.pid);
  try {
    t.is(pgid, info.pid, "the server leads its own process group");
    proc.kill("SIGKILL");
    await new Promise((r) => setTimeout(r, 3_000));
    t.true(alive(info.pid), "the server still runs after its parent died");
    const spark = await SparkSession.connect(`sc://127.0.0.1:${info.port}`);
    t.deepEqual(await spark.sql("SELECT 3 AS x").collect(), [{ x: 3 }]);
    await spark.close();
  } finally {
    process.kill(-pgid, "SIGTERM");
    t.not(await waitUntil(() => !groupAlive(pgid), GONE_WITHIN_MS), -1, "the detached server stops on SIGTERM to its group");
  }
});

/** The TCP sockets process `pid` listens on, as "address:port" (Linux /proc, else lsof). */
function listening(pid: number): string[] {
  if (!existsSync(`/proc/${pid}/fd`)) {
    const out = execFileSync("lsof", ["-nP", "-a", "-p", String(pid), "-iTCP", "-sTCP:LISTEN", "-Fn"], { encoding: "utf8" });
    return out.split("\n").filter((l) => l.startsWith("n")).map((l) => l.slice(1));
  }
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m) inodes.add(m[1]!);
    } catch {
      /* closed meanwhile */
    }
  }
  const out: string[] = [];
  for (const table of ["tcp", "tcp6"]) {
    for (const line of readFileSync(`/proc/${pid}/net/${table}`, "utf8").split("\n").slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length < 10 || f[3] !== "0A" || !inodes.has(f[9]!)) continue; // 0A: LISTEN
      const [hex, port] = f[1]!.split(":") as [string, string];
      out.push(`${addressOf(hex)}:${parseInt(port, 16)}`);
    }
  }
  return out;
}

/** An address of /proc/net/tcp(6): little-endian 32-bit words. */
function addressOf(hex: string): string {
  const words = hex.match(/.{8}/g)!.map((w) => w.match(/../g)!.reverse().join(""));
  if (words.length === 1) return words[0]!.match(/../g)!.map((b) => parseInt(b, 16)).join(".");
  const v6 = words.join("");
  if (v6.startsWith("00000000000000000000FFFF")) return "::ffff:" + v6.slice(24).match(/../g)!.map((b) => parseInt(b, 16)).join(".");
  return v6.match(/.{4}/g)!.map((g) => g.replace(/^0+(?=.)/, "")).join(":").toLowerCase();
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::ffff:127\.\d+\.\d+\.\d+|0:0:0:0:0:0:0:1|\[?::1\]?|localhost)(:\d+)?$/;

test.serial("every port a local server listens on is on loopback", async (t) => {
  const server = await startLocalServer({ token: false, driverMemory: "1g" });
  try {
    const spark = await SparkSession.connect(server.connectionString());
    await spark.range(10).repartition(2).groupBy().count().collect(); // a shuffle: the block manager is in use
    await spark.close();
    const sockets = listening(server.pid);
    t.log(`pid ${server.pid} listens on ${sockets.join(", ")}`);
    t.true(sockets.some((s) => s.endsWith(`:${server.port}`)), "the gRPC port is among them");
    t.true(sockets.length >= 3, "gRPC, the driver's RPC and the block manager are found");
    for (const s of sockets) t.regex(s, LOOPBACK, `${s} is not loopback`);
  } finally {
    await server.stop();
  }
  t.false(alive(server.pid), "stop() ended the server");
});
