import { F, pin } from "../../../src/dsl/index.js";
import { events } from "./model.js";
const pattern = "([A-Z]+)";
export const q = events.select((e) => ({
  year: F.year(e.ts),
  nextWeek: F.dateAdd(e.ts, 7),
  code: F.regexpExtract(e.country, pattern, 1),
  label: F.concatWs("-", e.country, e.user),
  day: F.dateFormat(e.ts, pin("yyyy-MM-dd")),
  rounded: F.round(e.amount * 1.1, 2) + 1,
}));
export const w = events.where((e) => F.regexpLike(e.country, "^P") && F.dayofweek(e.ts) === 2);
