import { events } from "./model.js";

export const q = events.select((e) => ({
  id: e.id,
  gross: e.amount * 1.23,
  label: `${e.country}:${e.id}`,
  who: e.user ?? "anonymous",
  size: e.amount >= 1000 ? "big" : "small",
  cc: e.country.toLowerCase(),
  short: e.country.length < 3,
}));
