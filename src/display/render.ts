// A preview of a result (schema, the first rows, optionally the plan) as HTML for
// notebooks and as a text table for terminals. Pure functions: no server, no I/O.
import type { StructType } from "../types/DataType.js";
import { simpleString } from "../types/DataType.js";
import { type Cell, formatValue, isNumeric } from "./format.js";
import { schemaTree } from "./schemaText.js";

/** What a preview shows: the schema, the first rows (values by column position), and more. */
export interface PreviewData {
  /** The result's schema; its fields are the columns, in order. */
  readonly schema: StructType;
  /** The rows shown, each an array of values by column position (values as `collect()` returns them). */
  readonly rows: readonly (readonly unknown[])[];
  /** Whether the result has more rows than those shown. */
  readonly more: boolean;
  /** The query plan as Spark explains it, when asked for. */
  readonly explain?: string | undefined;
  /** The session time zone of TimestampType values (IANA name); UTC when absent. */
  readonly timeZone?: string | undefined;
}

/** How a preview is rendered. */
export interface RenderOptions {
  /** Characters shown of a cell before it is cut with "…" (default 60); the HTML keeps the full value in a tooltip. */
  readonly truncate?: number;
}

/** Default of `truncate`. */
export const DEFAULT_TRUNCATE = 60;
/** At most this many characters of a value go into a cell's tooltip. */
export const TITLE_LIMIT = 10_000;

