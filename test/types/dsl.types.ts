// Type tests of the query DSL. This file is compiled by the main build (`npm run build`):
// a line marked `@ts-expect-error` that compiles, or an exact-type assertion that does not
// hold, fails the build and so the test run (test/unit/dslTypes.test.ts checks that the
// compiled file exists). The DSL calls sit in functions that are never called, so no
// server is needed; the transformer still compiles every lambda here, so each must be a
// valid query lambda apart from its deliberate type error.
import type { DataFrame } from "../../src/DataFrame.js";
import type { GroupedData } from "../../src/GroupedData.js";
import type { SparkSession } from "../../src/SparkSession.js";
import type {
  ColumnCountsDiffer,
  ColumnNamesDiffer,
  ColumnsOnBothSides,
  Flatten,
  JoinRow,
  SameColumnCount,
  SameColumnNames,
  UnionByNameFix,
} from "../../src/dsl/rowTypes.js";
import { asc, avg, collectList, count, countDistinct, desc, F, first, max, min, over, pin, select, sum, where, withColumns } from "../../src/dsl/index.js";

// ---- helpers ----

/** Whether A and B are the same type (not merely mutually assignable). */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;

/** Flattens intersections ({ a } & { b } into { a; b }) so row types compare by their fields. */
type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The row type of a DataFrame. */
type RowOf<D> = D extends DataFrame<infer R> ? R : never;

/** `expectType<T>()(value)` compiles only when the value's type is exactly T. */
const expectType =
  <Expected>() =>
  <Actual>(_value: Actual, ..._mismatch: Equal<Actual, Expected> extends true ? [] : [never]): void => {};

/**
 * Whether A and B have the same keys and each field has exactly the same type. (Field by
 * field, because whole-object identity of inferred row types is order-sensitive in tsc.)
 */
type SameFields<A, B> = [keyof A] extends [keyof B]
  ? [keyof B] extends [keyof A]
    ? false extends { [K in keyof A & keyof B]: Equal<A[K], B[K]> }[keyof A & keyof B]
      ? false
      : true
    : false
  : false;

/** `expectRow<T>()(df)` compiles only when df's rows have exactly T's fields, with exactly T's field types. */
const expectRow =
  <Expected>() =>
  <D extends DataFrame<unknown>>(_df: D, ..._mismatch: SameFields<RowOf<D>, Expected> extends true ? [] : [never]): void => {};

// The helpers themselves reject near misses.
// @ts-expect-error number is not number | null
expectType<number | null>()(1 as number);
// @ts-expect-error a wider row is not the row
expectRow<{ a: string }>()(undefined as unknown as DataFrame<{ a: string; b: number }>);
// @ts-expect-error a field of another type
expectRow<{ a: string; b: number }>()(undefined as unknown as DataFrame<{ a: string; b: bigint }>);
// @ts-expect-error a nullable field is not a non-null one
expectRow<{ a: string }>()(undefined as unknown as DataFrame<{ a: string | null }>);
// @ts-expect-error any is not string
expectRow<{ a: string }>()(undefined as unknown as DataFrame<{ a: any }>);
expectRow<{ a: 1; b: 2 }>()(undefined as unknown as DataFrame<{ a: 1 } & { b: 2 }>);
expectType<true>()(true as Equal<Simplify<{ a: 1 } & { b: 2 }>, { a: 1; b: 2 }>);

// ---- sample rows ----

interface Event {
  id: number;
  country: string;
  amount: number;
  user: string | null;
  score: number | null;
  ts: Date;
}

interface User {
  userId: string;
  name: string;
  age: number;
}

/** Shares `id` with Event. */
interface Visit {
  id: number;
  page: string;
}

interface Resident {
  name: string;
  city: string;
}

/** Shares `name` with Pet, spelt `Name`: one column to Spark, which resolves names case-insensitively. */
interface Owner {
  Name: string;
  age: number;
}

interface Pet {
  name: string;
  owner: string;
}

// ---- row shapes ----

