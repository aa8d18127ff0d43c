import { count, pin, sum } from "../../../src/dsl/index.js";
import { events } from "./model.js";
const cutoff = new Date("2024-01-01T00:00:00Z");
enum Tier { Gold = "gold" }
export const logic = events.select((e) => ({ notFlag: !e.flag, both: e.flag && e.amount > 1, either: e.flag || e.amount > 1 }));
export const big = events.select((e) => ({ per: e.cents / 3n, sq: e.cents ** 2n, rem: e.cents % 7n }));
export const text = events.select((e) => ({ total: `total: ${e.amount}`, s: String(e.amount), tier: Tier.Gold + e.country }));
export const strings = events.select((e) => ({ a: e.country.slice(-2), b: e.country.padStart(5, "*"), c: e.country.indexOf("L"), d: e.country.replaceAll("P", "p") }));
export const dates = events.where((e) => e.ts < pin(cutoff) && e.ts.getUTCHours() > 6);
export const arrays = events.select((e) => ({ first: e.tags[0], n: e.tags.length, has: e.tags.includes("x"), all: e.tags.join(",") }));
export const mean = events.groupBy((e) => ({ country: e.country })).agg((e) => ({ mean: sum(e.amount) / count(), k: e.country }));
// The fix TS91025 suggests for `e.ts === pin(cutoff)`.
export const sameTime = events.where((e) => e.ts.getTime() === pin(cutoff).getTime());
