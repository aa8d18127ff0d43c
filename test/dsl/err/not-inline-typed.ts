import { type Event, events } from "../ok/model.js";
import type { QueryLambda } from "../../../src/dsl/brand.js";

const p: (e: Event) => boolean = (e) => e.amount > 1;
export const q1 = events.where(p);

const branded: QueryLambda<"filter", (e: Event) => boolean> = (e) => e.amount > 1;
export const q2 = events.where(branded);
