import { pipe } from "effect";
import { select, where } from "../../../src/dsl/index.js";
import { type Event, events } from "./model.js";

export const q = pipe(
  events,
  where((e: Event) => e.amount > 10),
  select((e: Event) => ({ id: e.id })),
);
