import { events } from "../ok/model.js";

export const q = events.select((e) => ({ x: e.user && e.amount > 1 }));
