// Spark functions inside query lambdas (F of spark-connect-ts/dsl): each lowers to the
// function of spark-connect-ts/functions with the expressions as Columns and the plain
// values as they are, so the result equals the same function written in Spark SQL.
import test from "ava";
import { F, pin } from "../../src/dsl/index.js";
import { connect } from "../support/server.js";

interface Row {
  id: number;
  ts: Date;
  day: Date;
  s: string | null;
  x: number;
}

const spark = await connect();
test.after.always(() => spark.close());

const SAMPLE = `SELECT * FROM VALUES
  (1, TIMESTAMP '2024-02-29 13:45:10', DATE '2024-02-29', 'AB-123', CAST(2.345 AS DOUBLE)),
  (2, TIMESTAMP '1999-12-31 23:59:59', DATE '1999-12-31', 'zz-9', CAST(-1.5 AS DOUBLE)),
  (3, TIMESTAMP '2021-06-15 00:00:00', DATE '2021-06-15', NULL, CAST(0.5 AS DOUBLE))
  AS t(id, ts, day, s, x)`;

test("F functions give what the same Spark SQL functions give, with values, pins and nulls", async (t) => {
  const fmt = "yyyy/MM/dd";
  const viaDsl = await spark
    .sql<Row>(SAMPLE)
    .select((e) => ({
      id: e.id,
      y: F.year(e.ts),
      q: F.quarter(e.day),
      dow: F.dayofweek(e.day),
      h: F.hour(e.ts),
      plus: F.dateAdd(e.day, 10).getTime(),
      months: F.monthsBetween(e.day, pin(new Date("2000-01-01T00:00:00Z"))),
      formatted: F.dateFormat(e.day, pin(fmt)),
      code: F.regexpExtract(e.s, "([A-Z]+)-(\\d+)", 2),
      replaced: F.regexpReplace(e.s, "\\d", "#"),
      parts: F.split(e.s, "-"),
      cap: F.initcap(e.s),
      joined: F.concatWs("/", e.s, "x"),
      r: F.round(e.x, 1),
      br: F.bround(e.x * 2, 0),
      lev: F.levenshtein(e.s, "AB-124"),
      like: F.regexpLike(e.s, "^[A-Z]"),
    }))
    .orderBy((e) => e.id)
    .collect();
  const viaSql = await spark
    .sql(
      `SELECT id, year(ts) AS y, quarter(day) AS q, dayofweek(day) AS dow, hour(ts) AS h,
        date_add(day, 10) AS plus, months_between(day, TIMESTAMP '2000-01-01 00:00:00Z') AS months,
        date_format(day, 'yyyy/MM/dd') AS formatted, regexp_extract(s, '([A-Z]+)-(\\\\d+)', 2) AS code,
        regexp_replace(s, '\\\\d', '#') AS replaced, split(s, '-') AS parts, initcap(s) AS cap,
        concat_ws('/', s, 'x') AS joined, round(x, 1) AS r, bround(x * 2, 0) AS br,
        levenshtein(s, 'AB-124') AS lev, regexp_like(s, '^[A-Z]') AS like
       FROM (${SAMPLE}) ORDER BY id`,
    )
    .collect();
  t.is(viaDsl.length, 3);
  t.deepEqual(
    viaDsl.map((r) => ({ ...r })),
    viaSql.map((r) => ({ ...r, plus: (r["plus"] as Date).getTime() })),
  );
  t.is(viaDsl[0]!.code, "123");
  t.is(viaDsl[2]!.code, null);
  t.is(viaDsl[2]!.joined, "x");
});

test("F functions in conditions and composed with JavaScript operators", async (t) => {
  const rows = await spark
    .sql<Row>(SAMPLE)
    .where((e) => F.year(e.ts) >= 2021 && F.regexpLike(e.s ?? "", "^A"))
    .select((e) => ({ id: e.id, next: F.year(e.ts) + 1, text: `${F.month(e.day)}/${F.year(e.day)}` }))
    .collect();
  t.deepEqual(rows, [{ id: 1, next: 2025, text: "2/2024" }]);
});
