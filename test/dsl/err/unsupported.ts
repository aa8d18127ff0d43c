import { events } from "../ok/model.js";

export const q = events.where((e) => typeof e.amount === "number");
