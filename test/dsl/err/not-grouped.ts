import { sum } from "../../../src/dsl/index.js";
import { events } from "../ok/model.js";
export const q = events.groupBy((e) => ({ country: e.country })).agg((e) => ({ total: sum(e.amount), who: e.user, c: e.country }));
