// Each suggested fix must type-check: ok/pin-fixes.ts applies them.
import { events } from "../ok/model.js";

const limits = { low: 1 };
const double = (x: number) => x * 2;
const floor = process.env["FLOOR"];
const rates = new Map<string, number>();
const countries = ["PL", "DE"];
function threshold(): number {
  return 100;
}
const since = new Date(0);

export const object = events.where((e) => e.amount === (limits as unknown as number));
export const whole = events.select((e) => ({ id: e.id, limits: limits }));
export const fn = events.select((e) => ({ id: e.id, f: double }));
export const maybe = events.where((e) => e.country === floor);
export const asserted = events.where((e) => e.amount > rates.get("PL")!);
export const list = events.where((e) => countries.includes(e.country));
export const call = events.where((e) => e.amount > threshold());
export const rowCall = events.where((e) => double(e.amount) > 1);
export const regex = events.where((e) => /^P/.test(e.country));
export const created = events.where((e) => e.ts > new Date(since.getTime()));
export const chained = events.where((e) => e.user?.length === 3);
