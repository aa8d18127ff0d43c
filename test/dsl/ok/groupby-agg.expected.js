import { count, countDistinct, desc, sum } from "../../../src/dsl/index.js";
import { events } from "./model.js";
export const q = events
    .groupBy({ [Symbol.for("spark-connect-ts.dsl.lambda")]: 2, use: "value", body: { k: "fields", fields: [["country", { k: "col", row: 0, path: ["country"], t: "string" }]] }, pins: [] })
    .agg({ [Symbol.for("spark-connect-ts.dsl.lambda")]: 2, use: "value", body: { k: "fields", fields: [["total", { k: "agg", name: "sum", args: [{ k: "col", row: 0, path: ["amount"], t: "number" }], t: "number" }], ["n", { k: "agg", name: "count", args: [], t: "number" }], ["users", { k: "agg", name: "countDistinct", args: [{ k: "col", row: 0, path: ["user"], t: "string?" }], t: "number" }]] }, pins: [] })
    .having({ [Symbol.for("spark-connect-ts.dsl.lambda")]: 2, use: "condition", body: { k: "expr", e: { k: "bin", op: ">", l: { k: "col", row: 0, path: ["total"], t: "number" }, r: { k: "lit", v: 1000 }, t: "boolean" } }, pins: [] })
    .orderBy({ [Symbol.for("spark-connect-ts.dsl.lambda")]: 2, use: "value", body: { k: "list", items: [{ k: "sort", dir: "desc", e: { k: "col", row: 0, path: ["total"], t: "number" } }, { k: "col", row: 0, path: ["country"], t: "string" }] }, pins: [] });
