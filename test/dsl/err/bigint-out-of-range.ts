import { events } from "../ok/model.js";

const HUGE = 9223372036854775808n;
export const q1 = events.select((e) => ({ id: e.id, big: 99999999999999999999999n }));
export const q2 = events.select((e) => ({ id: e.id, low: -9223372036854775809n }));
export const q3 = events.select((e) => ({ id: e.id, huge: HUGE }));
