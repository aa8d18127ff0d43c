// The fixes that the diagnostics of err/pin-suggestions.ts suggest, applied: each type-checks and compiles.
import { pin } from "../../../src/dsl/index.js";
import { events } from "./model.js";
const floor = process.env["FLOOR"];
const rates = new Map();
const countries = ["PL", "DE"];
function threshold() {
    return 100;
}
const since = new Date(0);
const BIG = 1e999;
export const maybe = events.where({ [Symbol.for("spark-connect-ts.dsl.lambda")]: 2, use: "condition", body: { k: "expr", e: { k: "bin", op: "===", l: { k: "col", row: 0, path: ["country"], t: "string" }, r: { k: "pin", i: 0, t: "string?" }, t: "boolean" } }, pins: [floor ?? null] });
export const asserted = events.where({ [Symbol.for("spark-connect-ts.dsl.lambda")]: 2, use: "condition", body: { k: "expr", e: { k: "bin", op: ">", l: { k: "col", row: 0, path: ["amount"], t: "number" }, r: { k: "pin", i: 0, t: "number" }, t: "boolean" } }, pins: [rates.get("PL")] });
export const list = events.where({ [Symbol.for("spark-connect-ts.dsl.lambda")]: 2, use: "condition", body: { k: "expr", e: { k: "in", e: { k: "col", row: 0, path: ["country"], t: "string" }, list: { pin: 0 } } }, pins: [countries] });
export const call = events.where({ [Symbol.for("spark-connect-ts.dsl.lambda")]: 2, use: "condition", body: { k: "expr", e: { k: "bin", op: ">", l: { k: "col", row: 0, path: ["amount"], t: "number" }, r: { k: "pin", i: 0, t: "number" }, t: "boolean" } }, pins: [threshold()] });
export const created = events.where({ [Symbol.for("spark-connect-ts.dsl.lambda")]: 2, use: "condition", body: { k: "expr", e: { k: "bin", op: ">", l: { k: "col", row: 0, path: ["ts"], t: "date" }, r: { k: "pin", i: 0, t: "date" }, t: "boolean" } }, pins: [new Date(since.getTime())] });
export const chainedCondition = events.where({ [Symbol.for("spark-connect-ts.dsl.lambda")]: 2, use: "condition", body: { k: "expr", e: { k: "bin", op: "&&", l: { k: "isNull", e: { k: "col", row: 0, path: ["user"], t: "string?" }, negate: true }, r: { k: "bin", op: "===", l: { k: "method", on: "string", name: "length", recv: { k: "col", row: 0, path: ["user"], t: "string" }, args: [], t: "number" }, r: { k: "lit", v: 3 }, t: "boolean" }, t: "boolean" } }, pins: [] });
export const chainedValue = events.select({ [Symbol.for("spark-connect-ts.dsl.lambda")]: 2, use: "value", body: { k: "fields", fields: [["n", { k: "cond", c: { k: "isNull", e: { k: "col", row: 0, path: ["user"], t: "string?" }, negate: false }, a: { k: "lit", v: null }, b: { k: "method", on: "string", name: "length", recv: { k: "col", row: 0, path: ["user"], t: "string" }, args: [], t: "number" }, t: "number?" }]] }, pins: [] });
export const infinite = events.where({ [Symbol.for("spark-connect-ts.dsl.lambda")]: 2, use: "condition", body: { k: "expr", e: { k: "bin", op: "&&", l: { k: "bin", op: "<", l: { k: "col", row: 0, path: ["amount"], t: "number" }, r: { k: "pin", i: 0, t: "number" }, t: "boolean" }, r: { k: "bin", op: "<", l: { k: "col", row: 0, path: ["amount"], t: "number" }, r: { k: "lit", v: { nonFinite: "Infinity" } }, t: "boolean" }, t: "boolean" } }, pins: [BIG] });
