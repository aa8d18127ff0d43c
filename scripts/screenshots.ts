// Renders DataFrame previews (src/display) to HTML pages and screenshots them with headless
// Chromium, for a person to look at: nulls, nested types, long strings, 200 columns, HTML
// special characters, an empty result, the plan panel, a dark page and a page with
// notebook-like table styles that the preview must override. Not part of `npm test`
// (Chromium may be absent); run after the build:
//
//   node dist/scripts/screenshots.js            # pages and PNGs in test/.tmp/display/
//   SPARK_CONNECT_TEST_URL=sc://127.0.0.1:15099 node dist/scripts/screenshots.js   # also a live preview
//
// CHROMIUM names the browser binary (default: chromium, then chromium-browser, google-chrome).
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { SparkTimestamp } from "../runtime/arrow/SparkTimestamp.js";
import { type PreviewData, previewHTML } from "../src/display/render.js";
import type { DataType, StructType } from "../src/types/DataType.js";

const out = resolve(process.cwd(), "test/.tmp/display");
mkdirSync(out, { recursive: true });

const long = "long: " + "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(8);
const t = (kind: string): DataType => ({ kind }) as DataType;
const struct = (...fields: [string, DataType][]): StructType => ({ kind: "struct", fields: fields.map(([name, dataType]) => ({ name, dataType, nullable: true })) });

const basic: PreviewData = {
  schema: struct(["id", t("long")], ["name", t("string")], ["amount", { kind: "decimal", precision: 10, scale: 2 }], ["score", t("double")], ["active", t("boolean")], ["html", t("string")]),
  rows: [
    [1n, "Ann", "120.50", 0.5, true, "<b>bold</b> & <script>alert(1)</script>"],
    [2n, null, "80.00", 2, false, `"quoted" 'single' &amp;`],
    [3n, "Zoë 山田 🚀", null, Number.NaN, null, "<img src=x onerror=alert(1)>"],
    [4n, "", "-0.01", -Infinity, true, null],
  ],
  more: true,
};

const nested: PreviewData = {
  schema: struct(
    ["tags", { kind: "array", elementType: t("string"), containsNull: true }],
    ["scores", { kind: "map", keyType: t("string"), valueType: t("integer"), valueContainsNull: true }],
    ["address", struct(["city", t("string")], ["zip", t("string")], ["geo", struct(["lat", t("double")], ["lon", t("double")])])],
    ["events", { kind: "array", elementType: struct(["at", t("timestamp")], ["kind", t("string")]), containsNull: true }],
    ["day", t("date")],
    ["bytes", t("binary")],
  ),
  rows: [
    [
      ["a", "b <c>", null],
      new Map<string, number | null>([["math", 90], ["art", null]]),
      { city: "Kraków", zip: "30-001", geo: { lat: 50.06, lon: 19.94 } },
      [{ at: new SparkTimestamp(1_700_000_000_123_456n), kind: "click" }, { at: new SparkTimestamp(1_700_000_100_000_000n), kind: "view" }],
      new Date(Date.UTC(2024, 4, 6)),
      new Uint8Array([0x48, 0x65, 0x6c, 0x6c, 0x6f]),
    ],
    [[], new Map(), null, null, null, new Uint8Array(0)],
    [Array.from({ length: 60 }, (_, i) => `item${i}`), new Map([["x", 1]]), { city: null, zip: null, geo: null }, [], new Date("0001-01-01T00:00:00Z"), null],
  ],
  more: false,
  timeZone: "Europe/Warsaw",
};

const longStrings: PreviewData = {
  schema: struct(["id", t("integer")], ["text", t("string")], ["multiline", t("string")], ["json", t("string")]),
  rows: [
    [1, long, "line one\nline two\n\tindented", JSON.stringify({ a: [1, 2, 3], b: { c: "d" }, e: long })],
    [2, "short", "", "{}"],
    [3, "末尾まで長い日本語の文字列です。".repeat(10), "a\r\nb", null],
  ],
  more: false,
};

const wideFields: [string, DataType][] = Array.from({ length: 200 }, (_, i) => [`column_${String(i).padStart(3, "0")}`, i % 3 === 0 ? t("long") : i % 3 === 1 ? t("string") : t("double")]);
const wide: PreviewData = {
  schema: struct(...wideFields),
  rows: Array.from({ length: 25 }, (_, r) => wideFields.map(([, dt], i) => (((r + i) % 17 === 0) ? null : dt.kind === "long" ? BigInt(r * 1000 + i) : dt.kind === "string" ? `r${r}c${i}` : (r + i) / 7))),
  more: true,
};

