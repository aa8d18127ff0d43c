import { pin } from "../../../src/dsl/index.js";
import { events } from "./model.js";

const wanted = ["PL", "DE"];
export const q = events
  .where((e) => pin(wanted).includes(e.country) || ["FR", "ES"].includes(e.country))
  .withColumn("rounded", (e) => Math.round(e.amount) + Math.abs(-1));
