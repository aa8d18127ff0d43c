import { events, users } from "./model.js";

export const q = events.join(users, (e, u) => e.user === u.id && u.name.startsWith("A"), "left");
