import { pipe } from "effect";
import { select, where } from "../../../src/dsl/index.js";
import { events } from "./model.js";
export const q = pipe(events, where({ [Symbol.for("spark-connect-ts.dsl.lambda")]: 1, body: { k: "expr", e: { k: "bin", op: ">", l: { k: "col", row: 0, path: ["amount"] }, r: { k: "lit", v: 10 } } }, pins: [] }), select({ [Symbol.for("spark-connect-ts.dsl.lambda")]: 1, body: { k: "fields", fields: [["id", { k: "col", row: 0, path: ["id"] }]] }, pins: [] }));
