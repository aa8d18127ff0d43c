// The benchmark's result rows, printed as a table, written as JSON and into BENCHMARKS.md.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { Machine } from "./machine.js";
import { machineLine } from "./machine.js";
import { formatTable, formatValue, markdownTable, ratio } from "./stats.js";

/** Per-client values of one row: ours, PySpark's and, where it ran the case, the Go client's. */
export interface PerClient {
  readonly ours?: number | undefined;
  readonly pyspark?: number | undefined;
  readonly go?: number | undefined;
}

/** One line of the table. `ratio` is always ours / PySpark (lower is better for us). */
export interface Row {
  readonly case: number;
  readonly what: string;
  /** "s" (seconds), "bytes", or "x" (a dimensionless factor). */
  readonly unit: "s" | "bytes" | "x";
  readonly ours: number | undefined;
  readonly pyspark: number | undefined;
  readonly ratio: number | undefined;
  /** The Go client's (spark-connect-go) value, on the rows it ran. */
  readonly go?: number | undefined;
  /**
   * Client CPU time (user + system, all threads; median per run) of each client, in
   * seconds; on an "x" row the same factor taken on CPU time instead of wall time.
   */
  readonly cpu?: PerClient;
  readonly note?: string;
  /** Raw measurements behind the medians, by variant. */
  readonly samples?: Record<string, readonly number[]>;
}

export function row(r: Omit<Row, "ratio">): Row {
  return { ...r, ratio: ratio(r.ours, r.pyspark) };
}

export const CASE_TITLES: Record<number, string> = {
  1: "Bulk fetch to Arrow",
  2: "Bulk fetch to objects",
  3: "Latency (SELECT 1)",
  4: "Raw limit (no decoding)",
  5: "Streaming memory",
  6: "Reattach cost",
  7: "Plan build + encode",
  8: "createDataFrame (upload)",
  9: "Large upload (Arrow)",
};

function cell(v: number | undefined, unit: Row["unit"]): string {
  if (unit === "x") return v === undefined || !Number.isFinite(v) ? "n/a" : `${v.toFixed(2)}×`;
  return formatValue(v, unit);
}

const ratioCell = (a: number | undefined, b: number | undefined): string => {
  const r = ratio(a, b);
  return r === undefined ? "n/a" : r.toFixed(2);
};

/** CPU cells are empty on rows that have no CPU figure (memory, latency, plan build). */
const cpuCell = (r: Row, k: keyof PerClient): string => (r.cpu === undefined ? "" : cell(r.cpu[k], r.unit === "x" ? "x" : "s"));

function tableRows(rows: readonly Row[]): string[][] {
  const withGo = rows.some((r) => r.go !== undefined);
  return [
    [
      "Case",
      "Measure",
      "Ours",
      "PySpark",
      "Ours / PySpark",
      "CPU ours",
      "CPU PySpark",
      "CPU ours / PySpark",
      ...(withGo ? ["Go", "CPU Go", "Ours / Go", "CPU ours / Go"] : []),
    ],
    ...rows.map((r) => [
      `${r.case}. ${CASE_TITLES[r.case]}`,
      r.what,
      cell(r.ours, r.unit),
      cell(r.pyspark, r.unit),
      r.ratio === undefined ? "n/a" : r.ratio.toFixed(2),
      cpuCell(r, "ours"),
      cpuCell(r, "pyspark"),
      r.cpu === undefined ? "" : ratioCell(r.cpu.ours, r.cpu.pyspark),
      ...(withGo
        ? r.go === undefined
          ? ["", "", "", ""]
          : [cell(r.go, r.unit), cpuCell(r, "go"), ratioCell(r.ours, r.go), r.cpu === undefined ? "" : ratioCell(r.cpu.ours, r.cpu.go)]
        : []),
    ]),
  ];
}

export function printTable(rows: readonly Row[]): string {
  return formatTable(tableRows(rows));
}

export interface Results {
  readonly startedAt: string;
  readonly durationSeconds: number;
  readonly command: string;
  readonly settings: Record<string, unknown>;
  readonly machine: Machine;
  readonly rows: readonly Row[];
}

export function writeJson(file: string, results: Results): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(results, null, 2) + "\n");
}

const START = "<!-- bench:results:start (written by npm run bench; edit outside these markers) -->";
const END = "<!-- bench:results:end -->";

/** Replaces the generated region of BENCHMARKS.md (machine + table + notes per row). */
export function updateMarkdown(file: string, results: Results): void {
  const notes = results.rows.filter((r) => r.note).map((r) => `- **${r.case}. ${r.what}**: ${r.note}`);
  const region = [
    START,
    "",
    `Run of ${results.startedAt.slice(0, 16).replace("T", " ")} UTC (${Math.round(results.durationSeconds / 60)} min), ` +
      `\`${results.command}\`.`,
    "",
    `Machine: ${machineLine(results.machine)}. Load average at start ${results.machine.loadAvgAtStart.join(" / ")}` +
      (results.machine.loadAvgAtEnd ? `, at end ${results.machine.loadAvgAtEnd.join(" / ")}` : "") +
      ".",
    "",
    markdownTable(tableRows(results.rows)),
    "",
    ...(notes.length ? ["Per-row notes:", "", ...notes, ""] : []),
    END,
  ].join("\n");
  const text = existsSync(file) ? readFileSync(file, "utf8") : `# Benchmarks\n\n${START}\n${END}\n`;
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  const next = a >= 0 && b > a ? text.slice(0, a) + region + text.slice(b + END.length) : `${text.trimEnd()}\n\n${region}\n`;
  writeFileSync(file, next);
}
