import { pin } from "../../../src/dsl/index.js";
import { events } from "./model.js";
const wanted = ["PL", "DE"];
export const q = events
    .where({ [Symbol.for("spark-connect-ts.dsl.lambda")]: 2, use: "condition", body: { k: "expr", e: { k: "bin", op: "||", l: { k: "in", e: { k: "col", row: 0, path: ["country"], t: "string" }, list: { pin: 0 } }, r: { k: "in", e: { k: "col", row: 0, path: ["country"], t: "string" }, list: [{ k: "lit", v: "FR" }, { k: "lit", v: "ES" }] }, t: "boolean" } }, pins: [wanted] })
    .withColumn("rounded", { [Symbol.for("spark-connect-ts.dsl.lambda")]: 2, use: "value", body: { k: "expr", e: { k: "bin", op: "+", l: { k: "global", name: "Math.round", args: [{ k: "col", row: 0, path: ["amount"], t: "number" }], t: "number" }, r: { k: "global", name: "Math.abs", args: [{ k: "lit", v: -1 }], t: "number" }, t: "number" } }, pins: [] });
