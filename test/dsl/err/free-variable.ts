import { events } from "../ok/model.js";

const min = Number(process.env["MIN"] ?? 100);
export const q = events.where((e) => e.amount > min);
