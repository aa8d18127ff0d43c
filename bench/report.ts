// The benchmark's result rows, printed as a table, written as JSON and into BENCHMARKS.md.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { Machine } from "./machine.js";
import { machineLine } from "./machine.js";
import { formatTable, formatValue, markdownTable, ratio } from "./stats.js";

/** One line of the table. `ratio` is always ours / PySpark (lower is better for us). */
export interface Row {
  readonly case: number;
  readonly what: string;
  /** "s" (seconds), "bytes", or "x" (a dimensionless factor). */
  readonly unit: "s" | "bytes" | "x";
  readonly ours: number | undefined;
  readonly pyspark: number | undefined;
  readonly ratio: number | undefined;
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
};

function cell(v: number | undefined, unit: Row["unit"]): string {
  if (unit === "x") return v === undefined ? "n/a" : `${v.toFixed(2)}×`;
  return formatValue(v, unit);
}

function tableRows(rows: readonly Row[]): string[][] {
  return [
    ["Case", "Measure", "Ours", "PySpark", "Ours / PySpark"],
    ...rows.map((r) => [
      `${r.case}. ${CASE_TITLES[r.case]}`,
      r.what,
      cell(r.ours, r.unit),
      cell(r.pyspark, r.unit),
      r.ratio === undefined ? "n/a" : r.ratio.toFixed(2),
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
