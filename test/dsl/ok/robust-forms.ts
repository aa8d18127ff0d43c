// Forms the analysis accepts beyond the basic grammar: casts, satisfies, parentheses
// around the lambda, hex and separated numerals, the global Infinity/NaN, a local that
// shadows Infinity (a const literal), and a reusable data-last where applied directly.
import { where } from "../../../src/dsl/index.js";
import { type Event, events } from "./model.js";

export const casts = events.where((e) => (e.amount as number) > 1 && (e.id satisfies number) < 0x1f);
export const parenthesized = events.where(((e) => e.amount > 1_000));
export const satisfying = events.where(((e) => e.amount > 1) satisfies (e: Event) => boolean);
export const infinite = events.where((e) => e.amount < Infinity && e.amount > -Infinity);
export const big = where((e: Event) => e.amount > 1000);
export const reused = big(events);
export function shadowed() {
  const Infinity = 5;
  return events.where((e) => e.amount > Infinity);
}
