import { events } from "../ok/model.js";

const BIG = 1e999;
const SMALL = -1e999;
export const q1 = events.where((e) => e.amount > 1e999);
export const q2 = events.where((e) => e.amount > -1e999);
export const q3 = events.where((e) => e.amount < BIG && e.amount > SMALL);
export const q4 = events.select((e) => ({ text: `${e.id}:${1e999}` }));