const empty: PreviewData = { schema: struct(["id", t("long")], ["name", t("string")]), rows: [], more: false };

const withPlan: PreviewData = {
  ...basic,
  explain: `== Physical Plan ==
AdaptiveSparkPlan isFinalPlan=false
+- Project [id#0L, name#1, (amount#2 * 2) AS double#3]
   +- Filter (isnotnull(amount#2) AND (amount#2 > 100))
      +- FileScan parquet [id#0L,name#1,amount#2] Batched: true, DataFilters: [isnotnull(amount#2), (amount#2 > 100)], Format: Parquet, Location: InMemoryFileIndex(1 paths)[file:/data/orders], PartitionFilters: [], PushedFilters: [IsNotNull(amount), GreaterThan(amount,100)], ReadSchema: struct<id:bigint,name:string,amount:decimal(10,2)>
`,
};

/** A notebook's own table styles, which the preview has to override. */
const NOTEBOOK_CSS = `
.nb table { border-collapse: collapse; border-spacing: 0; table-layout: fixed; margin-left: auto; margin-right: auto; font-size: 12px; border: none; }
.nb th, .nb td { text-align: right; padding: .5em; border: none; max-width: 15em; vertical-align: middle; }
.nb tbody tr:nth-child(odd) { background: #f5f5f5; }
.nb tbody tr:hover { background: rgba(66,165,245,.2); }
.nb pre { background: #eee; }
`;

function page(body: string, dark: boolean, notebook: boolean): string {
  const colors = dark ? "background:#1e1e1e;color:#d4d4d4" : "background:#fff;color:#111";
  return `<!doctype html><html><head><meta charset="utf-8"><style>body{margin:16px;font-family:sans-serif;${colors}}${notebook ? NOTEBOOK_CSS : ""}</style></head>` +
    `<body><div class="${notebook ? "nb" : ""}" style="max-width:1060px">${body}</div></body></html>`;
}

function openSchema(html: string): string {
  return html.replace('<details class="sct-schema">', '<details class="sct-schema" open>');
}

const pages: [string, string, { dark?: boolean; notebook?: boolean; height?: number }][] = [
  ["basic", previewHTML(basic), {}],
  ["nested", openSchema(previewHTML(nested)), { height: 760 }],
  ["long-strings", previewHTML(longStrings), {}],
  ["wide-200-columns", previewHTML(wide), { height: 900 }],
  ["empty", previewHTML(empty) + "<br>" + previewHTML({ schema: struct(), rows: [], more: false }), {}],
  ["explain", previewHTML(withPlan), { height: 640 }],
  ["dark", openSchema(previewHTML(nested)), { dark: true, height: 760 }],
  ["notebook-css", previewHTML(basic), { notebook: true }],
];

if (process.env["SPARK_CONNECT_TEST_URL"]) {
  const { SparkSession } = await import("../src/index.js");
  const spark = await SparkSession.connect(process.env["SPARK_CONNECT_TEST_URL"]);
  try {
    const df = spark.sql(`SELECT id, IF(id % 3 = 0, NULL, concat('<user ', id, '>')) AS name, array(id, id * 2) AS arr,
      map('k', id) AS m, named_struct('x', id, 'y', 'a & b') AS s, CAST(id AS DECIMAL(10,2)) AS amount,
      TIMESTAMP '2024-01-02 03:04:05.123456' AS ts FROM range(50)`);
    pages.push(["live", (await df.display({ rows: 8, explain: true })).html, { height: 800 }]);
  } finally {
    await spark.close();
  }
}

function chromium(): string | undefined {
  const names = process.env["CHROMIUM"] ? [process.env["CHROMIUM"]] : ["chromium", "chromium-browser", "google-chrome"];
  return names.find((n) => spawnSync(n, ["--version"], { stdio: "ignore" }).status === 0);
}

const browser = chromium();
for (const [name, html, o] of pages) {
  const file = join(out, `${name}.html`);
  writeFileSync(file, page(html, o.dark === true, o.notebook === true));
  if (browser === undefined) continue;
  const png = join(out, `${name}.png`);
  const r = spawnSync(
    browser,
    ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars=false", `--screenshot=${png}`, `--window-size=1100,${o.height ?? 560}`, `file://${file}`],
    { encoding: "utf8" },
  );
  console.log(r.status === 0 ? `${png}` : `${name}: chromium failed: ${r.stderr}`);
}
if (browser === undefined) console.log(`No Chromium found; the pages are in ${out}.`);
