import { pin } from "../../../src/dsl/index.js";
import { events } from "./model.js";
const min = Number(process.env["MIN"] ?? 100);
const COUNTRY = "PL";
export const q = events.where({ [Symbol.for("spark-connect-ts.dsl.lambda")]: 1, body: { k: "expr", e: { k: "bin", op: "&&", l: { k: "bin", op: "&&", l: { k: "bin", op: "===", l: { k: "col", row: 0, path: ["country"] }, r: { k: "lit", v: "PL" } }, r: { k: "bin", op: ">", l: { k: "col", row: 0, path: ["amount"] }, r: { k: "pin", i: 0 } } }, r: { k: "isNull", e: { k: "col", row: 0, path: ["user"] }, negate: true } } }, pins: [min] });
