import { events } from "../ok/model.js";
export const q = events.select((e) => ({ h: e.ts.getHours(), y: e.ts.getFullYear() }));
