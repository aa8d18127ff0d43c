import { events } from "../ok/model.js";

export const q = events.where((e) => parseFloat(e.country) > 1);
