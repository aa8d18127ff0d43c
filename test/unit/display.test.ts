// Previews of results for notebooks and terminals (src/display): the HTML and text a
// DataFrame's preview renders from a schema and rows, without a server. Escaping, cutting
// of long values, nulls, nested values, row bounds, wide tables, schema and plan panels.
import test from "ava";
import { inspect } from "node:util";
import { Field, Int32, Int64, RecordBatch, Schema, Struct, Table, Utf8, makeData, vectorFromArray } from "apache-arrow";
import { SparkTimestamp } from "../../runtime/arrow/SparkTimestamp.js";
import { formatValue } from "../../src/display/format.js";
import { DataFramePreview, previewFromArrow } from "../../src/display/preview.js";
import { DEFAULT_TRUNCATE, escapeHTML, footerText, type PreviewData, previewHTML, previewText, TITLE_LIMIT } from "../../src/display/render.js";
import { schemaTree } from "../../src/display/schemaText.js";
import type { DataType, StructType } from "../../src/types/DataType.js";

const ty = (kind: string): DataType => ({ kind }) as DataType;
const schemaOf = (...fields: [string, DataType][]): StructType => ({
  kind: "struct",
  fields: fields.map(([name, dataType]) => ({ name, dataType, nullable: true })),
});
const one = (dt: DataType, ...values: unknown[]): PreviewData => ({ schema: schemaOf(["v", dt]), rows: values.map((v) => [v]), more: false });

/** The cells (<td>...</td>) of an HTML preview, in order. */
const cells = (html: string) => [...html.matchAll(/<td[^>]*>.*?<\/td>/g)].map((m) => m[0]);

test("cells, column names and tooltips are HTML-escaped", (t) => {
  const data: PreviewData = {
    schema: schemaOf(['<b a="1">&', { kind: "string" }]),
    rows: [["<script>alert('x')</script> & \"q\""], ["<img src=x onerror=alert(1)>" + "y".repeat(100)]],
    more: false,
  };
  const html = previewHTML(data);
  t.false(html.includes("<script>alert"));
  t.false(html.includes("<img"));
  t.false(html.includes('<b a="1">'));
  t.true(html.includes("&lt;b a=&quot;1&quot;&gt;&amp;"));
  t.true(html.includes("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"));
  // The tooltip of the cut cell carries the full value, escaped for an attribute.
  const cut = cells(html)[1]!;
  t.regex(cut, /title="&lt;img src=x onerror=alert\(1\)&gt;y{100}"/);
  t.is(escapeHTML(`<>&"'`), "&lt;&gt;&amp;&quot;&#39;");
  // The text form is not HTML: it keeps the characters.
  t.true(previewText(data).includes("<script>alert('x')</script>"));
});

test("long values are cut with an ellipsis and keep the full value in a tooltip", (t) => {
  const long = "abcdefghij".repeat(20);
  const html = previewHTML(one(ty("string"), long, "short"));
  const [cut, short] = cells(html);
  const shown = cut!.replace(/<td[^>]*>/, "").replace("</td>", "");
  t.is(Array.from(shown).length, DEFAULT_TRUNCATE);
  t.true(shown.endsWith("…"));
  t.true(long.startsWith(shown.slice(0, -1)));
  t.true(cut!.includes(`title="${long}"`));
  t.true(cut!.includes("sct-cut"));
  t.is(short, "<td>short</td>"); // no tooltip when nothing was cut
  // A narrower cut; the text table cuts the same way.
  t.true(previewHTML(one(ty("string"), long), { truncate: 10 }).includes(">abcdefghi…</td>"));
  t.true(previewText(one(ty("string"), long), { truncate: 10 }).includes("|abcdefghi…|"));
  // Tooltips are bounded too.
  const huge = "x".repeat(TITLE_LIMIT * 3);
  const title = /<td[^>]*title="([^"]*)"/.exec(previewHTML(one(ty("string"), huge)))![1]!;
  t.is(Array.from(title).length, TITLE_LIMIT);
});

