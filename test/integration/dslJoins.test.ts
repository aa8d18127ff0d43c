// The row types of lambda joins (docs/dsl.md, "Row types of joins") against what the
// server returns: an outer join's unmatched side is null, a semi or anti join has only the
// left columns.
import test from "ava";
import { connect } from "../support/server.js";

interface Order {
  id: number;
  userId: string;
}

interface User {
  uid: string;
  name: string;
}

const spark = await connect();
test.after.always(() => spark.close());

const orders = spark.sql<Order>("SELECT * FROM VALUES (1, 'ann'), (2, 'bob'), (3, 'ann') AS t(id, userId)");
const users = spark.sql<User>("SELECT * FROM VALUES ('ann', 'Ann'), ('cid', 'Cid') AS t(uid, name)");

test("a left join's unmatched rows have nulls in the right side's columns", async (t) => {
  const rows: { id: number; userId: string; uid: string | null; name: string | null }[] = await orders
    .join(users, (o, u) => o.userId === u.uid, "left")
    .orderBy((r) => r.id)
    .collect();
  t.deepEqual(rows, [
    { id: 1, userId: "ann", uid: "ann", name: "Ann" },
    { id: 2, userId: "bob", uid: null, name: null },
    { id: 3, userId: "ann", uid: "ann", name: "Ann" },
  ]);
});

test("a right join's unmatched rows have nulls in the left side's columns", async (t) => {
  const rows: { id: number | null; userId: string | null; uid: string; name: string }[] = await orders
    .join(users, (o, u) => o.userId === u.uid, "right_outer")
    .orderBy((r) => [r.uid, r.id])
    .collect();
  t.deepEqual(rows, [
    { id: 1, userId: "ann", uid: "ann", name: "Ann" },
    { id: 3, userId: "ann", uid: "ann", name: "Ann" },
    { id: null, userId: null, uid: "cid", name: "Cid" },
  ]);
});

test("a full join has nulls on both sides", async (t) => {
  const rows: { id: number | null; userId: string | null; uid: string | null; name: string | null }[] = await orders
    .join(users, (o, u) => o.userId === u.uid, "full")
    .orderBy((r) => [r.uid ?? "", r.id ?? 0])
    .collect();
  t.deepEqual(rows, [
    { id: 2, userId: "bob", uid: null, name: null },
    { id: 1, userId: "ann", uid: "ann", name: "Ann" },
    { id: 3, userId: "ann", uid: "ann", name: "Ann" },
    { id: null, userId: null, uid: "cid", name: "Cid" },
  ]);
});

test("semi and anti joins return only the left side's columns", async (t) => {
  const semi: Order[] = await orders.join(users, (o, u) => o.userId === u.uid, "semi").orderBy((r) => r.id).collect();
  t.deepEqual(semi, [
    { id: 1, userId: "ann" },
    { id: 3, userId: "ann" },
  ]);
  const anti: Order[] = await orders.join(users, (o, u) => o.userId === u.uid, "LEFT_ANTI" as "left_anti").collect();
  t.deepEqual(anti, [{ id: 2, userId: "bob" }]);
});

test("an inner join has both sides' columns, non-null", async (t) => {
  const rows: { id: number; userId: string; uid: string; name: string }[] = await orders
    .join(users, (o, u) => o.userId === u.uid)
    .orderBy((r) => r.id)
    .collect();
  t.deepEqual(rows, [
    { id: 1, userId: "ann", uid: "ann", name: "Ann" },
    { id: 3, userId: "ann", uid: "ann", name: "Ann" },
  ]);
});

test("a column on both sides is two columns in the joined data; renamed on one side first, both are readable", async (t) => {
  const left = spark.sql<{ id: number; name: string }>("SELECT * FROM VALUES (1, 'a'), (2, 'b') AS t(id, name)");
  const right = spark.sql<{ id: number; name: string }>("SELECT * FROM VALUES (1, 'x') AS t(id, name)");
  const joined = left.join(right, (l, r) => l.id === r.id);
  t.deepEqual(await joined.columns(), ["id", "name", "id", "name"]);
  const renamed = left.join(
    right.select((r) => ({ rid: r.id, rname: r.name })),
    (l, r) => l.id === r.rid,
  );
  t.deepEqual(await renamed.select((r) => ({ id: r.id, name: r.name, rname: r.rname })).collect(), [{ id: 1, name: "a", rname: "x" }]);
});
