import { count, sum } from "../../../src/dsl/index.js";
import { events } from "../ok/model.js";

export const q = events.groupBy((e) => ({ c: e.country })).agg((e) => ({ x: sum(count(e.id)) }));
