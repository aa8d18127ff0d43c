// Query lambdas compiled by the transformer, run against the real server.
import test from "ava";
import { pin, sum, count, desc, avg, max, countDistinct } from "../../src/dsl/index.js";
import { connect } from "../support/server.js";

interface Event {
  country: string;
  amount: number;
  user: string | null;
  id: number;
}

const spark = await connect();
test.before(() =>
  spark
    .sql(`SELECT * FROM VALUES
        ('PL', 500.0D, 'ann', 1), ('PL', 700.0D, 'bob', 2), ('PL', 50.0D, NULL, 3),
        ('DE', 900.0D, 'cid', 4), ('DE', 400.0D, 'cid', 5), ('FR', 80.0D, 'dee', 6)
        AS t(country, amount, user, id)`)
    .createOrReplaceTempView("events"),
);
test.after.always(() => spark.close());

test("the README query runs end to end", async (t) => {
  const min = 100;
  const top = spark
    .table<Event>("events")
    .where((e) => e.country !== "FR" && e.amount > pin(min))
    .groupBy((e) => ({ country: e.country }))
    .agg((e) => ({ total: sum(e.amount), n: count() }))
    .having((g) => g.total > 1000)
    .orderBy((g) => [desc(g.total)])
    .limit(10);
  t.deepEqual(await top.collect(), [
    { country: "DE", total: 1300, n: 2 },
    { country: "PL", total: 1200, n: 2 },
  ]);
});

test("select with computed fields, string methods, null checks, ?: and ??", async (t) => {
  const rows = await spark
    .table<Event>("events")
    .select((e) => ({
      id: e.id,
      who: e.user ?? "anonymous",
      tag: `${e.country}-${e.id}`,
      big: e.amount >= 500 ? "big" : "small",
      upper: e.country.toLowerCase(),
      known: e.user !== null,
    }))
    .where((r) => r.id <= 3)
    .orderBy((r) => r.id)
    .collect();
  t.deepEqual(rows, [
    { id: 1, who: "ann", tag: "PL-1", big: "big", upper: "pl", known: true },
    { id: 2, who: "bob", tag: "PL-2", big: "big", upper: "pl", known: true },
    { id: 3, who: "anonymous", tag: "PL-3", big: "small", upper: "pl", known: false },
  ]);
});

test("IN lists, literal and pinned; Math; const literals need no pin", async (t) => {
  const wanted = ["DE", "FR"];
  const LIMIT = 800;
  const rows = await spark
    .table<Event>("events")
    .where((e) => pin(wanted).includes(e.country) && e.amount < LIMIT && ["cid", "dee"].includes(e.user ?? ""))
    .select((e) => ({ id: e.id, r: Math.round(e.amount / 7), a: Math.abs(-e.amount) }))
    .orderBy((e) => e.id)
    .collect();
  t.deepEqual(rows, [
    { id: 5, r: Math.round(400 / 7), a: 400 },
    { id: 6, r: Math.round(80 / 7), a: 80 },
  ]);
});

test("joins bind each side's columns to its DataFrame", async (t) => {
  const events = spark.table<Event>("events");
  const users = spark.sql<{ user: string; name: string }>("SELECT * FROM VALUES ('ann', 'Ann'), ('cid', 'Cid') AS t(user, name)");
  const rows = await events
    .join(users, (e, u) => e.user === u.user)
    .select((r) => ({ id: r.id, name: r.name }))
    .orderBy((r) => r.id)
    .collect();
  t.deepEqual(rows, [
    { id: 1, name: "Ann" },
    { id: 4, name: "Cid" },
    { id: 5, name: "Cid" },
  ]);
});

test("aggregates: avg, max, countDistinct", async (t) => {
  const rows = await spark
    .table<Event>("events")
    .groupBy((e) => ({ country: e.country }))
    .agg((e) => ({ mean: avg(e.amount), top: max(e.amount), users: countDistinct(e.user) }))
    .orderBy((g) => g.country)
    .collect();
  t.deepEqual(rows, [
    { country: "DE", mean: 650, top: 900, users: 1 },
    { country: "FR", mean: 80, top: 80, users: 1 },
    { country: "PL", mean: 1250 / 3, top: 700, users: 2 },
  ]);
});

test("count() composes with numbers: sum / count is the mean", async (t) => {
  const rows = await spark
    .table<Event>("events")
    .groupBy((e) => ({ country: e.country }))
    .agg((e) => ({ mean: sum(e.amount) / count(), perUser: sum(e.amount) / countDistinct(e.user) }))
    .orderBy((g) => g.country)
    .collect();
  t.deepEqual(rows, [
    { country: "DE", mean: 650, perUser: 1300 },
    { country: "FR", mean: 80, perUser: 80 },
    { country: "PL", mean: 1250 / 3, perUser: 625 },
  ]);
});

test("accepted forms (casts, satisfies, parenthesised lambdas, numerals, Infinity, shadowed globals, pins of the suggested fixes) give JavaScript's answer", async (t) => {
  const rows: Event[] = [
    { country: "PL", amount: 500, user: "ann", id: 1 },
    { country: "PL", amount: 700, user: "bob", id: 2 },
    { country: "PL", amount: 50, user: null, id: 3 },
    { country: "DE", amount: 900, user: "cid", id: 4 },
    { country: "DE", amount: 400, user: "cid", id: 5 },
    { country: "FR", amount: 80, user: "dee", id: 6 },
  ];
  const events = spark.table<Event>("events");
  const ids = async (df: typeof events) => (await df.orderBy((e) => e.id).select((e) => ({ id: e.id })).collect()).map((r) => r.id);
  const js = (p: (e: Event) => boolean) => rows.filter(p).map((e) => e.id);
  const big = 1e999;
  const floor: string | undefined = undefined;
  const countries = ["PL", "FR"];
  t.deepEqual(await ids(events.where((e) => (e.amount as number) > 1 && (e.id satisfies number) < 0x5)), js((e) => e.amount > 1 && e.id < 0x5));
  t.deepEqual(await ids(events.where(((e) => e.amount > 4_00))), js((e) => e.amount > 4_00));
  t.deepEqual(await ids(events.where(((e) => e.amount >= 500) satisfies (e: Event) => boolean)), js((e) => e.amount >= 500));
  t.deepEqual(await ids(events.where((e) => e.amount < Infinity && e.amount > -Infinity)), js((e) => e.amount < Infinity && e.amount > -Infinity));
  t.deepEqual(await ids(events.where((e) => e.amount < pin(big))), js((e) => e.amount < big));
  t.deepEqual(await ids(events.where((e) => e.country === pin(floor ?? null))), js((e) => e.country === (floor ?? null)));
  t.deepEqual(await ids(events.where((e) => pin(countries).includes(e.country))), js((e) => countries.includes(e.country)));
  t.deepEqual(await ids(events.where((e) => e.user !== null && e.user.length === 3 && e.amount < 600)), js((e) => e.user !== null && e.user.length === 3 && e.amount < 600));
  const lengths = await events.orderBy((e) => e.id).select((e) => ({ n: e.user === null ? null : e.user.length })).collect();
  t.deepEqual(lengths.map((r) => r.n), rows.map((e) => (e.user === null ? null : e.user.length)));
  {
    const Infinity = 600;
    t.deepEqual(await ids(events.where((e) => e.amount > Infinity)), js((e) => e.amount > Infinity));
  }
  const { where } = await import("../../src/dsl/index.js");
  const large = where((e: Event) => e.amount > 450);
  t.deepEqual(await ids(large(events)), js((e) => e.amount > 450));
});
