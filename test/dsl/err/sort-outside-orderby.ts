import { desc } from "../../../src/dsl/index.js";
import { events } from "../ok/model.js";

export const q = events.select((e) => ({ k: desc(e.amount) }));
