import { events } from "../ok/model.js";

export const q = events.where((e) => e.country in { PL: 1, DE: 1 });