export function rowShapes(spark: SparkSession): void {
  const events = spark.table<Event>("events");
  const users = spark.table<User>("users");
  const visits = spark.table<Visit>("visits");

  // where/filter/orderBy/limit keep the row type.
  expectType<DataFrame<Event>>()(events.where((e) => e.amount > 100));
  expectType<DataFrame<Event>>()(events.filter((e) => e.country === "PL" && e.user !== null));
  expectType<DataFrame<Event>>()(events.orderBy((e) => [desc(e.amount), asc(e.id)]));
  expectType<DataFrame<Event>>()(events.orderBy((e) => e.id));

  // select: the row type is the lambda's object literal.
  expectRow<{ a: string; b: number }>()(events.select((e) => ({ a: e.country, b: e.amount * 2 })));
  expectRow<{ who: string; big: boolean; tag: string; s: number }>()(
    events.select((e) => ({ who: e.user ?? "anonymous", big: e.amount > 1000, tag: `${e.country}-${e.id}`, s: e.score ?? 0 })),
  );
  expectRow<{ user: string | null; level: "high" | "low" }>()(
    events.select((e) => ({ user: e.user, level: e.amount > 100 ? ("high" as const) : ("low" as const) })),
  );
  expectRow<{ u: string; n: number; r: number; m: number }>()(
    events.select((e) => ({ u: e.country.toUpperCase(), n: e.country.length, r: Math.round(e.amount), m: Math.max(e.amount, 0) })),
  );
  expectRow<{ inList: boolean; isNull: boolean }>()(
    events.select((e) => ({ inList: ["PL", "DE"].includes(e.country), isNull: e.score === null })),
  );

  // withColumns (data-last form): the new fields replace same-named ones.
  expectRow<{ id: number; country: string; amount: string; user: string | null; score: number | null; ts: Date; big: boolean }>()(
    withColumns((e: Event) => ({ amount: `${e.amount}`, big: e.amount > 1000 }))(events),
  );
  // The method form gives the same row type.
  expectRow<{ id: number; country: string; amount: string; user: string | null; score: number | null; ts: Date; big: boolean }>()(
    events.withColumns((e) => ({ amount: `${e.amount}`, big: e.amount > 1000 })),
  );

  // pin(x) has x's type.
  const limit = 100;
  const minAmount: number = 100;
  const countries = ["PL", "DE"];
  const when = new Date(0);
  expectRow<{ lim: number; pinned: number; list: string[]; at: Date }>()(
    events.select((e) => ({ lim: pin(minAmount), pinned: e.amount + pin(minAmount), list: pin(countries), at: pin(when) })),
  );
  // A const with a literal type needs no pin (its field type widens like any object literal's).
  expectRow<{ lit: number }>()(events.select(() => ({ lit: limit })));
  expectType<DataFrame<Event>>()(events.where((e) => pin(countries).includes(e.country) && e.ts > pin(when)));

  // groupBy(...).agg(...): the keys and the aggregates; count(), sum() and avg() are numbers, so they compose.
  const grouped = events.groupBy((e) => ({ country: e.country }));
  expectType<GroupedData<Event, { country: string }>>()(grouped);
  const totals = grouped.agg((e) => ({
    total: sum(e.amount),
    mean: avg(e.amount),
    n: count(),
    users: countDistinct(e.user),
    top: max(e.amount),
    firstSeen: min(e.ts),
    any: first(e.user),
    ids: collectList(e.id),
    scored: count(e.score),
  }));
  expectRow<{
    country: string;
    total: number;
    mean: number;
    n: number;
    users: number;
    top: number;
    firstSeen: Date;
    any: string | null;
    ids: number[];
    scored: number;
  }>()(totals);
  expectRow<{ country: string; total: number; mean: number; n: number; users: number; top: number; firstSeen: Date; any: string | null; ids: number[]; scored: number }>()(
    totals.having((g) => g.total > 1000 && g.n > 1).orderBy((g) => [desc(g.total)]),
  );

  // join: both sides' columns; the row type follows the join type (docs/dsl.md, "Row types of joins").
  // inner (the default) and cross: both sides as they are.
  const inner = events.join(users, (e, u) => e.user === u.userId);
  expectRow<{ id: number; country: string; amount: number; user: string | null; score: number | null; ts: Date; userId: string; name: string; age: number }>()(inner);
  expectRow<{ id: number; country: string; amount: number; user: string | null; score: number | null; ts: Date; userId: string; name: string; age: number }>()(
    events.join(users, (e, u) => e.user === u.userId, "inner"),
  );
  expectRow<{ id: number; country: string; amount: number; user: string | null; score: number | null; ts: Date; userId: string; name: string; age: number }>()(
    events.join(users, (e, u) => e.user === u.userId, "cross"),
  );
  // The row is a plain object type, not an intersection.
  expectType<{ id: number; country: string; amount: number; user: string | null; score: number | null; ts: Date; userId: string; name: string; age: number }[]>()(
    [] as RowOf<typeof inner>[],
  );
  // left: the right side's columns are nullable (unmatched left rows carry nulls there).
  const joined = events.join(users, (e, u) => e.user === u.userId, "left");
  expectRow<{ id: number; country: string; amount: number; user: string | null; score: number | null; ts: Date; userId: string | null; name: string | null; age: number | null }>()(joined);
  expectRow<{ id: number; name: string | null }>()(joined.select((r) => ({ id: r.id, name: r.name })));
  expectRow<{ id: number; name: string }>()(joined.select((r) => ({ id: r.id, name: r.name ?? "?" })));
  // right: the left side's columns are nullable.
  expectRow<{ id: number | null; country: string | null; amount: number | null; user: string | null; score: number | null; ts: Date | null; userId: string; name: string; age: number }>()(
    events.join(users, (e, u) => e.user === u.userId, "right"),
  );
  // full (and outer): both sides nullable.
  expectRow<{ id: number | null; country: string | null; amount: number | null; user: string | null; score: number | null; ts: Date | null; userId: string | null; name: string | null; age: number | null }>()(
    events.join(users, (e, u) => e.user === u.userId, "full"),
  );
  // semi and anti: only the left side's columns, as they are.
  expectType<DataFrame<Event>>()(events.join(users, (e, u) => e.user === u.userId, "semi"));
  expectType<DataFrame<Event>>()(events.join(users, (e, u) => e.user === u.userId, "anti"));
  // Each alias gives the row of its join type.
  expectType<true>()(true as Equal<JoinRow<Event, User, "cross">, JoinRow<Event, User, "inner">>);
  expectType<true>()(true as Equal<JoinRow<Event, User, "leftouter">, JoinRow<Event, User, "left">>);
  expectType<true>()(true as Equal<JoinRow<Event, User, "left_outer">, JoinRow<Event, User, "left">>);
  expectType<true>()(true as Equal<JoinRow<Event, User, "rightouter">, JoinRow<Event, User, "right">>);
  expectType<true>()(true as Equal<JoinRow<Event, User, "right_outer">, JoinRow<Event, User, "right">>);
  expectType<true>()(true as Equal<JoinRow<Event, User, "outer">, JoinRow<Event, User, "full">>);
  expectType<true>()(true as Equal<JoinRow<Event, User, "fullouter">, JoinRow<Event, User, "full">>);
  expectType<true>()(true as Equal<JoinRow<Event, User, "full_outer">, JoinRow<Event, User, "full">>);
  expectType<true>()(true as Equal<JoinRow<Event, User, "leftsemi">, Event>);
  expectType<true>()(true as Equal<JoinRow<Event, User, "left_semi">, Event>);
  expectType<true>()(true as Equal<JoinRow<Event, User, "leftanti">, Event>);
  expectType<true>()(true as Equal<JoinRow<Event, User, "left_anti">, Event>);
  // (and the kinds differ from each other)
  expectType<false>()(false as Equal<JoinRow<Event, User, "left">, JoinRow<Event, User, "inner">>);
  expectType<false>()(false as Equal<JoinRow<Event, User, "right">, JoinRow<Event, User, "left">>);
  expectType<false>()(false as Equal<JoinRow<Event, User, "full">, JoinRow<Event, User, "right">>);
  // A semi join of rows that share a column name keeps it (the right side's columns are not in the result).
  expectType<DataFrame<Event>>()(events.join(visits, (e, v) => e.id === v.id, "semi"));
  // A `how` that is not a literal may be any join type: the left side nullable, the right side nullable and possibly absent.
  const how: string = "left";
  expectRow<{ id: number | null; country: string | null; amount: number | null; user: string | null; score: number | null; ts: Date | null; userId?: string | null; name?: string | null; age?: number | null }>()(
    events.join(users, (e, u) => e.user === u.userId, how),
  );
  // A union of literals: nullable wherever one of them makes it so.
  const leftOrInner = how === "left" ? "left" : "inner";
  expectRow<{ id: number; country: string; amount: number; user: string | null; score: number | null; ts: Date; userId: string | null; name: string | null; age: number | null }>()(
    events.join(users, (e, u) => e.user === u.userId, leftOrInner),
  );
  // Columns on both sides are left out of the row (the join condition still reads each side's).
  const both = events.join(visits, (e, v) => e.id === v.id);
  expectRow<{ country: string; amount: number; user: string | null; score: number | null; ts: Date; page: string }>()(both);
  expectRow<{ page: string; country: string }>()(both.select((r) => ({ page: r.page, country: r.country })));
  // Renaming one side first keeps both.
  expectRow<{ id: number; visitId: number; page: string }>()(
    events.join(visits.select((v) => ({ visitId: v.id, page: v.page })), (e, v) => e.id === v.visitId).select((r) => ({ id: r.id, visitId: r.visitId, page: r.page })),
  );

  // A column name on both sides in different cases is one column to Spark: every spelling is left out.
  const owned = spark.table<Owner>("owners").join(spark.table<Pet>("pets"), (o, p) => o.Name === p.owner);
  expectRow<{ age: number; owner: string }>()(owned);
  expectType<true>()(
    true as Equal<
      JoinRow<Owner, Pet, "inner">,
      Flatten<{ age: number; owner: string }> & ColumnsOnBothSides<"Name" | "name", "rename the column on one side before the join (select or withColumnRenamed)">
    >,
  );
  expectType<true>()(true as Equal<JoinRow<{ ID: number; a: string }, { id: number; b: string }, "left">, JoinRow<{ ID: number; a: string }, { iD: number; b: string }, "left">>);
  // Renaming one side first keeps both.
  expectRow<{ Name: string; age: number; petName: string; owner: string }>()(
    spark
      .table<Owner>("owners")
      .join(spark.table<Pet>("pets").select((p) => ({ petName: p.name, owner: p.owner })), (o, p) => o.Name === p.owner),
  );

  // collect() gives the rows.
  expectType<Promise<{ a: string }[]>>()(events.select((e) => ({ a: e.country })).collect());

  // Data-last forms.
  expectRow<{ c: string }>()(select((e: Event) => ({ c: e.country }))(events));
  expectType<DataFrame<Event>>()(where((e: Event) => e.amount > 1)(events));
}

