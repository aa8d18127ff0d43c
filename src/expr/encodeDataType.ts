import { create } from "@bufbuild/protobuf";
import { type DataType as DataTypeProto, DataTypeSchema } from "../../generated/spark/connect/types_pb.js";
import { InvalidPlanError } from "../../runtime/errors.js";
import type { DataType } from "../types/DataType.js";

type Kind = DataTypeProto["kind"];

/**
 * The protocol's DataType for one of the library's DataType objects (the inverse of
 * dataTypeFromProto): for casts to a DataType and `df.to(schema)`.
 */
export function encodeDataType(dt: DataType): DataTypeProto {
  return create(DataTypeSchema, { kind: kindOf(dt) });
}

function kindOf(dt: DataType): Kind {
  const plain = <C extends string>(c: C) => ({ case: c, value: {} }) as unknown as Kind;
  switch (dt.kind) {
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
      return plain(dt.kind);
    case "timestamp_ntz":
      return plain("timestampNtz");
    case "calendar_interval":
      return plain("calendarInterval");
    case "string":
      return { case: "string", value: dt.collation !== undefined ? { collation: dt.collation } : {} } as Kind;
    case "decimal":
      return { case: "decimal", value: { precision: dt.precision, scale: dt.scale } } as Kind;
    case "char":
      return { case: "char", value: { length: dt.length } } as Kind;
    case "varchar":
      return { case: "varChar", value: { length: dt.length } } as Kind;
    case "time":
      return { case: "time", value: { precision: dt.precision } } as Kind;
    case "year_month_interval":
      return { case: "yearMonthInterval", value: { startField: dt.startField, endField: dt.endField } } as Kind;
    case "day_time_interval":
      return { case: "dayTimeInterval", value: { startField: dt.startField, endField: dt.endField } } as Kind;
    case "array":
      return { case: "array", value: { elementType: encodeDataType(dt.elementType), containsNull: dt.containsNull } } as Kind;
    case "map":
      return {
        case: "map",
        value: { keyType: encodeDataType(dt.keyType), valueType: encodeDataType(dt.valueType), valueContainsNull: dt.valueContainsNull },
      } as Kind;
    case "struct":
      return {
        case: "struct",
        value: {
          fields: dt.fields.map((f) => ({
            name: f.name,
            dataType: encodeDataType(f.dataType),
            nullable: f.nullable,
            ...(f.metadata !== undefined ? { metadata: f.metadata } : {}),
          })),
        },
      } as Kind;
    case "geometry":
    case "geography":
      return { case: dt.kind, value: { srid: dt.srid } } as Kind;
    case "udt":
      // A user-defined type is sent as the SQL type it is stored as (its class lives in the client's language).
      if (dt.sqlType !== undefined) return kindOf(dt.sqlType);
      throw new InvalidPlanError({ message: `The user-defined type ${dt.name} has no SQL type to send; give the type it is stored as instead.` });
    case "unparsed":
      return { case: "unparsed", value: { dataTypeString: dt.text } } as Kind;
    default:
      throw new InvalidPlanError({
        message: `Not a DataType: ${JSON.stringify(dt)}. Give a type object such as { kind: "integer" } or a DDL string such as "int".`,
      });
  }
}
