import { F, over, sum } from "../../../src/dsl/index.js";
import { events } from "../ok/model.js";
export const a = events.select((e) => ({ r: F.rowNumber() }));
export const b = events.where((e) => over(sum(e.amount), { partitionBy: [e.country] }) > 10);
export const c = events.select((e) => ({ r: over(e.amount + 1, { orderBy: [e.id] }) }));
export const d = events.select((e) => ({ r: over(sum(e.amount), { orderBy: [e.id], rows: [-1, e.id] }) }));
