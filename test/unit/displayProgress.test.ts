// The progress bar of long actions (src/display/progressBar.ts) on a fake terminal: drawn
// with carriage returns, fitted to the width, erased at the end, silent off a terminal.
// And the `progress` option of actions: checked before anything is sent.
import test from "ava";
import { InvalidOptionError, SparkSession } from "../../src/index.js";
import type { Progress } from "../../runtime/Results.js";
import { formatBytes, progressBar, progressLine, type ProgressStream } from "../../src/display/progressBar.js";

class FakeTerminal implements ProgressStream {
  readonly writes: string[] = [];
  constructor(
    readonly isTTY: boolean,
    readonly columns: number | undefined = 100,
  ) {}
  write(text: string): boolean {
    this.writes.push(text);
    return true;
  }
  /** What the terminal shows now: the text after the last carriage return, escape sequences removed. */
  get screen(): string {
    const all = this.writes.join("");
    return all.slice(all.lastIndexOf("\r") + 1).replace(/\x1b\[K/g, "");
  }
}

const report = (stages: [numTasks: number, completed: number, bytes: number, done: boolean][], inflight = 0): Progress => ({
  stages: stages.map(([numTasks, numCompletedTasks, inputBytesRead, done], stageId) => ({ stageId, numTasks, numCompletedTasks, inputBytesRead, done })),
  numInflightTasks: inflight,
});

test("the bar shows stages, tasks, running tasks and bytes read", (t) => {
  const line = progressLine(report([[8, 8, 1024 * 1024 * 12, true], [8, 0, 0, false]], 4), 100, "collect");
  t.is(line, `collect [${"█".repeat(15)}${"░".repeat(15)}]  50% · stage 1/2 · tasks 8/16 (4 running) · 12 MiB read`);
  t.is(progressLine(report([]), 100), `[${"░".repeat(30)}]   0% · stage 0/0 · tasks 0/0`);
  t.is(formatBytes(0), "0 B");
  t.is(formatBytes(1536), "1.5 KiB");
  t.is(formatBytes(5 * 1024 ** 3), "5.0 GiB");
  t.is(formatBytes(123 * 1024 ** 2), "123 MiB");
});

test("the bar fits a narrow terminal by dropping details, least important first", (t) => {
  const p = report([[100, 25, 2048, false]], 10);
  const lines = [120, 80, 60, 50, 40, 30, 20].map((width) => [width, progressLine(p, width, "collect")] as const);
  for (const [width, line] of lines) {
    t.true(line.length <= width, `${width}: ${line}`);
    t.true(line.includes("25%"), `${width}: ${line}`);
  }
  t.true(lines[0]![1].endsWith("25% · stage 0/1 · tasks 25/100 (10 running) · 2.0 KiB read"));
  t.true(lines[2]![1].endsWith("25% · tasks 25/100 (10 running)"), lines[2]![1]);
  t.true(lines[4]![1].endsWith("25% · tasks 25/100"), lines[4]![1]);
  t.is(lines[6]![1], `collect [█${"░".repeat(4)}]  25%`);
});

test("the bar's length depends on the terminal's width only: it does not jitter", (t) => {
  const widths = [1, 5, 9, 10, 99, 100].map((done) => progressLine(report([[100, done, 0, false]], 1), 79, "collect").indexOf("]"));
  t.is(new Set(widths).size, 1);
});

test("on a terminal: drawn in place with carriage returns, erased at the end", (t) => {
  const term = new FakeTerminal(true);
  const bar = progressBar({ stream: term, delayMs: 0, label: "count" });
  bar.onProgress(report([[4, 1, 0, false]]));
  bar.onProgress(report([[4, 1, 0, false]])); // the same line: not redrawn
  bar.onProgress(report([[4, 3, 0, false]], 1));
  t.is(term.writes.length, 2);
  t.true(term.writes.every((w) => w.startsWith("\r") && w.endsWith("\x1b[K") && !w.includes("\n")));
  t.true(term.screen.startsWith("count ["));
  t.true(term.screen.includes("75% · stage 0/1 · tasks 3/4 (1 running)"));
  t.true(term.screen.length <= 99);
  bar.end();
  t.is(term.writes[term.writes.length - 1], "\r\x1b[K");
  t.is(term.screen, "");
  bar.onProgress(report([[4, 4, 0, true]])); // after the end: nothing
  bar.end(); // twice: nothing more
  t.is(term.writes.length, 3);
});

test("a terminal of unknown width counts as 80 columns", (t) => {
  const screens = [0, undefined, 80].map((columns) => {
    const term = new FakeTerminal(true);
    Object.defineProperty(term, "columns", { value: columns });
    const bar = progressBar({ stream: term, delayMs: 0, label: "collect" });
    bar.onProgress(report([[16, 2, 0, false]], 8));
    return term.screen;
  });
  t.is(screens[0], screens[2]);
  t.is(screens[1], screens[2]);
  t.true(screens[0]!.endsWith("12% · stage 0/1 · tasks 2/16 (8 running)"), screens[0]);
});

test("not a terminal: no output at all", (t) => {
  const pipe = new FakeTerminal(false);
  const bar = progressBar({ stream: pipe, delayMs: 0 });
  bar.onProgress(report([[4, 1, 0, false]]));
  bar.end();
  t.deepEqual(pipe.writes, []);
});

test("quick actions leave no trace: nothing is drawn before the delay, nothing erased", (t) => {
  const term = new FakeTerminal(true);
  let now = 1000;
  const bar = progressBar({ stream: term, delayMs: 500 }, () => now);
  now = 1200;
  bar.onProgress(report([[4, 1, 0, false]]));
  t.deepEqual(term.writes, []);
  now = 1600;
  bar.onProgress(report([[4, 2, 0, false]]));
  t.is(term.writes.length, 1);
  bar.end();
  t.is(term.writes.length, 2);
  const quick = new FakeTerminal(true);
  const q = progressBar({ stream: quick, delayMs: 500 }, () => 0);
  q.onProgress(report([[1, 0, 0, false]]));
  q.end();
  t.deepEqual(quick.writes, []);
});

test("a malformed progress option rejects with InvalidOptionError before anything is sent", async (t) => {
  const spark = await SparkSession.connect("sc://127.0.0.1:1", { retry: { maxRetries: 0 } });
  await t.throwsAsync(spark.range(3).collect({ progress: "yes" as never }), { instanceOf: InvalidOptionError, message: /progress must be/ });
  await t.throwsAsync(spark.range(3).count({ progress: null as never }), { instanceOf: InvalidOptionError });
  // A well-formed one gets as far as the (absent) server, and leaves a pipe untouched.
  const pipe = new FakeTerminal(false);
  await t.throwsAsync(spark.range(3).collect({ progress: { stream: pipe, delayMs: 0 } }), { name: "TransportError" });
  t.deepEqual(pipe.writes, []);
  await spark.close();
});
