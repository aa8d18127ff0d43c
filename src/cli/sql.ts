// `spark-connect-ts sql`: runs one statement and prints Spark's table of the result, or
// with --json every row as a JSON line.
import { readFileSync } from "node:fs";
import { SparkTimestamp } from "../../runtime/arrow/SparkTimestamp.js";
import type { DataType } from "../types/DataType.js";
import { flag, type Parsed, parse, positiveInt, UsageError } from "./args.js";
import { CONNECTION_OPTIONS, CONNECTION_USAGE, connectFrom } from "./connect.js";

export const SQL_USAGE = `Usage: spark-connect-ts sql <statement> [--json] [--rows <n>] [--no-truncate] [connection]

Runs one SQL statement ("-" reads it from standard input) and prints the result as Spark
shows it (the first 20 rows), or with --json every row as one JSON object per line.
Statements without a result (CREATE, INSERT, ...) print nothing.

Options:
  --json           all rows as JSON lines: longs, decimals and intervals as strings,
                   timestamps as ISO text with microseconds, dates as YYYY-MM-DD,
                   binary as base64, maps as objects, NaN and infinities as strings
  --rows <n>       how many rows the table shows (default 20)
  --no-truncate    show long values in full (default: cut at 20 characters)

${CONNECTION_USAGE}`;

const base64 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("base64");

/** A collected value as JSON data, guided by its Spark type where that adds precision. */
export function jsonValue(v: unknown, dt?: DataType): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "number") return Number.isFinite(v) ? v : String(v);
  if (v instanceof SparkTimestamp) {
    const iso = v.toISOStringMicros();
    return dt?.kind === "timestamp_ntz" ? iso.slice(0, -1) : iso;
  }
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  if (v instanceof Uint8Array) return base64(v);
  if (Array.isArray(v)) return v.map((x) => jsonValue(x, dt?.kind === "array" ? dt.elementType : undefined));
  if (v instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of v) {
      const key = jsonValue(k, dt?.kind === "map" ? dt.keyType : undefined);
      out[typeof key === "string" ? key : JSON.stringify(key)] = jsonValue(x, dt?.kind === "map" ? dt.valueType : undefined);
    }
    return out;
  }
  if (typeof v === "object") {
    const fields = dt?.kind === "struct" ? dt.fields : [];
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = jsonValue(x, fields.findLast((f) => f.name === k)?.dataType);
    return out;
  }
  return v;
}

function statementOf(p: Parsed): string {
  if (p.positionals.length !== 1) {
    throw new UsageError(p.positionals.length === 0 ? "Give the SQL statement to run." : "Give the statement as one argument (quote it).", SQL_USAGE);
  }
  const text = p.positionals[0] === "-" ? readFileSync(0, "utf8") : p.positionals[0]!;
  if (text.trim() === "") throw new UsageError("The statement is empty.", SQL_USAGE);
  return text;
}

/** `spark-connect-ts sql ...`. */
export async function sqlCommand(args: readonly string[]): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    console.log(SQL_USAGE);
    return 0;
  }
  const p = parse(
    args,
    { ...CONNECTION_OPTIONS, json: { type: "boolean" }, rows: { type: "string", short: "n" }, truncate: { type: "boolean" } },
    SQL_USAGE,
  );
  const statement = statementOf(p);
  const rows = positiveInt(p, "rows", 20, SQL_USAGE);
  const truncate = p.values["truncate"] !== false;
  const spark = await connectFrom(p, SQL_USAGE);
  try {
    const df = await spark.sql(statement);
    const schema = await df.schema();
    if (schema.fields.length === 0) return 0;
    if (flag(p, "json")) {
      const row: { kind: "struct"; fields: typeof schema.fields } = { kind: "struct", fields: schema.fields };
      for await (const r of df) process.stdout.write(JSON.stringify(jsonValue(r, row)) + "\n");
    } else {
      process.stdout.write(await df.showString(rows, truncate));
    }
    return 0;
  } finally {
    await spark.close();
  }
}
