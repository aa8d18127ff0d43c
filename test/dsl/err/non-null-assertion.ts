import { events } from "../ok/model.js";

export const q = events.where((e) => e.user!.length > 2);
