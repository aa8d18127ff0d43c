// A schema as Spark's tree text (what printSchema prints), built on the client from a
// StructType, so a preview can show it without asking the server again.
import { type DataType, simpleString, type StructType } from "../types/DataType.js";

/**
 * Spark's type name in the tree: `integer`, `decimal(10,2)`, `array`, ... Parameterised
 * leaf types read as in the short type string; numbers and containers by their kind.
 */
function typeName(dt: DataType): string {
  switch (dt.kind) {
    case "year_month_interval":
      return "interval year to month";
    case "day_time_interval":
      return "interval day to second";
    case "udt":
      return dt.name;
    case "decimal":
    case "char":
    case "varchar":
    case "time":
    case "calendar_interval":
    case "null":
    case "string":
    case "geometry":
    case "geography":
    case "unparsed":
      return simpleString(dt);
    default:
      return dt.kind;
  }
}

function children(dt: DataType, prefix: string, lines: string[]): void {
  switch (dt.kind) {
    case "array":
      lines.push(`${prefix}|-- element: ${typeName(dt.elementType)} (containsNull = ${dt.containsNull})`);
      children(dt.elementType, `${prefix}|    `, lines);
      return;
    case "map":
      lines.push(`${prefix}|-- key: ${typeName(dt.keyType)}`);
      children(dt.keyType, `${prefix}|    `, lines);
      lines.push(`${prefix}|-- value: ${typeName(dt.valueType)} (valueContainsNull = ${dt.valueContainsNull})`);
      children(dt.valueType, `${prefix}|    `, lines);
      return;
    case "struct":
      for (const f of dt.fields) {
        lines.push(`${prefix}|-- ${f.name}: ${typeName(f.dataType)} (nullable = ${f.nullable})`);
        children(f.dataType, `${prefix}|    `, lines);
      }
      return;
    default:
      return;
  }
}

/**
 * The schema as a tree, as Spark's `printSchema()` prints it.
 *
 * @example
 * ```ts
 * schemaTree({ kind: "struct", fields: [{ name: "id", dataType: { kind: "long" }, nullable: false }] });
 * // "root\n |-- id: long (nullable = false)\n"
 * ```
 */
export function schemaTree(schema: StructType): string {
  const lines = ["root"];
  children(schema, " ", lines);
  return lines.join("\n") + "\n";
}
