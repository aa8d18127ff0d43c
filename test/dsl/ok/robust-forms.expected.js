// Forms the analysis accepts beyond the basic grammar: casts, satisfies, parentheses
// around the lambda, hex and separated numerals, the global Infinity/NaN, a local that
// shadows Infinity (a const literal), and a reusable data-last where applied directly.
import { where } from "../../../src/dsl/index.js";
import { events } from "./model.js";
export const casts = events.where({ [Symbol.for("spark-connect-ts.dsl.lambda")]: 2, use: "condition", body: { k: "expr", e: { k: "bin", op: "&&", l: { k: "bin", op: ">", l: { k: "col", row: 0, path: ["amount"], t: "number" }, r: { k: "lit", v: 1 }, t: "boolean" }, r: { k: "bin", op: "<", l: { k: "col", row: 0, path: ["id"], t: "number" }, r: { k: "lit", v: 31 }, t: "boolean" }, t: "boolean" } }, pins: [] });
export const parenthesized = events.where({ [Symbol.for("spark-connect-ts.dsl.lambda")]: 2, use: "condition", body: { k: "expr", e: { k: "bin", op: ">", l: { k: "col", row: 0, path: ["amount"], t: "number" }, r: { k: "lit", v: 1000 }, t: "boolean" } }, pins: [] });
export const satisfying = events.where({ [Symbol.for("spark-connect-ts.dsl.lambda")]: 2, use: "condition", body: { k: "expr", e: { k: "bin", op: ">", l: { k: "col", row: 0, path: ["amount"], t: "number" }, r: { k: "lit", v: 1 }, t: "boolean" } }, pins: [] });
export const infinite = events.where({ [Symbol.for("spark-connect-ts.dsl.lambda")]: 2, use: "condition", body: { k: "expr", e: { k: "bin", op: "&&", l: { k: "bin", op: "<", l: { k: "col", row: 0, path: ["amount"], t: "number" }, r: { k: "lit", v: { nonFinite: "Infinity" } }, t: "boolean" }, r: { k: "bin", op: ">", l: { k: "col", row: 0, path: ["amount"], t: "number" }, r: { k: "un", op: "-", e: { k: "lit", v: { nonFinite: "Infinity" } }, t: "number" }, t: "boolean" }, t: "boolean" } }, pins: [] });
export const big = where({ [Symbol.for("spark-connect-ts.dsl.lambda")]: 2, use: "condition", body: { k: "expr", e: { k: "bin", op: ">", l: { k: "col", row: 0, path: ["amount"], t: "number" }, r: { k: "lit", v: 1000 }, t: "boolean" } }, pins: [] });
export const reused = big(events);
export function shadowed() {
    const Infinity = 5;
    return events.where({ [Symbol.for("spark-connect-ts.dsl.lambda")]: 2, use: "condition", body: { k: "expr", e: { k: "bin", op: ">", l: { k: "col", row: 0, path: ["amount"], t: "number" }, r: { k: "lit", v: 5 }, t: "boolean" } }, pins: [] });
}
