import { events } from "../ok/model.js";

export const q = events.where((e) => (e.amount = 5) > 1);
