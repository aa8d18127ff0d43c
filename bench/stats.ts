// Small statistics helpers for the benchmark report.

/** The value at quantile `q` (0..1) of `xs`, by linear interpolation between closest ranks. */
export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return s[lo] + (s[hi] - s[lo]) * (at - lo);
}

export const median = (xs: readonly number[]): number => quantile(xs, 0.5);

/** A ratio rounded for the table; undefined when either side is missing. */
export function ratio(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b) || b === 0) return undefined;
  return Math.round((a / b) * 100) / 100;
}

/** A value with its unit, short: 1.23 s, 45.6 ms, 789 µs, 210 MB. */
export function formatValue(v: number | undefined, unit: "s" | "bytes"): string {
  if (v === undefined || !Number.isFinite(v)) return "n/a";
  if (unit === "bytes") return `${(v / 1024 / 1024).toFixed(0)} MB`;
  if (v >= 1) return `${v.toFixed(2)} s`;
  if (v >= 1e-3) return `${(v * 1e3).toFixed(v >= 0.1 ? 0 : 1)} ms`;
  return `${(v * 1e6).toFixed(0)} µs`;
}

/** Pads a table of strings into aligned columns (the first row is the header). */
export function formatTable(rows: readonly (readonly string[])[]): string {
  const widths = rows[0].map((_, j) => Math.max(...rows.map((r) => r[j].length)));
  const line = (r: readonly string[]) => r.map((c, j) => (j === 0 || j === 1 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join("  ");
  return [line(rows[0]), widths.map((w) => "-".repeat(w)).join("  "), ...rows.slice(1).map(line)].join("\n");
}

/** The same table as GitHub markdown. */
export function markdownTable(rows: readonly (readonly string[])[]): string {
  const line = (r: readonly string[]) => `| ${r.join(" | ")} |`;
  return [line(rows[0]), `|${rows[0].map((_, j) => (j < 2 ? " --- " : " ---: ")).join("|")}|`, ...rows.slice(1).map(line)].join("\n");
}
