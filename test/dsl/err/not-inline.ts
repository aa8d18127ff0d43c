import { type Event, events } from "../ok/model.js";

const big = (e: Event) => e.amount > 1000;
export const q = events.where(big);
