// Argument parsing and the two kinds of failure of the command line: a usage error
// (exit 2, with the command's usage) and any other error (exit 1).
import { parseArgs } from "node:util";

/** A failure the command reports as `spark-connect-ts: <message>` and exits with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** A command line the command cannot take; the usage `usage` is printed after the message, and the exit code is 2. */
export class UsageError extends CliError {
  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message, 2);
  }
}

export type OptionSpecs = Record<string, { readonly type: "string" | "boolean"; readonly short?: string; readonly multiple?: boolean }>;

export interface Parsed {
  readonly values: Record<string, string | boolean | string[] | undefined>;
  readonly positionals: string[];
}

/** Parses `args` strictly against `options`: an unknown option or a missing value is a UsageError. */
export function parse(args: readonly string[], options: OptionSpecs, usage: string): Parsed {
  try {
    const { values, positionals } = parseArgs({ args: [...args], options, allowPositionals: true, allowNegative: true, strict: true });
    return { values: values as Parsed["values"], positionals };
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e), usage);
  }
}

/** A string option's value, if given. */
export function str(p: Parsed, name: string): string | undefined {
  const v = p.values[name];
  return typeof v === "string" ? v : undefined;
}

/** A boolean option: true when given. */
export function flag(p: Parsed, name: string): boolean {
  return p.values[name] === true;
}

/** A repeatable string option's values. */
export function list(p: Parsed, name: string): string[] {
  const v = p.values[name];
  return Array.isArray(v) ? v : typeof v === "string" ? [v] : [];
}

/** A positive integer option, or `fallback` when absent. */
export function positiveInt(p: Parsed, name: string, fallback: number, usage: string): number {
  const v = str(p, name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n <= 0) throw new UsageError(`--${name} takes a positive whole number, not '${v}'.`, usage);
  return n;
}
