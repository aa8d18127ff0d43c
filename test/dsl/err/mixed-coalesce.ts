import { events } from "../ok/model.js";
export const q = events.select((e) => ({ code: e.code ?? 0 }));
