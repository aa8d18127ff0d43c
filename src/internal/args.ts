import { InvalidPlanError } from "../../runtime/errors.js";

/** Checks an integer argument, naming the method and the accepted range in the error. */
export function int(method: string, name: string, v: unknown, min = 0, max = 2 ** 31 - 1): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
    throw new InvalidPlanError({ message: `${method}(): ${name} must be an integer from ${min} to ${max} (got ${String(v)}).` });
  }
  return v;
}

/** Checks a non-empty string argument. */
export function str(method: string, name: string, v: unknown): string {
  if (typeof v !== "string" || v === "") {
    throw new InvalidPlanError({ message: `${method}(): ${name} must be a non-empty string (got ${v === "" ? '""' : typeof v}).` });
  }
  return v;
}

/** A list given either as rest arguments or as one array. */
export function list<T>(args: readonly (T | readonly T[])[]): T[] {
  return args.length === 1 && Array.isArray(args[0]) ? [...(args[0] as readonly T[])] : (args as T[]);
}
