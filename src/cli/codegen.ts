// `spark-connect-ts codegen`: a TypeScript row interface from a table's or a query's
// schema, with the JavaScript types `collect()` produces (docs/types.md).
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { DataType, StructField, StructType } from "../types/DataType.js";
import { simpleString } from "../types/DataType.js";
import { type Parsed, parse, str, UsageError } from "./args.js";
import { CONNECTION_OPTIONS, CONNECTION_USAGE, connectFrom } from "./connect.js";

export const CODEGEN_USAGE = `Usage: spark-connect-ts codegen (--table <name> | --sql <query>) [--name <Type>] [--out <file.ts>] [connection]

Reads the schema of a table or of a query (analysed, not run) and writes a TypeScript
interface of its rows, typed as collect() returns them: LongType is bigint, decimals are
strings, timestamps SparkTimestamp, arrays, maps and structs nested, nullable columns
T | null.

Options:
  --table <name>     a table or view, e.g. sales.orders or global_temp.v
  --sql <query>      a query whose result to describe
  --name <Type>      the interface's name (default Row)
  --out <file.ts>    write to this file (default: standard output)

${CONNECTION_USAGE}`;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A property name as TypeScript accepts it: bare when an identifier, else a string literal. */
export function propertyName(name: string): string {
  return IDENTIFIER.test(name) && name !== "__proto__" ? name : JSON.stringify(name);
}

interface Emit {
  /** Set when a SparkTimestamp is used, so the import is written. */
  timestamp: boolean;
}

const isSimple = (t: string) => /^[A-Za-z0-9_$.]+(\[\])*$/.test(t);
const orNull = (t: string, nullable: boolean) => (nullable && t !== "null" ? `${t} | null` : t);

/** The TypeScript type of a Spark type's values in collected rows. */
function tsType(dt: DataType, indent: string, emit: Emit): string {
  switch (dt.kind) {
    case "null":
      return "null";
    case "boolean":
      return "boolean";
    case "byte":
    case "short":
    case "integer":
    case "float":
    case "double":
    case "year_month_interval":
      return "number";
    case "long":
    case "time":
    case "day_time_interval":
      return "bigint";
    case "decimal":
    case "string":
    case "char":
    case "varchar":
      return "string";
    case "binary":
      return "Uint8Array";
    case "date":
      return "Date";
    case "timestamp":
    case "timestamp_ntz":
      emit.timestamp = true;
      return "SparkTimestamp";
    case "calendar_interval":
      return "{ months: number; days: number; nanoseconds: bigint }";
    case "variant":
      return "{ value: Uint8Array; metadata: Uint8Array }";
    case "array": {
      const element = orNull(tsType(dt.elementType, indent, emit), dt.containsNull);
      return isSimple(element) ? `${element}[]` : `Array<${element}>`;
    }
    case "map":
      return `Map<${tsType(dt.keyType, indent, emit)}, ${orNull(tsType(dt.valueType, indent, emit), dt.valueContainsNull)}>`;
    case "struct":
      return structBody(dt, indent, emit);
    case "udt":
      return dt.sqlType ? tsType(dt.sqlType, indent, emit) : "unknown";
    default:
      // geometry, geography and types the client could not parse: collect() has no mapping for them.
      return "unknown";
  }
}

/**
 * The fields as collect() builds the row object: one key per name, at the position of
 * its first column, holding the last column of that name (docs/types.md, Row objects).
 */
function rowFields(struct: StructType): { field: StructField; duplicate: boolean }[] {
  const byName = new Map<string, { field: StructField; duplicate: boolean }>();
  for (const field of struct.fields) {
    const seen = byName.get(field.name);
    if (seen) {
      seen.field = field;
      seen.duplicate = true;
    } else byName.set(field.name, { field, duplicate: false });
  }
  return [...byName.values()];
}

