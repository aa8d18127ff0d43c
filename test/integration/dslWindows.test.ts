// Windows in query lambdas: over(aggregate or window function, { partitionBy, orderBy, rows }).
import test from "ava";
import { count, desc, F, over, sum } from "../../src/dsl/index.js";
import { connect } from "../support/server.js";

interface Sale {
  id: number;
  country: string;
  amount: number;
}

const spark = await connect();
test.after.always(() => spark.close());

const SALES: Sale[] = [
  { id: 1, country: "PL", amount: 10 },
  { id: 2, country: "PL", amount: 30 },
  { id: 3, country: "DE", amount: 5 },
  { id: 4, country: "PL", amount: 20 },
  { id: 5, country: "DE", amount: 15 },
];

test("ranks, shares, running sums and the previous row, computed per window", async (t) => {
  const rows = await spark
    .createDataFrame<Sale>(SALES, "id INT, country STRING, amount DOUBLE")
    .select((e) => ({
      id: e.id,
      rank: over(F.rowNumber(), { partitionBy: [e.country], orderBy: [desc(e.amount)] }),
      share: e.amount / over(sum(e.amount), { partitionBy: [e.country] }),
      running: over(sum(e.amount), { orderBy: [e.id], rows: [null, 0] }),
      pair: over(sum(e.amount), { orderBy: [e.id], rows: [-1, 0] }),
      previous: over(F.lag(e.amount, 1), { partitionBy: [e.country], orderBy: [e.id] }),
      n: over(count(), { partitionBy: [e.country] }),
    }))
    .orderBy((e) => e.id)
    .collect();
  t.deepEqual(rows, [
    { id: 1, rank: 3, share: 10 / 60, running: 10, pair: 10, previous: null, n: 3 },
    { id: 2, rank: 1, share: 30 / 60, running: 40, pair: 40, previous: 10, n: 3 },
    { id: 3, rank: 2, share: 5 / 20, running: 45, pair: 35, previous: null, n: 2 },
    { id: 4, rank: 2, share: 20 / 60, running: 65, pair: 25, previous: 30, n: 3 },
    { id: 5, rank: 1, share: 15 / 20, running: 80, pair: 35, previous: 5, n: 2 },
  ]);
});

test("withColumn with a window function, then a filter on its result", async (t) => {
  const top = await spark
    .createDataFrame<Sale>(SALES, "id INT, country STRING, amount DOUBLE")
    .withColumn("rank", (e) => over(F.rank(), { partitionBy: [e.country], orderBy: [desc(e.amount)] }))
    .where((e) => e.rank === 1)
    .select((e) => ({ country: e.country, amount: e.amount }))
    .orderBy((e) => e.country)
    .collect();
  t.deepEqual(top, [
    { country: "DE", amount: 15 },
    { country: "PL", amount: 30 },
  ]);
});