test("cutting never splits a character and shows control characters visibly", (t) => {
  const emoji = "🚀".repeat(30);
  const cell = formatValue(emoji, ty("string"), 10);
  t.is(cell.text, "🚀".repeat(9) + "…");
  t.true(cell.cut);
  t.is(formatValue("a\nb\tc\r", ty("string"), 60).text, "a↵b⇥c␍");
  t.is(formatValue("bell\u0007", ty("string"), 60).text, "bell\\u0007");
  t.is(formatValue("exactly10!", ty("string"), 10).text, "exactly10!");
  t.false(formatValue("exactly10!", ty("string"), 10).cut);
});

test("nulls look different from the string 'null', at the top level and nested", (t) => {
  const html = previewHTML(one(ty("string"), null, "null"));
  const [nul, str] = cells(html);
  t.is(nul, '<td><span class="sct-null">null</span></td>');
  t.is(str, "<td>null</td>");
  const arr: DataType = { kind: "array", elementType: ty("string"), containsNull: true };
  t.is(formatValue([null, "null"], arr, 60).text, '[null, "null"]');
  t.is(formatValue(undefined, ty("string"), 60).kind, "null");
  t.true(previewText(one(ty("integer"), null)).includes("|null|"));
});

test("nested values are compact, one line, in schema order", (t) => {
  const inner: DataType = schemaOf(["lat", ty("double")], ["lon", ty("double")]);
  const address: DataType = schemaOf(["city", ty("string")], ["geo", inner], ["tags", { kind: "array", elementType: ty("string"), containsNull: true }]);
  t.is(
    formatValue({ geo: { lon: 19.94, lat: 50 }, city: "Kraków", tags: ["a", "b"] }, address, 200).text,
    '{city: "Kraków", geo: {lat: 50.0, lon: 19.94}, tags: ["a", "b"]}',
  );
  const map: DataType = { kind: "map", keyType: ty("string"), valueType: ty("long"), valueContainsNull: true };
  t.is(formatValue(new Map<string, bigint | null>([["x", 1n], ["y", null]]), map, 200).text, '{"x" -> 1, "y" -> null}');
  const arrOfStruct: DataType = { kind: "array", elementType: schemaOf(["k", ty("integer")], ["odd name", ty("string")]), containsNull: true };
  t.is(formatValue([{ k: 1, "odd name": "v" }, null], arrOfStruct, 200).text, '[{k: 1, "odd name": "v"}, null]');
  t.is(formatValue([], arrOfStruct, 200).text, "[]");
  t.is(formatValue(new Map(), map, 200).text, "{}");
  // A big array costs no more than the budget.
  const big = Array.from({ length: 1_000_000 }, (_, i) => i);
  const cell = formatValue(big, { kind: "array", elementType: ty("integer"), containsNull: false }, 30);
  t.is(cell.text, "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9…");
  t.true(cell.cut);
});

test("values of each Spark type read as Spark shows them", (t) => {
  t.is(formatValue(1.5, ty("double"), 60).text, "1.5");
  t.is(formatValue(2, ty("double"), 60).text, "2.0");
  t.is(formatValue(-0, ty("double"), 60).text, "-0.0");
  t.is(formatValue(Number.NaN, ty("double"), 60).text, "NaN");
  t.is(formatValue(1e300, ty("double"), 60).text, "1e+300");
  t.is(formatValue(2, ty("integer"), 60).text, "2");
  t.is(formatValue(12345678901234567890n, ty("long"), 60).text, "12345678901234567890");
  t.is(formatValue("-12.50", { kind: "decimal", precision: 10, scale: 2 }, 60).text, "-12.50");
  t.is(formatValue("-12.50", { kind: "decimal", precision: 10, scale: 2 }, 60).kind, "number");
  t.is(formatValue(true, ty("boolean"), 60).text, "true");
  t.is(formatValue(new Date(Date.UTC(2024, 4, 6)), ty("date"), 60).text, "2024-05-06");
  t.is(formatValue(new Date("0001-01-01T00:00:00Z"), ty("date"), 60).text, "0001-01-01");
  const ts = new SparkTimestamp(1_700_000_000_123_450n); // 2023-11-14T22:13:20.12345Z
  t.is(formatValue(ts, ty("timestamp_ntz"), 60).text, "2023-11-14 22:13:20.12345");
  t.is(formatValue(ts, ty("timestamp"), 60).text, "2023-11-14 22:13:20.12345");
  t.is(formatValue(ts, ty("timestamp"), 60, { timeZone: "Europe/Warsaw" }).text, "2023-11-14 23:13:20.12345");
  t.is(formatValue(ts, ty("timestamp"), 60, { timeZone: "America/New_York" }).text, "2023-11-14 17:13:20.12345");
  t.is(formatValue(ts, ty("timestamp"), 60, { timeZone: "No/Such_Zone" }).text, "2023-11-14 22:13:20.12345");
  t.is(formatValue(new SparkTimestamp(0n), ty("timestamp"), 60).text, "1970-01-01 00:00:00");
  t.is(formatValue(Uint8Array.of(0x48, 0x69, 0x0a), ty("binary"), 60).text, "[48 69 0A]");
  t.is(formatValue(45296000000000n, { kind: "time", precision: 6 }, 60).text, "12:34:56");
  t.is(formatValue(93784000005n, { kind: "day_time_interval", startField: 0, endField: 3 }, 60).text, "INTERVAL '1 02:03:04.000005' DAY TO SECOND");
  t.is(formatValue(-14, { kind: "year_month_interval", startField: 0, endField: 1 }, 60).text, "INTERVAL '-1-2' YEAR TO MONTH");
  t.is(formatValue({ months: 1, days: 2, nanoseconds: 3000n }, ty("calendar_interval"), 60).text, "1 months 2 days 0.000003 seconds");
  t.is(formatValue({ value: new Uint8Array(12), metadata: new Uint8Array(3) }, ty("variant"), 60).text, "<variant, 12 bytes>");
});

