import { count, countDistinct, desc, sum } from "../../../src/dsl/index.js";
import { events } from "./model.js";
export const q = events
    .groupBy({ [Symbol.for("spark-connect-ts.dsl.lambda")]: 1, body: { k: "fields", fields: [["country", { k: "col", row: 0, path: ["country"] }]] }, pins: [] })
    .agg({ [Symbol.for("spark-connect-ts.dsl.lambda")]: 1, body: { k: "fields", fields: [["total", { k: "call", fn: "double", args: [{ k: "call", fn: "sum", args: [{ k: "col", row: 0, path: ["amount"] }] }] }], ["n", { k: "call", fn: "count", args: [{ k: "lit", v: 1 }] }], ["users", { k: "call", fn: "count", args: [{ k: "col", row: 0, path: ["user"] }], distinct: true }]] }, pins: [] })
    .having({ [Symbol.for("spark-connect-ts.dsl.lambda")]: 1, body: { k: "expr", e: { k: "bin", op: ">", l: { k: "col", row: 0, path: ["total"] }, r: { k: "lit", v: 1000 } } }, pins: [] })
    .orderBy({ [Symbol.for("spark-connect-ts.dsl.lambda")]: 1, body: { k: "list", items: [{ k: "sort", dir: "desc", e: { k: "col", row: 0, path: ["total"] } }, { k: "col", row: 0, path: ["country"] }] }, pins: [] });
