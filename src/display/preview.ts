// The object `df.display()` resolves to: a bounded preview of a result that notebooks
// show as HTML (Deno's Jupyter kernel through `Symbol.for("Jupyter.display")`, any kernel
// through `.html`) and terminals as a text table (`util.inspect`, `toString()`).
import { type Table, Type, type DataType as ArrowType, type Field } from "apache-arrow";
import { readerFactory, type Reader } from "../../runtime/arrow/values.js";
import type { StructType } from "../types/DataType.js";
import { type PreviewData, previewHTML, previewText, type RenderOptions } from "./render.js";
import { INSPECT, JUPYTER_DISPLAY, type MimeBundle } from "./symbols.js";

export { INSPECT, JUPYTER_DISPLAY, type MimeBundle } from "./symbols.js";

/**
 * A preview of a DataFrame's result, made by `df.display()`: the schema, the first rows
 * and, when asked, the plan. Shows itself as HTML in notebooks and as a text table in
 * terminals.
 *
 * - Deno's Jupyter kernel renders it when it is a cell's last value (it calls the
 *   `Symbol.for("Jupyter.display")` method for a MIME bundle).
 * - tslab: `tslab.display.html(preview.html)` (tslab prints a cell's last value as text).
 * - Node's REPL, `console.log` and `String(preview)` give the text table.
 *
 * @example
 * ```ts
 * const preview = await df.display({ rows: 10 });
 * preview.rows.length; // at most 10
 * console.log(preview.text);
 * ```
 */
export class DataFramePreview implements PreviewData {
  /** The result's schema. */
  readonly schema: StructType;
  /** The rows shown, each an array of values by column position (values as `collect()` returns them). */
  readonly rows: readonly (readonly unknown[])[];
  /** Whether the result has more rows than those shown. */
  readonly more: boolean;
  /** The plan as Spark explains it, when `display({ explain })` asked for it. */
  readonly explain: string | undefined;
  /** The session time zone timestamps are shown in. */
  readonly timeZone: string | undefined;
  readonly #render: RenderOptions;
  #html: string | undefined;
  #text: string | undefined;

  /** A preview of rows already fetched (see `df.display()` to fetch them). */
  constructor(data: PreviewData, render: RenderOptions = {}) {
    this.schema = data.schema;
    this.rows = data.rows;
    this.more = data.more;
    this.explain = data.explain;
    this.timeZone = data.timeZone;
    this.#render = render;
  }

  /** The column names, in order. */
  get columns(): string[] {
    return this.schema.fields.map((f) => f.name);
  }

  /** The HTML fragment a notebook shows: table, row and column counts, schema, plan. */
  get html(): string {
    return (this.#html ??= previewHTML(this, this.#render));
  }

  /** The text table a terminal shows. */
  get text(): string {
    return (this.#text ??= previewText(this, this.#render));
  }

  /** The text table. */
  toString(): string {
    return this.text;
  }

  /** The MIME bundle for Jupyter kernels that ask objects for one (Deno's). */
  [JUPYTER_DISPLAY](): MimeBundle {
    return { "text/html": this.html, "text/plain": this.text };
  }

  /** `console.log(preview)` and the REPL print the text table. */
  [INSPECT](): string {
    return this.text;
  }
}

/** The session time zone of the first TimestampType (with a zone) found in the Arrow schema. */
function timeZoneOf(fields: readonly Field[]): string | undefined {
  for (const f of fields) {
    const t = f.type as ArrowType & { timezone?: string | null; children?: Field[] };
    if (t.typeId === Type.Timestamp && t.timezone) return t.timezone;
    const inner = t.children && t.children.length > 0 ? timeZoneOf(t.children) : undefined;
    if (inner !== undefined) return inner;
  }
  return undefined;
}

/**
 * The preview data of an Arrow result: at most `maxRows` rows as arrays of values by
 * column position (so same-named columns, common after a join, all show), with `more`
 * set when the table holds more. A column whose Arrow type has no JavaScript mapping
 * shows a note in each cell instead of failing the preview.
 *
 * @example
 * ```ts
 * previewFromArrow(schema, await df.limit(21).toArrow(), 20);
 * ```
 */
export function previewFromArrow(schema: StructType, table: Table, maxRows: number, explain?: string): PreviewData {
  const rows: unknown[][] = [];
  const options = { longs: "bigint", decimals: "string" } as const;
  for (const batch of table.batches) {
    if (rows.length >= maxRows) break;
    const columns = batch.data.children;
    const fields: Field[] = batch.data.type.children;
    const reads: Reader[] = columns.map((data, j) => {
      try {
        return readerFactory(data.type, options, fields[j]?.name ?? String(j))(data);
      } catch {
        const note = `<${String(data.type)}: use toArrow()>`;
        return () => note;
      }
    });
    const take = Math.min(batch.numRows, maxRows - rows.length);
    for (let i = 0; i < take; i++) {
      rows.push(
        reads.map((read) => {
          try {
            return read(i);
          } catch {
            return "<unreadable value>";
          }
        }),
      );
    }
  }
  return {
    schema,
    rows,
    more: table.numRows > rows.length,
    ...(explain !== undefined ? { explain } : {}),
    timeZone: timeZoneOf(table.schema.fields),
  };
}
