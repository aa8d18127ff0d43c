import { pin } from "../../../src/dsl/index.js";
import { events } from "./model.js";
const min = Number(process.env["MIN"] ?? 100);
const COUNTRY = "PL";
export const q = events.where({ [Symbol.for("spark-connect-ts.dsl.lambda")]: 2, use: "condition", body: { k: "expr", e: { k: "bin", op: "&&", l: { k: "bin", op: "&&", l: { k: "bin", op: "===", l: { k: "col", row: 0, path: ["country"], t: "string" }, r: { k: "lit", v: "PL" }, t: "boolean" }, r: { k: "bin", op: ">", l: { k: "col", row: 0, path: ["amount"], t: "number" }, r: { k: "pin", i: 0, t: "number" }, t: "boolean" }, t: "boolean" }, r: { k: "isNull", e: { k: "col", row: 0, path: ["user"], t: "string?" }, negate: true }, t: "boolean" } }, pins: [min] });
