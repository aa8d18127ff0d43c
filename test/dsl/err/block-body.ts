import { events } from "../ok/model.js";

export const q = events.where((e) => {
  return e.amount > 1;
});
