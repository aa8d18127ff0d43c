import { events } from "../ok/model.js";

export const q = events.select(async (e) => ({ amount: e.amount }));
