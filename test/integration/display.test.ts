// Previews for notebooks and terminals against a real server: df.display() / df.toHTML()
// and their Effect forms fetch a bounded preview (schema, first rows, optionally the
// plan); the progress bar draws from the server's progress reports on a fake terminal.
import test from "ava";
import { inspect } from "node:util";
import { Effect } from "effect";
import { InvalidPlanError } from "../../src/index.js";
import * as Spark from "../../src/effect.js";
import { connect } from "../support/server.js";

const spark = await connect();
test.after.always(() => spark.close());

test("display() fetches the first 20 rows and the schema, and says there are more", async (t) => {
  const preview = await spark.range(100).display();
  t.is(preview.rows.length, 20);
  t.true(preview.more);
  t.deepEqual(preview.rows[0], [0n]);
  t.deepEqual(preview.columns, ["id"]);
  t.deepEqual(preview.schema.fields[0]?.dataType, { kind: "long" });
  t.true(preview.html.includes("showing the first 20 rows · 1 column"));
  t.true(preview.text.endsWith("showing the first 20 rows · 1 column"));
  t.is(inspect(preview), preview.text);
  const bundle = (preview as unknown as Record<symbol, () => Record<string, string>>)[Symbol.for("Jupyter.display")]!();
  t.is(bundle["text/html"], preview.html);
  // The query was bounded: only one more row than shown was read.
  const small = await spark.range(3).display({ rows: 3 });
  t.deepEqual([small.rows.length, small.more], [3, false]);
  const five = await spark.range(1_000_000_000).display({ rows: 5 });
  t.deepEqual([five.rows.length, five.more], [5, true]);
  t.deepEqual((await spark.range(10).where("id < 0").display()).rows, []);
});

test("nulls, nested types, special characters and same-named columns come out right", async (t) => {
  const df = spark.sql(`SELECT id, IF(id = 1, NULL, '<b>&"x"</b>') AS s, array(id, NULL) AS arr, map('k', id) AS m,
    named_struct('x', id, 'y', CAST(NULL AS STRING)) AS st, CAST(id AS DECIMAL(5, 2)) AS dec,
    DATE '2024-05-06' AS d, X'0A0B' AS bin, repeat('z', 100) AS long
    FROM range(2)`);
  const preview = await df.display();
  t.deepEqual(preview.columns, ["id", "s", "arr", "m", "st", "dec", "d", "bin", "long"]);
  const html = preview.html;
  t.true(html.includes("&lt;b&gt;&amp;&quot;x&quot;&lt;/b&gt;"));
  t.false(html.includes("<b>&"));
  t.true(html.includes('<span class="sct-null">null</span>'));
  t.true(html.includes("<td>[0, null]</td>"));
  t.true(html.includes('<td>{&quot;k&quot; -&gt; 1}</td>'));
  t.true(html.includes("<td>{x: 1, y: null}</td>"));
  t.true(html.includes('<td class="sct-num">1.00</td>'));
  t.true(html.includes("<td>2024-05-06</td>"));
  t.true(html.includes("<td>[0A 0B]</td>"));
  t.true(html.includes(`title="${"z".repeat(100)}"`));
  // After a join both columns named id are shown, by position.
  const crossed = await spark.sql("SELECT a.id, b.id FROM range(2) a CROSS JOIN range(10, 13) b ORDER BY a.id, b.id").display({ rows: 1 });
  t.deepEqual(crossed.columns, ["id", "id"]);
  t.deepEqual(crossed.rows, [[0n, 10n]]);
  const dup = await spark.sql("SELECT 1 AS id, 'a' AS id").display();
  t.deepEqual(dup.rows, [[1, "a"]]);
});

test("timestamps show in the session time zone", async (t) => {
  const other = await spark.clone();
  try {
    await other.conf.set("spark.sql.session.timeZone", "America/New_York");
    const preview = await other.sql("SELECT TIMESTAMP '2024-01-02 03:04:05.5' AS ts, TIMESTAMP_NTZ '2024-01-02 03:04:05' AS ntz").display();
    t.is(preview.timeZone, "America/New_York");
    // The literal is read in the session time zone and shown in it (in UTC it would be 08:04:05.5).
    t.true(preview.text.includes("|2024-01-02 03:04:05.5|2024-01-02 03:04:05|"), preview.text);
  } finally {
    await other.close();
  }
});

