import { events } from "../ok/model.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const q = events.where(((e: any) => e.amount > 1) as any);
