import { F } from "../../../src/dsl/index.js";
import { events } from "../ok/model.js";
export const a = events.select((e) => ({ code: F.regexpExtract(e.country, e.country, 1) }));
export const b = F.year(new Date());
