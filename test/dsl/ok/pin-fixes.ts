// The fixes that the diagnostics of err/pin-suggestions.ts suggest, applied: each type-checks and compiles.
import { pin } from "../../../src/dsl/index.js";
import { events } from "./model.js";

const floor = process.env["FLOOR"];
const rates = new Map<string, number>();
const countries = ["PL", "DE"];
function threshold(): number {
  return 100;
}
const since = new Date(0);
const BIG = 1e999;

export const maybe = events.where((e) => e.country === pin(floor ?? null));
export const asserted = events.where((e) => e.amount > pin(rates.get("PL")!));
export const list = events.where((e) => pin(countries).includes(e.country));
export const call = events.where((e) => e.amount > pin(threshold()));
export const created = events.where((e) => e.ts > pin(new Date(since.getTime())));
export const chainedCondition = events.where((e) => e.user !== null && e.user.length === 3);
export const chainedValue = events.select((e) => ({ n: e.user === null ? null : e.user.length }));
export const infinite = events.where((e) => e.amount < pin(BIG) && e.amount < Infinity);
