import { pin } from "../../../src/dsl/index.js";
import { events } from "./model.js";
const wanted = ["PL", "DE"];
export const q = events
    .where({ [Symbol.for("spark-connect-ts.dsl.lambda")]: 1, body: { k: "expr", e: { k: "bin", op: "||", l: { k: "in", e: { k: "col", row: 0, path: ["country"] }, list: { pin: 0 } }, r: { k: "in", e: { k: "col", row: 0, path: ["country"] }, list: [{ k: "lit", v: "FR" }, { k: "lit", v: "ES" }] } } }, pins: [wanted] })
    .withColumn("rounded", { [Symbol.for("spark-connect-ts.dsl.lambda")]: 1, body: { k: "expr", e: { k: "bin", op: "+", l: { k: "call", fn: "double", args: [{ k: "call", fn: "floor", args: [{ k: "bin", op: "+", l: { k: "col", row: 0, path: ["amount"] }, r: { k: "lit", v: 0.5 } }] }] }, r: { k: "call", fn: "abs", args: [{ k: "lit", v: -1 }] } } }, pins: [] });