function fieldLines(struct: StructType, indent: string, emit: Emit): string[] {
  return rowFields(struct).map(({ field, duplicate }) => {
    const type = orNull(tsType(field.dataType, indent, emit), field.nullable);
    const notes = [field.dataType.kind === "struct" ? "" : simpleString(field.dataType)];
    if (duplicate) notes.push("several columns have this name; the row holds the last");
    const comment = notes.filter((n) => n !== "").join("; ");
    return `${indent}${propertyName(field.name)}: ${type};${comment ? ` // ${comment}` : ""}`;
  });
}

function structBody(struct: StructType, indent: string, emit: Emit): string {
  if (struct.fields.length === 0) return "{}";
  return `{\n${fieldLines(struct, indent + "  ", emit).join("\n")}\n${indent}}`;
}

/** What the generated file says it came from. */
export interface RowTypeOptions {
  /** The interface's name. */
  readonly name: string;
  /** Where the schema came from, for the header comment, e.g. `table sales.orders`. */
  readonly source?: string;
  /** The module SparkTimestamp is imported from (default "spark-connect-ts"). */
  readonly importFrom?: string;
}

/**
 * TypeScript source of an exported interface describing the rows of `schema` as
 * `collect()` returns them.
 *
 * @example
 * ```ts
 * rowTypeSource({ kind: "struct", fields: [{ name: "id", dataType: { kind: "long" }, nullable: false }] }, { name: "Row" });
 * // export interface Row {
 * //   id: bigint; // bigint
 * // }
 * ```
 */
export function rowTypeSource(schema: StructType, options: RowTypeOptions): string {
  const emit: Emit = { timestamp: false };
  const body = fieldLines(schema, "  ", emit);
  const lines: string[] = [];
  let from = options.source ? options.source.replace(/\s+/g, " ").trim() : "";
  if (from.length > 160) from = `${from.slice(0, 157)}...`;
  if (from) from = ` from ${from}`;
  lines.push(`// Generated by \`spark-connect-ts codegen\`${from}. Regenerate it rather than editing it.`);
  if (emit.timestamp) lines.push(`import type { SparkTimestamp } from ${JSON.stringify(options.importFrom ?? "spark-connect-ts")};`);
  lines.push("");
  lines.push(body.length === 0 ? `export interface ${options.name} {}` : `export interface ${options.name} {\n${body.join("\n")}\n}`);
  return lines.join("\n") + "\n";
}

/** `spark-connect-ts codegen ...`. */
export async function codegenCommand(args: readonly string[]): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    console.log(CODEGEN_USAGE);
    return 0;
  }
  const p: Parsed = parse(
    args,
    { ...CONNECTION_OPTIONS, table: { type: "string" }, sql: { type: "string" }, name: { type: "string" }, out: { type: "string", short: "o" } },
    CODEGEN_USAGE,
  );
  if (p.positionals.length > 0) throw new UsageError(`Unexpected argument '${p.positionals[0]}'.`, CODEGEN_USAGE);
  const table = str(p, "table");
  const sql = str(p, "sql");
  if ((table === undefined) === (sql === undefined)) throw new UsageError("Give one of --table <name> or --sql <query>.", CODEGEN_USAGE);
  const name = str(p, "name") ?? "Row";
  if (!IDENTIFIER.test(name)) throw new UsageError(`--name must be a TypeScript identifier, not '${name}'.`, CODEGEN_USAGE);
  const out = str(p, "out");

  const spark = await connectFrom(p, CODEGEN_USAGE);
  let schema: StructType;
  try {
    schema = table !== undefined ? await spark.table(table).schema() : await spark.sql(sql!).schema();
  } finally {
    await spark.close();
  }
  const source = rowTypeSource(schema, { name, source: table !== undefined ? `table ${table}` : `the query ${sql}` });
  if (out === undefined) {
    process.stdout.write(source);
  } else {
    const file = resolve(out);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, source);
    process.stderr.write(`Wrote interface ${name} (${schema.fields.length} columns) to ${out}.\n`);
  }
  return 0;
}
