// A one-line progress bar for long queries in a terminal, drawn from the server's progress
// reports (stages, tasks, bytes read) on stderr with carriage returns and erased when the
// query ends. Silent when the stream is not a terminal (a pipe, a file, a CI log).
import type { Progress, ProgressListener } from "../../runtime/Results.js";

/** Where the bar is drawn: a writable stream that says whether it is a terminal (process.stderr). */
export interface ProgressStream {
  write(text: string): unknown;
  /** Only a terminal gets a bar. */
  readonly isTTY?: boolean | undefined;
  /** The terminal's width; 80 when unknown or 0. */
  readonly columns?: number | undefined;
}

/** Settings of a progress bar. */
export interface ProgressBarOptions {
  /** Where to draw it (default `process.stderr`); nothing is drawn unless it is a terminal. */
  readonly stream?: ProgressStream;
  /** Milliseconds before the bar first shows, so quick queries leave no flicker (default 500). */
  readonly delayMs?: number;
  /** A word before the bar, e.g. the action's name. */
  readonly label?: string;
}

/** A progress bar: its listener for the `onProgress` option, and `end()` to erase it. */
export interface ProgressBar {
  /** Redraws the bar with a progress report. */
  readonly onProgress: ProgressListener;
  /** Erases the bar (if it was drawn); later reports draw nothing. Safe to call twice. */
  end(): void;
}

const UNITS = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];

/** Bytes as `1.2 GiB`. */
export function formatBytes(n: number): string {
  let v = n;
  let u = 0;
  while (v >= 1024 && u < UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${v} B` : `${v < 10 ? v.toFixed(1) : Math.round(v)} ${UNITS[u]}`;
}

/**
 * The bar's line for a report, at most `width` characters:
 * `collect [██████░░░░░░]  50% · stage 1/2 · tasks 4/8 (4 running) · 12 MiB read`.
 * The bar's length depends on the width only, so it does not jitter as the numbers grow;
 * on a narrow terminal the least important details are dropped first.
 */
export function progressLine(p: Progress, width: number, label?: string): string {
  let total = 0;
  let completed = 0;
  let bytes = 0;
  let stagesDone = 0;
  for (const s of p.stages) {
    total += s.numTasks;
    completed += Math.min(s.numCompletedTasks, s.numTasks);
    bytes += s.inputBytesRead;
    if (s.done) stagesDone++;
  }
  const fraction = total > 0 ? completed / total : 0;
  const percent = `${String(Math.floor(fraction * 100)).padStart(3)}%`;
  const stage = `stage ${stagesDone}/${p.stages.length}`;
  const tasks = `tasks ${completed}/${total}`;
  const running = p.numInflightTasks > 0 ? `${tasks} (${p.numInflightTasks} running)` : tasks;
  const read = bytes > 0 ? [`${formatBytes(bytes)} read`] : [];
  const head = label ? `${label} ` : "";
  // A third of the width, 10 to 30 characters, less only when even the percentage would not fit.
  const barWidth = Math.max(0, Math.min(Math.max(10, Math.min(30, Math.floor((width - head.length) / 3))), width - head.length - 3 - percent.length));
  const room = width - head.length - barWidth - 3; // "[", "]", " "
  const tails = [[stage, running, ...read], [stage, running], [running], [tasks], []].map((d) => [percent, ...d].join(" · "));
  const tail = tails.find((t) => t.length <= room) ?? percent;
  const filled = Math.round(fraction * barWidth);
  const line = `${head}[${"█".repeat(filled)}${"░".repeat(barWidth - filled)}] ${tail}`;
  return line.length > width ? line.slice(0, Math.max(0, width)) : line;
}

/**
 * A progress bar on a terminal stream, for the `onProgress` option of an action; `end()`
 * erases it. Nothing is written when the stream is not a terminal, before `delayMs`, or
 * after `end()`. Usually turned on with an action's `progress: true` option, which draws
 * on stderr and erases the bar when the action ends.
 *
 * @example
 * ```ts
 * const bar = progressBar();
 * try {
 *   await df.collect({ onProgress: bar.onProgress });
 * } finally {
 *   bar.end();
 * }
 * ```
 */
export function progressBar(options: ProgressBarOptions = {}, now: () => number = Date.now): ProgressBar {
  const stream = options.stream ?? process.stderr;
  const tty = stream.isTTY === true;
  const started = now();
  const delay = options.delayMs ?? 500;
  let drawn = "";
  let ended = false;
  return {
    onProgress: (p) => {
      if (!tty || ended || now() - started < delay) return;
      // A terminal of unknown size (0 columns, as some pseudo-terminals report) counts as 80 wide.
      const columns = stream.columns !== undefined && stream.columns > 0 ? stream.columns : 80;
      const width = Math.max(20, columns - 1);
      const line = progressLine(p, width, options.label);
      if (line === drawn) return;
      stream.write(`\r${line}\x1b[K`);
      drawn = line;
    },
    end: () => {
      if (ended) return;
      ended = true;
      if (drawn !== "") stream.write("\r\x1b[K");
      drawn = "";
    },
  };
}
