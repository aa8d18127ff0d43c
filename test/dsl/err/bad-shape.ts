import { events } from "../ok/model.js";

export const q = events.select((e) => e.amount);
