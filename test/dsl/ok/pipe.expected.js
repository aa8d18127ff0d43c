import { pipe } from "effect";
import { select, where } from "../../../src/dsl/index.js";
import { events } from "./model.js";
export const q = pipe(events, where({ [Symbol.for("spark-connect-ts.dsl.lambda")]: 2, use: "condition", body: { k: "expr", e: { k: "bin", op: ">", l: { k: "col", row: 0, path: ["amount"], t: "number" }, r: { k: "lit", v: 10 }, t: "boolean" } }, pins: [] }), select({ [Symbol.for("spark-connect-ts.dsl.lambda")]: 2, use: "value", body: { k: "fields", fields: [["id", { k: "col", row: 0, path: ["id"], t: "number" }]] }, pins: [] }));
