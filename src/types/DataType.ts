import type { DataType as DataTypeProto } from "../../generated/spark/connect/types_pb.js";

/** A field of a struct: name, type, nullability and optional JSON metadata. */
export interface StructField {
  readonly name: string;
  readonly dataType: DataType;
  readonly nullable: boolean;
  readonly metadata?: string;
}

/** A struct type; the schema of every DataFrame is one. */
export interface StructType {
  readonly kind: "struct";
  readonly fields: readonly StructField[];
}

/**
 * A Spark SQL data type, as a plain tagged object.
 *
 * @example
 * ```ts
 * const schema = await spark.sql("SELECT 1 AS x").schema();
 * schema.fields[0].dataType; // { kind: "integer" }
 * ```
 */
export type DataType =
  | { readonly kind: "null" | "boolean" | "byte" | "short" | "integer" | "long" | "float" | "double" }
  | { readonly kind: "string"; readonly collation?: string }
  | { readonly kind: "binary" | "date" | "timestamp" | "timestamp_ntz" | "calendar_interval" | "variant" }
  | { readonly kind: "decimal"; readonly precision: number; readonly scale: number }
  | { readonly kind: "char" | "varchar"; readonly length: number }
  | { readonly kind: "time"; readonly precision: number }
  | { readonly kind: "year_month_interval" | "day_time_interval"; readonly startField: number; readonly endField: number }
  | { readonly kind: "array"; readonly elementType: DataType; readonly containsNull: boolean }
  | { readonly kind: "map"; readonly keyType: DataType; readonly valueType: DataType; readonly valueContainsNull: boolean }
  | StructType
  | { readonly kind: "geometry" | "geography"; readonly srid: number }
  | { readonly kind: "udt"; readonly name: string; readonly sqlType: DataType | undefined }
  | { readonly kind: "unparsed"; readonly text: string };

const NULL_TYPE: DataType = { kind: "null" };

/** Converts the protocol's DataType message to the library's DataType. */
export function dataTypeFromProto(dt: DataTypeProto | undefined): DataType {
  const k = dt?.kind;
  if (k === undefined || k.case === undefined) return NULL_TYPE;
  switch (k.case) {
    case "null":
    case "boolean":
    case "byte":
    case "short":
    case "integer":
    case "long":
    case "float":
    case "double":
    case "binary":
    case "date":
    case "timestamp":
    case "variant":
      return { kind: k.case };
    case "timestampNtz":
      return { kind: "timestamp_ntz" };
    case "calendarInterval":
      return { kind: "calendar_interval" };
    case "string":
      return k.value.collation && k.value.collation !== "UTF8_BINARY"
        ? { kind: "string", collation: k.value.collation }
        : { kind: "string" };
    case "decimal":
      return { kind: "decimal", precision: k.value.precision ?? 10, scale: k.value.scale ?? 0 };
    case "char":
      return { kind: "char", length: k.value.length };
    case "varChar":
      return { kind: "varchar", length: k.value.length };
    case "time":
      return { kind: "time", precision: k.value.precision ?? 6 };
    case "yearMonthInterval":
      return { kind: "year_month_interval", startField: k.value.startField ?? 0, endField: k.value.endField ?? 1 };
    case "dayTimeInterval":
      return { kind: "day_time_interval", startField: k.value.startField ?? 0, endField: k.value.endField ?? 3 };
    case "array":
      return { kind: "array", elementType: dataTypeFromProto(k.value.elementType), containsNull: k.value.containsNull };
    case "map":
      return {
        kind: "map",
        keyType: dataTypeFromProto(k.value.keyType),
        valueType: dataTypeFromProto(k.value.valueType),
        valueContainsNull: k.value.valueContainsNull,
      };
    case "struct":
      return {
        kind: "struct",
        fields: k.value.fields.map((f) => ({
          name: f.name,
          dataType: dataTypeFromProto(f.dataType),
          nullable: f.nullable,
          ...(f.metadata !== undefined ? { metadata: f.metadata } : {}),
        })),
      };
    case "geometry":
    case "geography":
      return { kind: k.case, srid: k.value.srid };
    case "udt":
      return { kind: "udt", name: k.value.type, sqlType: k.value.sqlType ? dataTypeFromProto(k.value.sqlType) : undefined };
    case "unparsed":
      return { kind: "unparsed", text: k.value.dataTypeString };
  }
}

const YM = ["year", "month"];
const DT = ["day", "hour", "minute", "second"];

function intervalString(units: string[], prefix: string, start: number, end: number): string {
  const s = units[start] ?? "?";
  const e = units[end] ?? "?";
  return start === end ? `${prefix} ${s}` : `${prefix} ${s} to ${e}`;
}

/**
 * Spark's short type string, e.g. `struct<x:int,s:string>` or `array<decimal(10,2)>`.
 *
 * @example
 * ```ts
 * simpleString({ kind: "array", elementType: { kind: "long" }, containsNull: true }); // "array<bigint>"
 * ```
 */
export function simpleString(dt: DataType): string {
  switch (dt.kind) {
    case "null":
      return "void";
    case "byte":
      return "tinyint";
    case "short":
      return "smallint";
    case "integer":
      return "int";
    case "long":
      return "bigint";
    case "string":
      return dt.collation ? `string collate ${dt.collation}` : "string";
    case "decimal":
      return `decimal(${dt.precision},${dt.scale})`;
    case "char":
    case "varchar":
      return `${dt.kind}(${dt.length})`;
    case "time":
      return `time(${dt.precision})`;
    case "calendar_interval":
      return "interval";
    case "year_month_interval":
      return intervalString(YM, "interval", dt.startField, dt.endField);
    case "day_time_interval":
      return intervalString(DT, "interval", dt.startField, dt.endField);
    case "array":
      return `array<${simpleString(dt.elementType)}>`;
    case "map":
      return `map<${simpleString(dt.keyType)},${simpleString(dt.valueType)}>`;
    case "struct":
      return `struct<${dt.fields.map((f) => `${f.name}:${simpleString(f.dataType)}`).join(",")}>`;
    case "geometry":
    case "geography":
      return `${dt.kind}(${dt.srid})`;
    case "udt":
      return dt.sqlType ? simpleString(dt.sqlType) : dt.name;
    case "unparsed":
      return dt.text;
    default:
      return dt.kind;
  }
}