// ---- set operations ----

export function setOperations(spark: SparkSession): void {
  const residents = spark.table<Resident>("residents");
  // The same columns in another order: the same row type, and by-name matching makes it true of the data.
  const byCity = spark.table<{ city: string; name: string }>("by_city");
  expectType<DataFrame<Resident>>()(byCity);

  // Every set operation keeps this side's row type.
  expectType<DataFrame<Resident>>()(residents.union(byCity));
  expectType<DataFrame<Resident>>()(residents.unionAll(byCity));
  expectType<DataFrame<Resident>>()(residents.intersect(byCity));
  expectType<DataFrame<Resident>>()(residents.intersectAll(byCity));
  expectType<DataFrame<Resident>>()(residents.subtract(byCity));
  expectType<DataFrame<Resident>>()(residents.exceptAll(byCity));

  // A union's columns are of either side's type; intersect and except keep this side's rows.
  const maybeCity = spark.table<{ city: string | null; name: string }>("moved");
  expectRow<{ name: string; city: string | null }>()(residents.union(maybeCity));
  expectRow<{ name: string; city: string | null }>()(residents.unionAll(maybeCity));
  expectRow<{ name: string; city: string | null }>()(maybeCity.union(residents));
  expectType<DataFrame<Resident>>()(residents.intersect(maybeCity));
  expectType<DataFrame<Resident>>()(residents.exceptAll(maybeCity));
  // Names match case-insensitively, as Spark matches them: this side's spelling.
  expectRow<{ name: string; city: string | null }>()(residents.union(spark.table<{ NAME: string; City: string | null }>("shouting")));
  expectType<DataFrame<Resident>>()(residents.subtract(spark.table<{ NAME: string; City: string }>("shouting")));
  // An untyped side is not checked: this side's row type.
  expectType<DataFrame<Resident>>()(residents.union(spark.table("raw")));
  expectType<DataFrame<Resident>>()(residents.intersect(spark.table("raw")));
  expectType<DataFrame<Record<string, unknown>>>()(spark.table("raw").union(residents));
  expectType<DataFrame<Record<string, unknown>>>()(spark.table("raw").exceptAll(spark.table("other")));

  // unionByPosition: as many columns on both sides, any names; this side's row type.
  expectType<DataFrame<Resident>>()(residents.unionByPosition(spark.table<{ c1: string; c2: string }>("import")));
  expectType<DataFrame<Resident>>()(residents.unionByPosition(byCity));
  expectType<DataFrame<Resident>>()(residents.unionByPosition(spark.table("raw")));

  // The compile errors name the fix.
  expectType<true>()(
    true as Equal<SameColumnNames<Resident, { city: string; nme: string }, UnionByNameFix>, ColumnNamesDiffer<"name", "nme", UnionByNameFix>>,
  );
  expectType<true>()(true as Equal<SameColumnNames<Resident, { NAME: string; city: number }, UnionByNameFix>, unknown>);
  expectType<true>()(true as Equal<SameColumnCount<Resident, { a: 1; b: 2; c: 3 }, "fix">, ColumnCountsDiffer<2, 3, "fix">>);
  expectType<true>()(true as Equal<SameColumnCount<Resident, { a: 1; b: 2 }, "fix">, unknown>);
}

