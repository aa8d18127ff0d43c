import { events } from "../ok/model.js";

export const q = events.where(({ amount }) => amount > 1);
