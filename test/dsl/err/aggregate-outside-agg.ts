import { sum } from "../../../src/dsl/index.js";
import { events } from "../ok/model.js";

export const q = events.where((e) => sum(e.amount) > 5);