/** Escapes text for HTML content and attribute values. */
export function escapeHTML(text: string): string {
  return text.replace(/[&<>"']/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : "&#39;"));
}

function truncateOf(options: RenderOptions): number {
  const t = options.truncate ?? DEFAULT_TRUNCATE;
  return Number.isInteger(t) && t >= 4 ? t : DEFAULT_TRUNCATE;
}

function count(n: number, one: string, many: string = `${one}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}

/** "showing the first 20 rows · 3 columns", "2 rows · 3 columns", "no rows · 3 columns". */
export function footerText(data: PreviewData): string {
  const n = data.rows.length;
  const rows = data.more ? `showing the first ${count(n, "row")}` : n === 0 ? "no rows" : count(n, "row");
  return `${rows} · ${count(data.schema.fields.length, "column")}`;
}

const STYLE = `<style>
.sct-df{font-family:var(--jp-ui-font-family,system-ui,-apple-system,"Segoe UI",sans-serif);font-size:13px;line-height:1.4;color:inherit;margin:2px 0}
.sct-df .sct-scroll{overflow:auto;width:fit-content;max-width:100%;max-height:46em;border:1px solid rgba(128,128,128,.35);border-radius:4px}
.sct-df table.sct-table{border-collapse:separate;border-spacing:0;margin:0;table-layout:auto;width:auto;font-size:inherit;color:inherit;background:transparent}
.sct-df .sct-table th,.sct-df .sct-table td{padding:3px 10px;border:none;border-bottom:1px solid rgba(128,128,128,.2);text-align:left;vertical-align:top;white-space:nowrap;max-width:none;font-family:var(--jp-code-font-family,ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace);font-size:12px}
.sct-df .sct-table th{position:sticky;top:0;z-index:1;background:var(--jp-layout-color0,var(--vscode-editor-background,transparent));font-family:inherit;font-size:13px;font-weight:600;border-bottom:1px solid rgba(128,128,128,.55)}
.sct-df .sct-table th .sct-type{display:block;font-weight:400;font-size:11px;opacity:.6}
.sct-df .sct-table .sct-num{text-align:right;font-variant-numeric:tabular-nums}
.sct-df .sct-table tbody tr:nth-child(n){background:transparent}
.sct-df .sct-table tbody tr:nth-child(even){background:rgba(128,128,128,.08)}
.sct-df .sct-table tbody tr:hover{background:rgba(90,140,230,.14)}
.sct-df .sct-null{opacity:.45;font-style:italic}
.sct-df .sct-cut{cursor:help}
.sct-df .sct-empty{font-style:italic;opacity:.6}
.sct-df .sct-foot{font-size:12px;opacity:.7;margin:3px 0 2px}
.sct-df details{margin:2px 0}
.sct-df summary{cursor:pointer;font-size:12px;opacity:.8}
.sct-df pre{margin:4px 0;padding:6px 8px;overflow:auto;max-height:30em;background:rgba(128,128,128,.08);border-radius:4px;font-size:12px;line-height:1.35;white-space:pre}
</style>`;

function cellHTML(cell: Cell, numeric: boolean, full: () => string): string {
  if (cell.kind === "null") return `<td${numeric ? ' class="sct-num"' : ""}><span class="sct-null">null</span></td>`;
  const cls = [numeric ? "sct-num" : "", cell.cut ? "sct-cut" : ""].filter((c) => c !== "").join(" ");
  const attrs = (cls ? ` class="${cls}"` : "") + (cell.cut ? ` title="${escapeHTML(full())}"` : "");
  return `<td${attrs}>${escapeHTML(cell.text)}</td>`;
}

/**
 * The preview as an HTML fragment for a notebook: the rows in a table that scrolls
 * horizontally (and vertically past about 30 rows), cells escaped, nulls set apart, long
 * values cut with the full value in a tooltip, nested values on one line; a line counting
 * rows and columns; the schema in a collapsible panel; and the plan, when the data has
 * it, in another.
 *
 * @example
 * ```ts
 * previewHTML({ schema, rows: [[1, "a"]], more: false });
 * ```
 */
export function previewHTML(data: PreviewData, options: RenderOptions = {}): string {
  const limit = truncateOf(options);
  const ctx = { timeZone: data.timeZone };
  const fields = data.schema.fields;
  const out: string[] = ['<div class="sct-df">', STYLE];
  const numeric = fields.map((f) => isNumeric(f.dataType));
  out.push('<div class="sct-scroll" style="overflow:auto;max-width:100%"><table class="sct-table"><thead><tr>');
  for (const f of fields) {
    const type = simpleString(f.dataType);
    const name = formatValue(f.name, undefined, limit);
    const shownType = formatValue(type, undefined, Math.min(limit, 40));
    const num = isNumeric(f.dataType) ? ' class="sct-num"' : "";
    out.push(`<th${num} title="${escapeHTML(`${f.name}: ${type}${f.nullable ? "" : " not null"}`)}">${escapeHTML(name.text)}<span class="sct-type">${escapeHTML(shownType.text)}</span></th>`);
  }
  out.push("</tr></thead><tbody>");
  if (data.rows.length === 0) {
    out.push(`<tr><td class="sct-empty" colspan="${Math.max(1, fields.length)}">${fields.length === 0 ? "no columns" : "no rows"}</td></tr>`);
  }
  for (const row of data.rows) {
    out.push("<tr>");
    fields.forEach((f, j) => {
      const value = row[j];
      const cell = formatValue(value, f.dataType, limit, ctx);
      out.push(cellHTML(cell, numeric[j]!, () => formatValue(value, f.dataType, TITLE_LIMIT, ctx).text));
    });
    out.push("</tr>");
  }
  out.push("</tbody></table></div>");
  out.push(`<div class="sct-foot">${escapeHTML(footerText(data))}</div>`);
  out.push(`<details class="sct-schema"><summary>Schema</summary><pre>${escapeHTML(schemaTree(data.schema))}</pre></details>`);
  if (data.explain !== undefined) {
    out.push(`<details class="sct-plan" open><summary>Plan</summary><pre>${escapeHTML(data.explain.replace(/\s+$/, ""))}</pre></details>`);
  }
  out.push("</div>");
  return out.join("");
}

/** The width of a text in a terminal: code points, wide (East Asian, emoji) ones counting two. */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += isWide(ch.codePointAt(0)!) ? 2 : 1;
  return w;
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

function padText(text: string, width: number, right: boolean): string {
  const fill = " ".repeat(Math.max(0, width - textWidth(text)));
  return right ? fill + text : text + fill;
}

/**
 * The preview as a text table, as Spark's `show()` draws it (numbers right-aligned, others
 * left-aligned, cells cut with "…"), then a line counting rows and columns, and the plan
 * when the data has it.
 *
 * @example
 * ```ts
 * previewText({ schema, rows: [[1, "a"]], more: false });
 * // +---+---+
 * // |  x|s  |
 * // ...
 * ```
 */
export function previewText(data: PreviewData, options: RenderOptions = {}): string {
  const limit = truncateOf(options);
  const ctx = { timeZone: data.timeZone };
  const fields = data.schema.fields;
  const header = fields.map((f) => formatValue(f.name, undefined, limit).text);
  const body = data.rows.map((row) => fields.map((f, j) => formatValue(row[j], f.dataType, limit, ctx).text));
  const right = fields.map((f) => isNumeric(f.dataType));
  const widths = header.map((h, j) => Math.max(textWidth(h), ...body.map((r) => textWidth(r[j]!))));
  const rule = "+" + widths.map((w) => "-".repeat(w)).join("+") + "+";
  const line = (cells: string[]) => "|" + cells.map((c, j) => padText(c, widths[j]!, right[j]!)).join("|") + "|";
  const lines = fields.length === 0 ? ["(no columns)"] : [rule, line(header), rule, ...body.map(line), rule];
  lines.push(footerText(data));
  if (data.explain !== undefined) lines.push("", data.explain.replace(/\s+$/, ""));
  return lines.join("\n");
}
