// Forms the analysis accepts beyond the basic grammar: casts, satisfies, parentheses
// around the lambda, hex and separated numerals, the global Infinity/NaN, a local that
// shadows Infinity (a const literal), and a reusable data-last where applied directly.
import { where } from "../../../src/dsl/index.js";
import { events } from "./model.js";
export const casts = events.where({ [Symbol.for("spark-connect-ts.dsl.lambda")]: 1, body: { k: "expr", e: { k: "bin", op: "&&", l: { k: "bin", op: ">", l: { k: "col", row: 0, path: ["amount"] }, r: { k: "lit", v: 1 } }, r: { k: "bin", op: "<", l: { k: "col", row: 0, path: ["id"] }, r: { k: "lit", v: 31 } } } }, pins: [] });
export const parenthesized = events.where({ [Symbol.for("spark-connect-ts.dsl.lambda")]: 1, body: { k: "expr", e: { k: "bin", op: ">", l: { k: "col", row: 0, path: ["amount"] }, r: { k: "lit", v: 1000 } } }, pins: [] });
export const satisfying = events.where({ [Symbol.for("spark-connect-ts.dsl.lambda")]: 1, body: { k: "expr", e: { k: "bin", op: ">", l: { k: "col", row: 0, path: ["amount"] }, r: { k: "lit", v: 1 } } }, pins: [] });
export const infinite = events.where({ [Symbol.for("spark-connect-ts.dsl.lambda")]: 1, body: { k: "expr", e: { k: "bin", op: "&&", l: { k: "bin", op: "<", l: { k: "col", row: 0, path: ["amount"] }, r: { k: "call", fn: "double", args: [{ k: "lit", v: "Infinity" }] } }, r: { k: "bin", op: ">", l: { k: "col", row: 0, path: ["amount"] }, r: { k: "neg", e: { k: "call", fn: "double", args: [{ k: "lit", v: "Infinity" }] } } } } }, pins: [] });
export const big = where({ [Symbol.for("spark-connect-ts.dsl.lambda")]: 1, body: { k: "expr", e: { k: "bin", op: ">", l: { k: "col", row: 0, path: ["amount"] }, r: { k: "lit", v: 1000 } } }, pins: [] });
export const reused = big(events);
export function shadowed() {
    const Infinity = 5;
    return events.where({ [Symbol.for("spark-connect-ts.dsl.lambda")]: 1, body: { k: "expr", e: { k: "bin", op: ">", l: { k: "col", row: 0, path: ["amount"] }, r: { k: "lit", v: 5 } } }, pins: [] });
}
