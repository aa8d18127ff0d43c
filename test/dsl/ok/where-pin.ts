import { pin } from "../../../src/dsl/index.js";
import { events } from "./model.js";

const min = Number(process.env["MIN"] ?? 100);
const COUNTRY = "PL";
export const q = events.where((e) => e.country === COUNTRY && e.amount > pin(min) && e.user !== null);
