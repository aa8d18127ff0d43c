import { pin } from "../../../src/dsl/index.js";
import { events } from "../ok/model.js";

export const q = events.where((e) => e.amount > pin(e.amount));
const twice = (x: number) => x * 2;
const limit = 3;
export const nested = events.where((e) => e.amount > pin(twice(pin(limit))));
