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
export const maybe = events.where({ [Symbol.for("spark-connect-ts.dsl.lambda")]: 1, body: { k: "expr", e: { k: "bin", op: "===", l: { k: "col", row: 0, path: ["country"] }, r: { k: "pin", i: 0 } } }, pins: [floor ?? null] });
export const asserted = events.where({ [Symbol.for("spark-connect-ts.dsl.lambda")]: 1, body: { k: "expr", e: { k: "bin", op: ">", l: { k: "col", row: 0, path: ["amount"] }, r: { k: "pin", i: 0 } } }, pins: [rates.get("PL")] });
export const list = events.where({ [Symbol.for("spark-connect-ts.dsl.lambda")]: 1, body: { k: "expr", e: { k: "in", e: { k: "col", row: 0, path: ["country"] }, list: { pin: 0 } } }, pins: [countries] });
export const call = events.where({ [Symbol.for("spark-connect-ts.dsl.lambda")]: 1, body: { k: "expr", e: { k: "bin", op: ">", l: { k: "col", row: 0, path: ["amount"] }, r: { k: "pin", i: 0 } } }, pins: [threshold()] });
export const created = events.where({ [Symbol.for("spark-connect-ts.dsl.lambda")]: 1, body: { k: "expr", e: { k: "bin", op: ">", l: { k: "col", row: 0, path: ["ts"] }, r: { k: "pin", i: 0 } } }, pins: [new Date(since.getTime())] });
export const chainedCondition = events.where({ [Symbol.for("spark-connect-ts.dsl.lambda")]: 1, body: { k: "expr", e: { k: "bin", op: "&&", l: { k: "isNull", e: { k: "col", row: 0, path: ["user"] }, negate: true }, r: { k: "bin", op: "===", l: { k: "call", fn: "char_length", args: [{ k: "col", row: 0, path: ["user"] }] }, r: { k: "lit", v: 3 } } } }, pins: [] });
export const chainedValue = events.select({ [Symbol.for("spark-connect-ts.dsl.lambda")]: 1, body: { k: "fields", fields: [["n", { k: "cond", c: { k: "isNull", e: { k: "col", row: 0, path: ["user"] }, negate: false }, t: { k: "lit", v: null }, f: { k: "call", fn: "char_length", args: [{ k: "col", row: 0, path: ["user"] }] } }]] }, pins: [] });
export const infinite = events.where({ [Symbol.for("spark-connect-ts.dsl.lambda")]: 1, body: { k: "expr", e: { k: "bin", op: "&&", l: { k: "bin", op: "<", l: { k: "col", row: 0, path: ["amount"] }, r: { k: "pin", i: 0 } }, r: { k: "bin", op: "<", l: { k: "col", row: 0, path: ["amount"] }, r: { k: "call", fn: "double", args: [{ k: "lit", v: "Infinity" }] } } } }, pins: [BIG] });