test("numeric columns are right-aligned, others left-aligned", (t) => {
  const data: PreviewData = { schema: schemaOf(["n", ty("long")], ["s", ty("string")]), rows: [[10n, "a"], [2n, "bcd"]], more: false };
  const html = previewHTML(data);
  t.true(html.includes('<th class="sct-num"'));
  t.true(html.includes('<td class="sct-num">10</td><td>a</td>'));
  t.is(previewText(data), ["+--+---+", "| n|s  |", "+--+---+", "|10|a  |", "| 2|bcd|", "+--+---+", "2 rows · 2 columns"].join("\n"));
});

test("the text table lines up wide characters", (t) => {
  const text = previewText(one(ty("string"), "山田", "ab"));
  const lines = text.split("\n");
  t.is(lines[3], "|山田|");
  t.is(lines[4], "|ab  |");
});

test("the footer counts rows and columns and says when there are more rows", (t) => {
  const schema = schemaOf(["a", ty("integer")], ["b", ty("integer")]);
  t.is(footerText({ schema, rows: [[1, 2]], more: false }), "1 row · 2 columns");
  t.is(footerText({ schema, rows: Array.from({ length: 20 }, () => [1, 2]), more: true }), "showing the first 20 rows · 2 columns");
  t.is(footerText({ schema, rows: [], more: false }), "no rows · 2 columns");
  const html = previewHTML({ schema, rows: [], more: false });
  t.true(html.includes('<td class="sct-empty" colspan="2">no rows</td>'));
  t.true(previewHTML({ schema: schemaOf(), rows: [], more: false }).includes("no columns"));
});

test("a table of 200 columns scrolls horizontally in its own container", (t) => {
  const fields: [string, DataType][] = Array.from({ length: 200 }, (_, i) => [`c${i}`, ty("integer")]);
  const html = previewHTML({ schema: schemaOf(...fields), rows: [fields.map((_, i) => i)], more: false });
  t.is(html.match(/<th[ >]/g)?.length, 200);
  t.is(cells(html).length, 200);
  t.regex(html, /<div class="sct-scroll" style="overflow:auto;max-width:100%">/);
  t.true(html.includes(".sct-df .sct-table th,.sct-df .sct-table td{") && html.includes("white-space:nowrap"));
  t.true(html.includes("table-layout:auto"), "a notebook's fixed table layout is overridden");
});

