// Drives bench/pyspark_cases.py: a long-lived `serve` worker answering one JSON line per
// request (so the clients keep a warm session and can alternate), and one-shot runs in a
// fresh process (for peak RSS). The same line protocol drives the Go peer (goPeer.ts).
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";

/** The project directory: the nearest one above this compiled file with bench/pyspark_cases.py. */
export const ROOT = (() => {
  for (let d = import.meta.dirname; dirname(d) !== d; d = dirname(d)) {
    if (existsSync(join(d, "package.json")) && existsSync(join(d, "bench", "pyspark_cases.py"))) return d;
  }
  throw new Error(`no project directory above ${import.meta.dirname}`);
})();
/** The compiled bench/ directory this code runs from (child scripts are its siblings). */
export const HERE = import.meta.dirname;
export const SCRIPT = join(ROOT, "bench", "pyspark_cases.py");
export const PYTHON = process.env["BENCH_PYTHON"] ?? join(ROOT, ".spark", "venv", "bin", "python");

export type Request =
  | { op: "to_arrow" | "collect" | "raw" | "stream"; query: string }
  | { op: "create_df"; n: number; form: "pandas" | "tuples" }
  | { op: "upload"; mib: number }
  | { op: "latency"; query: string; count: number; prebuilt: boolean }
  | { op: "wide_select"; width: number; inner: number }
  | { op: "joins"; count: number; inner: number }
  | { op: "info" };

export type Reply = Record<string, unknown> & { seconds?: number; rows?: number; samples?: number[] };

/**
 * A client in another process answering one JSON line per request line: the PySpark
 * worker (bench/pyspark_cases.py serve) and the Go peer (bench/go). One request at a time.
 */
export class JsonLineWorker {
  private readonly lines: AsyncIterator<string>;

  private constructor(
    readonly name: string,
    private readonly child: ChildProcessWithoutNullStreams,
  ) {
    this.lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  }

  /** Starts `command args` and waits for its `{"ready": true}` line. */
  static async spawn(name: string, command: string, args: readonly string[]): Promise<JsonLineWorker> {
    const child = spawn(command, args, { stdio: ["pipe", "pipe", "pipe"] });
    child.stderr.on("data", (d: Buffer) => {
      const text = d.toString();
      // The clients' own warnings are noise here; real failures come back as {"error"}.
      if (process.env["BENCH_VERBOSE"]) process.stderr.write(`[${name}] ${text}`);
    });
    const worker = new JsonLineWorker(name, child);
    const first = await worker.next();
    if (first["ready"] !== true) throw new Error(`the ${name} worker did not start: ${JSON.stringify(first)}`);
    return worker;
  }

  private async next(): Promise<Reply> {
    const { value, done } = await this.lines.next();
    if (done) throw new Error(`the ${this.name} worker exited (code ${this.child.exitCode}); run with BENCH_VERBOSE=1 to see its stderr`);
    return JSON.parse(value) as Reply;
  }

  async run(req: Request): Promise<Reply> {
    this.child.stdin.write(JSON.stringify(req) + "\n");
    const res = await this.next();
    if (typeof res["error"] === "string") throw new Error(`${this.name} ${req.op}: ${res["error"]}`);
    return res;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    this.child.stdin.end();
    await new Promise<void>((ok) => {
      const t = setTimeout(() => {
        this.child.kill("SIGKILL");
        ok();
      }, 10_000);
      this.child.once("exit", () => {
        clearTimeout(t);
        ok();
      });
    });
  }
}

/** A PySpark Connect session in a Python process. */
export type PySparkWorker = JsonLineWorker;
export const PySparkWorker = {
  start: (url: string): Promise<PySparkWorker> => JsonLineWorker.spawn("PySpark", PYTHON, [SCRIPT, "serve", url]),
};

/** Runs `python bench/pyspark_cases.py stream <url> <n>` in a fresh process (its peak RSS is the run's). */
export function pysparkStreamOnce(url: string, n: number): Promise<Reply> {
  return new Promise((ok, fail) => {
    const child = spawn(PYTHON, [SCRIPT, "stream", url, String(n)], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.once("exit", (code) => {
      if (code !== 0) return fail(new Error(`pyspark_cases.py stream exited ${code}: ${err.slice(-2000)}`));
      const res = JSON.parse(out) as { runs: Reply[] };
      ok(res.runs[0]);
    });
  });
}
