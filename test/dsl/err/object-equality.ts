import { pin } from "../../../src/dsl/index.js";
import { events } from "../ok/model.js";
const cutoff = new Date(0);
export const a = events.where((e) => e.ts === pin(cutoff));
export const b = events.where((e) => e.tags !== pin(["a"]));
