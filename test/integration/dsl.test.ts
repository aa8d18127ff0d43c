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
    { country: "DE", total: 1300, n: 2n },
    { country: "PL", total: 1200, n: 2n },
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
    { country: "DE", mean: 650, top: 900, users: 1n },
    { country: "FR", mean: 80, top: 80, users: 1n },
    { country: "PL", mean: 1250 / 3, top: 700, users: 2n },
  ]);
});
