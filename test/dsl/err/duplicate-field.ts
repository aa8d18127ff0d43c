import { events } from "../ok/model.js";
export const q = events.select((e) => ({ id: e.id, ID: e.amount }));
