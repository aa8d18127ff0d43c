import { events } from "../ok/model.js";

export const q = events.select((e) => ({ v: e.amount > 1 ? e.id : e.country }));
