import { count, countDistinct, desc, sum } from "../../../src/dsl/index.js";
import { events } from "./model.js";

export const q = events
  .groupBy((e) => ({ country: e.country }))
  .agg((e) => ({ total: sum(e.amount), n: count(), users: countDistinct(e.user) }))
  .having((g) => g.total > 1000)
  .orderBy((g) => [desc(g.total), g.country]);
