import { events } from "../ok/model.js";
export const a = events.select((e) => ({ when: `at ${e.ts}` }));
export const b = events.select((e) => ({ tags: "tags: " + e.tags }));
export const c = events.select((e) => ({ s: String(e.ts) }));