test("explain adds the plan; toHTML gives the HTML; the Effect forms do the same", async (t) => {
  const df = spark.range(10).where("id > 3");
  const planned = await df.display({ rows: 2, explain: true });
  t.true(planned.explain?.includes("Physical Plan") ?? false);
  t.true(planned.html.includes('<details class="sct-plan" open><summary>Plan</summary><pre>'));
  const simple = await df.display({ explain: "simple" });
  t.true(simple.explain?.startsWith("== Physical Plan ==") ?? false);
  t.is((await df.display()).explain, undefined);
  const html = await df.toHTML({ rows: 3, truncate: 10 });
  t.true(html.startsWith('<div class="sct-df">'));
  t.true(html.includes("showing the first 3 rows"));
  const viaEffect = await Effect.runPromise(Spark.display(df, { rows: 1 }));
  t.deepEqual(viaEffect.rows, [[4n]]);
  t.true((await Effect.runPromise(Spark.toHTML(df))).includes("6 rows · 1 column"));
});

test("bad options reject with a typed error before anything runs", async (t) => {
  const df = spark.range(3);
  await t.throwsAsync(df.display({ rows: -1 }), { instanceOf: InvalidPlanError, message: /rows must be an integer from 0 to 10000/ });
  await t.throwsAsync(df.display({ rows: 1.5 }), { instanceOf: InvalidPlanError });
  await t.throwsAsync(df.display({ truncate: 2 }), { instanceOf: InvalidPlanError });
  await t.throwsAsync(df.toHTML({ explain: "loud" as never }), { instanceOf: InvalidPlanError });
  await t.throwsAsync(spark.sql("SELECT nope").display(), { name: "AnalysisError" });
});

/** A query that runs for a second or two with progress reports: eight sleeping tasks, then a shuffle. */
const WORK = `SELECT k, count(*) AS n FROM (
                SELECT id % 4 AS k, java_method('java.lang.Thread', 'sleep', 300L) AS s FROM range(0, 8, 1, 8)
              ) WHERE s = 'null' GROUP BY k ORDER BY k`;

test("progress: true draws a bar from the server's reports on a terminal and erases it", async (t) => {
  const other = await spark.clone();
  try {
    await other.conf.set("spark.connect.progress.reportInterval", "100ms");
    const writes: string[] = [];
    const terminal = { isTTY: true, columns: 100, write: (s: string) => writes.push(s) };
    const rows = await other.sql(WORK).collect({ progress: { stream: terminal, delayMs: 0 } });
    t.is(rows.length, 4);
    t.true(writes.length >= 2, JSON.stringify(writes));
    t.true(writes.slice(0, -1).every((w) => /^\rcollect \[[█░]+\] +\d+% · stage \d+\/\d+ · tasks \d+\/\d+/.test(w)), JSON.stringify(writes));
    t.is(writes[writes.length - 1], "\r\x1b[K", "erased at the end");
    // display() draws one too, labelled display; a pipe gets nothing.
    const shown: string[] = [];
    await other.sql(WORK).display({ progress: { stream: { isTTY: true, write: (s: string) => shown.push(s) }, delayMs: 0 } });
    t.true(shown.some((w) => w.startsWith("\rdisplay [")), JSON.stringify(shown));
    const piped: string[] = [];
    await other.sql(WORK).count({ progress: { stream: { isTTY: false, write: (s: string) => piped.push(s) }, delayMs: 0 } });
    t.deepEqual(piped, []);
    // With onProgress as well, both receive the reports.
    let reports = 0;
    const both: string[] = [];
    await other.sql(WORK).collect({ onProgress: () => reports++, progress: { stream: { isTTY: true, write: (s: string) => both.push(s) }, delayMs: 0 } });
    t.true(reports >= 2 && both.length >= 2);
  } finally {
    await other.close();
  }
});
