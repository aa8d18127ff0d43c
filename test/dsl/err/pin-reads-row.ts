import { pin } from "../../../src/dsl/index.js";
import { events } from "../ok/model.js";

export const q = events.where((e) => e.amount > pin(e.amount));
