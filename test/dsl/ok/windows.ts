import { count, desc, F, over, sum } from "../../../src/dsl/index.js";
import { events } from "./model.js";
export const q = events.select((e) => ({
  id: e.id,
  rank: over(F.rowNumber(), { partitionBy: [e.country], orderBy: [desc(e.amount), e.id] }),
  share: e.amount / over(sum(e.amount), { partitionBy: [e.country] }),
  running: over(sum(e.amount), { orderBy: [e.ts], rows: [null, 0] }),
  previous: over(F.lag(e.amount, 1), { orderBy: [e.ts] }),
  n: over(count(), { partitionBy: [e.country] }),
}));
export const w = events.withColumn("bucket", (e) => over(F.ntile(4), { orderBy: [e.amount] }));