// ---- what must not compile ----

export function rejected(spark: SparkSession): void {
  const events = spark.table<Event>("events");
  const users = spark.table<User>("users");
  const visits = spark.table<Visit>("visits");

  // A misspelt column, in every kind of lambda.
  // @ts-expect-error `amout` is not a column of Event
  events.where((e) => e.amout > 100);
  // @ts-expect-error `contry` is not a column of Event
  events.select((e) => ({ c: e.contry }));
  // @ts-expect-error `contry` is not a column of Event
  events.groupBy((e) => ({ c: e.contry }));
  // @ts-expect-error `amout` is not a column of Event
  events.groupBy((e) => ({ c: e.country })).agg((e) => ({ total: sum(e.amout) }));
  // @ts-expect-error `userid` is not a column of User
  events.join(users, (e, u) => e.user === u.userid);
  // @ts-expect-error `usr` is not a column of Event
  events.join(users, (e, u) => e.usr === u.userId);
  // @ts-expect-error `amout` is not a column of Event
  events.orderBy((e) => [desc(e.amout)]);
  // @ts-expect-error `amout` is not a column of Event
  withColumns((e: Event) => ({ double: e.amout * 2 }));

  // A string column compared with a number.
  // @ts-expect-error string and number have no overlap
  events.where((e) => e.country === 1);
  // @ts-expect-error string > number
  events.where((e) => e.country > 1);

  // A nullable column used without a null check.
  // @ts-expect-error `e.score` is possibly null
  events.where((e) => e.score > 1);
  // @ts-expect-error `e.user` is possibly null
  events.select((e) => ({ u: e.user.toUpperCase() }));
  // @ts-expect-error `e.score` is possibly null
  events.select((e) => ({ s: e.score * 2 }));

  // An aggregate of the wrong type.
  // @ts-expect-error sum() takes numbers
  events.groupBy((e) => ({ c: e.country })).agg((e) => ({ total: sum(e.country) }));

  // The result row of a select, read with a key it does not have.
  const small = events.select((e) => ({ a: e.country, b: e.amount * 2 }));
  // @ts-expect-error `amount` was not selected
  small.where((r) => r.amount > 1);
  // @ts-expect-error `c` is not a field of the result
  small.orderBy((r) => [asc(r.c)]);
  // Aggregated rows keep only the keys and the aggregates.
  const totals = events.groupBy((e) => ({ country: e.country })).agg((e) => ({ total: sum(e.amount), n: count() }));
  // @ts-expect-error `amount` is not a field of the aggregated rows
  totals.having((g) => g.amount > 1);
  // Windows and Spark functions: their values have the row's types.
  expectRow<{ rank: number; share: number; prev: number | null; year: number; day: Date | null }>()(
    events.select((e) => ({
      rank: over(F.rowNumber(), { partitionBy: [e.country], orderBy: [desc(e.amount)] }),
      share: e.amount / over(sum(e.amount), { partitionBy: [e.country] }),
      prev: over(F.lag(e.amount, 1), { orderBy: [e.ts] }),
      year: F.year(e.ts),
      day: F.toDate(e.user, "yyyy-MM-dd"),
    })),
  );
  // count() is a number: it composes with sums.
  expectRow<{ country: string; mean: number }>()(events.groupBy((e) => ({ country: e.country })).agg((e) => ({ mean: sum(e.amount) / count() })));
  totals.select((g) => ({ n: g.n + 1 }));

  // A joined row has both sides, but not what neither side has.
  // @ts-expect-error `email` is on neither side
  events.join(users, (e, u) => e.user === u.userId).select((r) => ({ m: r.email }));

  // An outer join's unmatched side is nullable.
  // @ts-expect-error `r.age` is possibly null after a left join
  events.join(users, (e, u) => e.user === u.userId, "left").where((r) => r.age > 18);
  // @ts-expect-error `r.amount` is possibly null after a right join
  events.join(users, (e, u) => e.user === u.userId, "right").where((r) => r.amount > 1);
  // @ts-expect-error `r.amount` is possibly null after a full join
  events.join(users, (e, u) => e.user === u.userId, "full").select((r) => ({ a: r.amount * 2 }));
  // A semi or anti join has only the left side's columns.
  // @ts-expect-error `name` is a column of the right side
  events.join(users, (e, u) => e.user === u.userId, "semi").select((r) => ({ n: r.name }));
  // @ts-expect-error `name` is a column of the right side
  events.join(users, (e, u) => e.user === u.userId, "left_anti").select((r) => ({ n: r.name }));
  // A literal that is not a join type.
  // @ts-expect-error "lefft" is not a join type
  events.join(users, (e, u) => e.user === u.userId, "lefft");
  // @ts-expect-error join types are typed in lower case (the run time also takes "LEFT")
  events.join(users, (e, u) => e.user === u.userId, "LEFT");
  // A column both sides have cannot be read from the joined row: the error names ColumnsOnBothSides<"id", "rename ...">.
  // @ts-expect-error `id` is on both sides: rename it on one side first
  events.join(visits, (e, v) => e.id === v.id).select((r) => ({ id: r.id }));
  // @ts-expect-error `id` is on both sides, whatever the join type
  events.join(visits, (e, v) => e.id === v.id, "left").where((r) => r.id > 1);
  // Column names on both sides are compared case-insensitively, as Spark resolves them.
  const owned = spark.table<Owner>("owners").join(spark.table<Pet>("pets"), (o, p) => o.Name === p.owner);
  // @ts-expect-error `name` is on both sides (Name and name): rename it on one side first
  owned.select((r) => ({ n: r.name }));
  // @ts-expect-error `Name` is on both sides (Name and name): rename it on one side first
  owned.where((r) => r.Name === "Rex");

  // Set operations match columns by name: a name on one side only is a ColumnNamesDiffer error naming the fix.
  const residents = spark.table<Resident>("residents");
  const misspelt = spark.table<{ city: string; nme: string }>("misspelt");
  // @ts-expect-error `name` and `nme`: the names differ
  residents.union(misspelt);
  // @ts-expect-error `name` and `nme`: the names differ
  residents.unionAll(misspelt);
  // @ts-expect-error `name` and `nme`: the names differ
  residents.intersect(misspelt);
  // @ts-expect-error `name` and `nme`: the names differ
  residents.intersectAll(misspelt);
  // @ts-expect-error `name` and `nme`: the names differ
  residents.subtract(misspelt);
  // @ts-expect-error `name` and `nme`: the names differ
  residents.exceptAll(misspelt);
  // @ts-expect-error a column on the other side only
  residents.union(spark.table<{ name: string; city: string; zip: string }>("wide"));
  // @ts-expect-error a column on this side only
  residents.subtract(spark.table<{ name: string }>("narrow"));
  // unionByPosition needs as many columns on both sides: a ColumnCountsDiffer error.
  // @ts-expect-error two columns and three
  residents.unionByPosition(spark.table<{ a: string; b: string; c: string }>("three"));
}

export async function rejectedResults(spark: SparkSession): Promise<void> {
  const rows = await spark.table<Event>("events").select((e) => ({ a: e.country })).collect();
  // @ts-expect-error `b` is not a field of the collected rows
  void rows[0]?.b;
}
