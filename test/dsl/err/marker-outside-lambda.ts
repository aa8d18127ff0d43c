import { events } from "../ok/model.js";
import { desc, pin, sum } from "../../../src/dsl/index.js";

export const limit = pin(100);
export const total = (x: number) => sum(x);
export const key = desc(5);
export const q = events.where((e) => e.amount > pin(limit));