test("the schema is a collapsible panel, the plan another one only when asked for", (t) => {
  const schema: StructType = {
    kind: "struct",
    fields: [
      { name: "id", dataType: ty("long"), nullable: false },
      { name: "tags", dataType: { kind: "array", elementType: ty("string"), containsNull: true }, nullable: true },
      { name: "m", dataType: { kind: "map", keyType: ty("string"), valueType: schemaOf(["x", ty("integer")]), valueContainsNull: false }, nullable: true },
    ],
  };
  t.is(
    schemaTree(schema),
    [
      "root",
      " |-- id: long (nullable = false)",
      " |-- tags: array (nullable = true)",
      " |    |-- element: string (containsNull = true)",
      " |-- m: map (nullable = true)",
      " |    |-- key: string",
      " |    |-- value: struct (valueContainsNull = false)",
      " |    |    |-- x: integer (nullable = true)",
      "",
    ].join("\n"),
  );
  const html = previewHTML({ schema, rows: [], more: false });
  t.true(html.includes('<details class="sct-schema"><summary>Schema</summary><pre>root\n |-- id: long (nullable = false)'));
  t.false(html.includes("sct-plan"));
  const planned = previewHTML({ schema, rows: [], more: false, explain: "== Physical Plan ==\n*(1) Range (0, 10) <x>\n\n" });
  t.true(planned.includes('<details class="sct-plan" open><summary>Plan</summary><pre>== Physical Plan ==\n*(1) Range (0, 10) &lt;x&gt;</pre></details>'));
  t.true(previewText({ schema, rows: [], more: false, explain: "== Physical Plan ==" }).endsWith("\n\n== Physical Plan =="));
  // Column headers carry the Spark type.
  t.true(html.includes('title="id: bigint not null">id<span class="sct-type">bigint</span></th>'));
});

/** A record batch of columns by position (names may repeat, as after a join). */
function batchOf(fields: Field[], data: ReturnType<typeof makeData>[]): RecordBatch {
  const length = data[0]?.length ?? 0;
  const struct = makeData({ type: new Struct(fields), length, nullCount: 0, children: data });
  return new RecordBatch(new Schema(fields), struct);
}

test("rows from Arrow are bounded, by position, and say whether more exist", (t) => {
  const fields = [new Field("id", new Int64(), false), new Field("id", new Utf8(), true)];
  const batch = (from: number, n: number) =>
    batchOf(fields, [
      vectorFromArray(Array.from({ length: n }, (_, i) => BigInt(from + i)), new Int64()).data[0]!,
      vectorFromArray(Array.from({ length: n }, (_, i) => ((from + i) % 2 ? null : `s${from + i}`)), new Utf8()).data[0]!,
    ]);
  const schema = schemaOf(["id", ty("long")], ["id", ty("string")]);
  const table = new Table([batch(0, 8), batch(8, 8), batch(16, 5)]); // 21 rows in three batches
  const data = previewFromArrow(schema, table, 20);
  t.is(data.rows.length, 20);
  t.true(data.more);
  t.deepEqual(data.rows[0], [0n, "s0"]);
  t.deepEqual(data.rows[19], [19n, null]);
  const all = previewFromArrow(schema, new Table([batch(0, 3)]), 20);
  t.is(all.rows.length, 3);
  t.false(all.more);
  const html = previewHTML(data);
  t.is(html.match(/<tr>/g)?.length, 21); // the header row and 20 rows
  t.true(html.includes('<td class="sct-num">0</td><td>s0</td>'), "both columns named id are shown");
  const none = previewFromArrow(schema, new Table(new Schema(fields)), 20);
  t.deepEqual([none.rows.length, none.more], [0, false]);
  t.deepEqual(previewFromArrow(schema, table, 0).rows, []);
  t.true(previewFromArrow(schema, table, 0).more);
});

test("the preview shows itself: a Jupyter MIME bundle, util.inspect and String give the text", (t) => {
  const data: PreviewData = { schema: schemaOf(["x", ty("integer")]), rows: [[1], [null]], more: false };
  const preview = new DataFramePreview(data, { truncate: 20 });
  const bundle = (preview as unknown as Record<symbol, () => Record<string, string>>)[Symbol.for("Jupyter.display")]!();
  t.deepEqual(Object.keys(bundle).sort(), ["text/html", "text/plain"]);
  t.is(bundle["text/html"], previewHTML(data, { truncate: 20 }));
  t.is(bundle["text/plain"], previewText(data));
  t.is(String(preview), preview.text);
  t.is(inspect(preview), preview.text);
  t.deepEqual(preview.columns, ["x"]);
  t.is(preview.html, preview.html, "rendered once");
});
