import { events } from "../ok/model.js";
export const a = events.select((e) => ({ s: e.country.replaceAll("P", "$&$&") }));
export const b = events.select((e) => ({ s: e.country.replaceAll("P", e.country) }));
