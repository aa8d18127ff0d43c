// createDataFrame's data: JS rows or an apache-arrow Table → an Arrow table + DDL schema,
// what the protocol's LocalRelation carries (inline as one Arrow IPC stream, or uploaded
// in chunks as artifacts). Rows are typed by a given schema or by inference from the
// values (docs/io.md has the table).
import {
  DateUnit,
  IntervalUnit,
  makeData,
  Precision,
  RecordBatch,
  Schema,
  Struct,
  Table,
  tableToIPC,
  TimeUnit,
  Type,
  vectorFromArray,
  type DataType as ArrowType,
  type Field,
  type Vector,
} from "apache-arrow";
import { InvalidPlanError } from "../../runtime/errors.js";
import type { DataType, StructField, StructType } from "../types/DataType.js";
import { fromDDL, toDDL, typeDDL } from "../types/ddl.js";
import { arrowField, encodeColumn, structFieldsInto } from "./arrowEncode.js";

/**
 * Most Arrow bytes one LocalRelation may carry inline: the whole plan travels in one gRPC
 * message, limited to 128 MiB by default on both sides; 1 MiB is left for the rest.
 * Larger data goes up as artifacts (see spark.sql.session.localRelationCacheThreshold).
 */
export const MAX_LOCAL_RELATION_BYTES = 127 * 1024 * 1024;

/** What LocalRelation carries: the rows as Arrow (none for zero rows) and the DDL schema. */
export interface LocalData {
  readonly table: Table | undefined;
  readonly schema: string;
  /** The schema as a type, for callers that want it. */
  readonly structType: StructType;
}

// ---- inference ----

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof Map) && !ArrayBuffer.isView(v) && !(v instanceof ArrayBuffer);
}

const NULL: DataType = { kind: "null" };

function unsupported(path: string, v: unknown): never {
  const what = v === null ? "null" : typeof v === "object" ? (v as object).constructor?.name ?? "object" : typeof v;
  throw new InvalidPlanError({
    message:
      `createDataFrame(): cannot infer a Spark type for column "${path}" from a value of type ${what}. ` +
      `Values can be boolean, number, bigint, string, Date, Uint8Array, arrays, Maps and plain objects; convert it, or give a schema.`,
  });
}

/**
 * Most objects, arrays and Maps nested in one value of createDataFrame data (or levels of
 * struct, array and map in its schema). The client reads the schema of every result, and
 * its protobuf decoder reads messages nested at most 100 levels, 3 per struct level.
 */
export const MAX_DATA_NESTING = 30;

/**
 * Where inference is inside a row: the path taken (`rows[0]`, `.a`, `[2]`, ...) and the
 * objects, arrays and Maps on it, each with the length of the path where it was met.
 */
interface Walk {
  readonly trail: string[];
  readonly open: Map<object, number>;
  /** How many of `open` are not values of a column (the row itself). */
  readonly base: number;
}

const segment = (name: string) => (/^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`);

/** Enters a container value; fails on a circular reference or past MAX_DATA_NESTING. */
function enter(walk: Walk, v: object): void {
  const at = walk.open.get(v);
  if (at !== undefined) {
    throw new InvalidPlanError({
      message:
        `createDataFrame(): ${walk.trail.join("")} refers back to ${walk.trail.slice(0, at).join("")}, a circular reference; ` +
        `a row holds values, not references. Remove the cycle (e.g. copy the data without the back-reference), or give a ` +
        `schema that leaves that field out.`,
    });
  }
  if (walk.open.size - walk.base >= MAX_DATA_NESTING) throw dataTooDeep(`${walk.trail.join("")} nests more than ${MAX_DATA_NESTING} levels of objects, arrays and Maps`);
  walk.open.set(v, walk.trail.length);
}

function dataTooDeep(what: string): InvalidPlanError {
  return new InvalidPlanError({
    message:
      `createDataFrame(): ${what}; the client reads back schemas nested at most ${MAX_DATA_NESTING} levels (its protobuf ` +
      `decoder's recursion limit). Flatten the data, or keep the deep part as a JSON string (JSON.stringify) and read ` +
      `what you need from it with get_json_object.`,
  });
}

/** A walk from the start of row `row` (the row object itself counts as on the path). */
function rowWalk(row: number, value: unknown): Walk {
  const open = new Map<object, number>();
  if (typeof value === "object" && value !== null) open.set(value, 1);
  return { trail: [`rows[${row}]`], open, base: open.size };
}

/** The Spark type of one JS value (docs/io.md, "Inferred types"). */
export function inferType(v: unknown, path: string, walk: Walk = { trail: [path], open: new Map(), base: 0 }): DataType {
  if (v === null || v === undefined) return NULL;
  if (typeof v === "object" && !(v instanceof Date) && !(v instanceof Uint8Array)) {
    enter(walk, v);
    try {
      return inferContainer(v, path, walk);
    } finally {
      walk.open.delete(v);
    }
  }
  switch (typeof v) {
    case "boolean":
      return { kind: "boolean" };
    case "number":
      return { kind: "double" };
    case "bigint":
      return { kind: "long" };
    case "string":
      return { kind: "string" };
    case "object":
      if (v instanceof Date) return { kind: "timestamp" };
      if (v instanceof Uint8Array) return { kind: "binary" };
  }
  return unsupported(path, v);
}

/** The type of an array, Map or plain object (inferType has entered it). */
function inferContainer(v: object, path: string, walk: Walk): DataType {
  const trail = walk.trail;
  const at = (seg: string, f: () => DataType): DataType => {
    trail.push(seg);
    try {
      return f();
    } finally {
      trail.pop();
    }
  };
  if (Array.isArray(v)) {
    let e = NULL;
    v.forEach((x, i) => (e = mergeTypes(e, at(`[${i}]`, () => inferType(x, `${path}[]`, walk)), `${path}[]`)));
    return { kind: "array", elementType: e, containsNull: true };
  }
  if (v instanceof Map) {
    let k = NULL;
    let x = NULL;
    for (const [key, value] of v) {
      if (key === null || key === undefined) throw new InvalidPlanError({ message: `createDataFrame(): column "${path}" has a Map with a null key; Spark map keys cannot be null.` });
      const shown = typeof key === "string" ? JSON.stringify(key) : typeof key === "object" ? "<object key>" : String(key);
      k = mergeTypes(k, at(`.<key ${shown}>`, () => inferType(key, `${path}.key`, walk)), `${path}.key`);
      x = mergeTypes(x, at(`.get(${shown})`, () => inferType(value, `${path}.value`, walk)), `${path}.value`);
    }
    return { kind: "map", keyType: k, valueType: x, valueContainsNull: true };
  }
  if (isRecord(v)) {
    return { kind: "struct", fields: Object.entries(v).map(([name, x]) => ({ name, dataType: at(segment(name), () => inferType(x, `${path}.${name}`, walk)), nullable: true })) };
  }
  return unsupported(path, v);
}

/** The common type of two inferred types: null gives way, structs take the union of fields. */
export function mergeTypes(a: DataType, b: DataType, path: string): DataType {
  if (a.kind === "null") return b;
  if (b.kind === "null") return a;
  if (a.kind === "array" && b.kind === "array") {
    return { kind: "array", elementType: mergeTypes(a.elementType, b.elementType, `${path}[]`), containsNull: true };
  }
  if (a.kind === "map" && b.kind === "map") {
    return { kind: "map", keyType: mergeTypes(a.keyType, b.keyType, `${path}.key`), valueType: mergeTypes(a.valueType, b.valueType, `${path}.value`), valueContainsNull: true };
  }
  if (a.kind === "struct" && b.kind === "struct") return { kind: "struct", fields: mergeFields(a.fields, b.fields, path) };
  if (a.kind === b.kind && !["array", "map", "struct"].includes(a.kind)) return a;
  throw new InvalidPlanError({
    message:
      `createDataFrame(): column "${path}" has values of different types (${typeDDL(a)} and ${typeDDL(b)}). ` +
      `Make them agree (e.g. all number or all bigint), or give a schema such as "${path.split(/[.[]/)[0]} ${typeDDL(a)}".`,
  });
}

function mergeFields(a: readonly StructField[], b: readonly StructField[], path: string): StructField[] {
  const out = a.map((f) => {
    const other = b.find((g) => g.name === f.name);
    return other ? { ...f, dataType: mergeTypes(f.dataType, other.dataType, path ? `${path}.${f.name}` : f.name) } : f;
  });
  for (const g of b) if (!a.some((f) => f.name === g.name)) out.push(g);
  return out;
}

/** Throws, naming the column, if a type could not be determined anywhere inside `dt`. */
function checkDetermined(dt: DataType, path: string): void {
  const fail = (what: string): never => {
    throw new InvalidPlanError({
      message:
        `createDataFrame(): the type of column "${path}" cannot be inferred: ${what}. ` +
        `Give a schema, e.g. spark.createDataFrame(rows, "${path.split(/[.[]/)[0]} STRING, ...") or a StructType.`,
    });
  };
  switch (dt.kind) {
    case "null":
      return fail(path.endsWith("[]") ? "every array is empty or holds only nulls" : path.endsWith(".key") || path.endsWith(".value") ? "every map is empty or holds only nulls" : "it is null in every row");
    case "array":
      return checkDetermined(dt.elementType, `${path}[]`);
    case "map":
      checkDetermined(dt.keyType, `${path}.key`);
      return checkDetermined(dt.valueType, `${path}.value`);
    case "struct":
      for (const f of dt.fields) checkDetermined(f.dataType, `${path}.${f.name}`);
  }
}

/**
 * The schema inferred from rows: plain objects (columns by key, in first-seen order) or
 * arrays (columns `_1`, `_2`, ...). Every column must have a non-null value somewhere.
 */
export function inferSchema(rows: readonly unknown[]): StructType {
  if (rows.length === 0) {
    throw new InvalidPlanError({ message: 'createDataFrame(): with no rows there is nothing to infer the schema from; give one, e.g. createDataFrame([], "id BIGINT, name STRING").' });
  }
  const arrays = Array.isArray(rows[0]);
  let fields: StructField[] = [];
  rows.forEach((row, i) => {
    if (arrays ? !Array.isArray(row) : !isRecord(row)) {
      throw new InvalidPlanError({
        message: `createDataFrame(): row ${i} is ${row === null ? "null" : Array.isArray(row) ? "an array" : typeof row}, but rows must all be plain objects (or all arrays). For a single column of values, give a type as the schema, e.g. createDataFrame([1, 2], "double").`,
      });
    }
    const walk = rowWalk(i, row);
    const entries: [string, string, unknown][] = arrays ? (row as unknown[]).map((v, k) => [`_${k + 1}`, `[${k}]`, v]) : Object.entries(row as object).map(([k, v]) => [k, segment(k), v]);
    const here = entries.map(([name, seg, v]) => {
      walk.trail.push(seg);
      const dataType = inferType(v, name, walk);
      walk.trail.pop();
      return { name, dataType, nullable: true };
    });
    fields = mergeFields(fields, here, "");
  });
  for (const f of fields) checkDetermined(f.dataType, f.name);
  return { kind: "struct", fields };
}

// ---- encoding ----

/**
 * Fails when `dt` (the type of column `path`) nests more than MAX_DATA_NESTING levels of
 * structs, arrays and maps below `depth`; a circular StructType fails here too.
 */
function checkTypeNesting(dt: DataType, path: string, depth: number): void {
  switch (dt.kind) {
    case "array":
    case "map":
    case "struct":
      if (depth >= MAX_DATA_NESTING) {
        throw dataTooDeep(`the schema nests more than ${MAX_DATA_NESTING} levels of structs, arrays and maps at column "${path}" (or it refers back to itself)`);
      }
      if (dt.kind === "array") checkTypeNesting(dt.elementType, `${path}[]`, depth + 1);
      else if (dt.kind === "map") {
        checkTypeNesting(dt.keyType, `${path}.key`, depth + 1);
        checkTypeNesting(dt.valueType, `${path}.value`, depth + 1);
      } else for (const f of dt.fields) checkTypeNesting(f.dataType, `${path}.${f.name}`, depth + 1);
      return;
    case "udt":
      if (dt.sqlType) checkTypeNesting(dt.sqlType, path, depth);
  }
}

/** Checks a row schema's nesting (see checkTypeNesting); its own struct is the row. */
function checkSchemaNesting(schema: DataType): void {
  if (schema.kind === "struct") for (const f of schema.fields) checkTypeNesting(f.dataType, f.name, 0);
  else checkTypeNesting(schema, "value", 0);
}

/** A schema argument (DDL or StructType) as a type: a field list gives a struct. */
export function schemaType(schema: string | DataType): DataType {
  if (typeof schema === "string") {
    let parsed: DataType;
    try {
      parsed = fromDDL(schema);
    } catch (e) {
      if (e instanceof RangeError) throw dataTooDeep(`the schema nests more than ${MAX_DATA_NESTING} levels of structs, arrays and maps`);
      throw e;
    }
    checkSchemaNesting(parsed);
    return parsed;
  }
  if (typeof schema !== "object" || schema === null || typeof (schema as { kind?: unknown }).kind !== "string") {
    throw new InvalidPlanError({ message: 'createDataFrame(): the schema must be a DDL string ("id BIGINT, name STRING") or a StructType.' });
  }
  checkSchemaNesting(schema);
  return schema;
}

/** The size in bytes of the table's Arrow buffers (what localRelationCacheThreshold is compared with). */
export function arrowBytes(table: Table): number {
  let n = 0;
  for (const batch of table.batches) n += batch.data.byteLength;
  return n;
}

/**
 * The table as one Arrow IPC stream, to send inline; fails past `maxBytes` (more than one
 * request carries) with the fix, `why` telling why the data was not uploaded instead.
 */
export function inlineIPC(table: Table, why: string, maxBytes = MAX_LOCAL_RELATION_BYTES): Uint8Array {
  const bytes = tableToIPC(table, "stream");
  if (bytes.byteLength > maxBytes) {
    const mib = (bytes.byteLength / 2 ** 20).toFixed(1);
    throw new InvalidPlanError({
      message:
        `createDataFrame(): the data is ${mib} MiB as Arrow, more than the ${(maxBytes / 2 ** 20).toFixed(0)} MiB one Spark Connect ` +
        `request can carry (gRPC's 128 MiB message limit), and it would be sent inside the request: ${why}. Lower the ` +
        `session's spark.sql.session.localRelationCacheThreshold below the data's size (e.g. ` +
        `spark.conf.set("spark.sql.session.localRelationCacheThreshold", ${64 * 2 ** 20})) so that it is uploaded as ` +
        `artifacts, or write the data to files and read them with spark.read.`,
    });
  }
  return bytes;
}

/**
 * The table as Arrow IPC streams of at most `maxRows` rows and, where one row allows it,
 * `maxBytes` bytes each: the chunks of a ChunkedCachedLocalRelation. Made one at a time.
 */
export function* ipcChunks(table: Table, maxRows: number, maxBytes: number): Generator<Uint8Array> {
  const rows = table.numRows;
  if (rows === 0) return;
  const perRow = Math.max(1, arrowBytes(table) / rows);
  const step = Math.max(1, Math.min(maxRows, Math.floor(maxBytes / perRow)));
  // A part over the byte limit (rows larger than the average) is halved until it fits.
  const pending: [number, number][] = [];
  for (let start = 0; start < rows; start += step) {
    pending.push([start, Math.min(rows, start + step)]);
    while (pending.length > 0) {
      const [from, to] = pending.pop()!;
      const bytes = tableToIPC(table.slice(from, to), "stream");
      if (bytes.byteLength > maxBytes && to - from > 1) {
        const mid = from + Math.floor((to - from) / 2);
        pending.push([mid, to], [from, mid]);
      } else yield bytes;
    }
  }
}

/**
 * The type actually sent for `dt`: Spark reads every Arrow duration as INTERVAL DAY TO
 * SECOND and every year-month interval as INTERVAL YEAR TO MONTH and cannot narrow them
 * in a local relation, so narrower interval types are widened.
 */
function sendable(dt: DataType): DataType {
  switch (dt.kind) {
    case "day_time_interval":
      return { kind: dt.kind, startField: 0, endField: 3 };
    case "year_month_interval":
      return { kind: dt.kind, startField: 0, endField: 1 };
    case "array":
      return { ...dt, elementType: sendable(dt.elementType) };
    case "map":
      return { ...dt, keyType: sendable(dt.keyType), valueType: sendable(dt.valueType) };
    case "struct":
      return { kind: "struct", fields: dt.fields.map((f) => ({ ...f, dataType: sendable(f.dataType) })) };
    default:
      return dt;
  }
}

/** JS rows → LocalRelation data, typed by `schema` or by inference. */
export function rowsToLocalData(rows: readonly unknown[], schema?: string | DataType): LocalData {
  if (!Array.isArray(rows)) throw new InvalidPlanError({ message: "createDataFrame(): pass an array of rows or an apache-arrow Table." });
  const given = schema === undefined ? undefined : sendable(schemaType(schema));
  // A single non-struct type describes rows that are bare values, in a column "value".
  const scalar = given !== undefined && given.kind !== "struct";
  const struct: StructType = given === undefined ? inferSchema(rows) : given.kind === "struct" ? given : { kind: "struct", fields: [{ name: "value", dataType: given, nullable: true }] };
  const ddl = toDDL(struct);
  if (rows.length === 0) return { table: undefined, schema: ddl, structType: struct };
  const perField: unknown[][] = struct.fields.map(() => new Array(rows.length));
  const rowIdx = new Uint32Array(rows.length);
  for (let i = 0; i < rows.length; i++) rowIdx[i] = i;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (scalar) {
      perField[0]![i] = row;
      continue;
    }
    if (row === null || row === undefined) throw new InvalidPlanError({ message: `createDataFrame(): row ${i} is ${row}; a row must be an object (or an array of column values).` });
    structFieldsInto(row, struct.fields, "", i, struct, perField, i);
  }
  const fields = struct.fields.map((f) => arrowField(f, f.name));
  const children = struct.fields.map((f, k) => encodeColumn(f.dataType, f.nullable, { values: perField[k]!, rows: rowIdx }, f.name));
  const batch = new RecordBatch(new Schema(fields), makeData({ type: new Struct(fields), length: rows.length, nullCount: 0, children }));
  return { table: new Table(batch), schema: ddl, structType: struct };
}

// ---- Arrow tables ----

function arrowFail(path: string, type: ArrowType, fix: string): never {
  throw new InvalidPlanError({ message: `createDataFrame(): column "${path}" has Arrow type ${String(type)}, which Spark does not read; ${fix}.` });
}

/** The Spark type Spark's ArrowUtils gives an Arrow type; refuses the ones it cannot read. */
export function sparkTypeOfArrow(t: ArrowType, path: string, depth = 0): DataType {
  const a = t as any;
  if ((t.typeId === Type.List || t.typeId === Type.Map || t.typeId === Type.Struct) && depth >= MAX_DATA_NESTING) {
    throw dataTooDeep(`column "${path}" of the Arrow table nests more than ${MAX_DATA_NESTING} levels of lists, maps and structs`);
  }
  switch (t.typeId) {
    case Type.Null:
      return NULL;
    case Type.Bool:
      return { kind: "boolean" };
    case Type.Int:
      if (!a.isSigned) arrowFail(path, t, "Spark has no unsigned integers, cast the column to a signed type (e.g. Int64) first");
      return { kind: ({ 8: "byte", 16: "short", 32: "integer", 64: "long" } as const)[a.bitWidth as 8 | 16 | 32 | 64] };
    case Type.Float:
      if (a.precision === Precision.HALF) arrowFail(path, t, "use Float32 or Float64");
      return { kind: a.precision === Precision.SINGLE ? "float" : "double" };
    case Type.Decimal:
      if (a.bitWidth !== 128) arrowFail(path, t, "use a 128-bit Decimal");
      return { kind: "decimal", precision: a.precision, scale: a.scale };
    case Type.Utf8:
    case Type.LargeUtf8:
      return { kind: "string" };
    case Type.Binary:
    case Type.LargeBinary:
      return { kind: "binary" };
    case Type.Date:
      if (a.unit !== DateUnit.DAY) arrowFail(path, t, "use DateDay (days), not DateMillisecond");
      return { kind: "date" };
    case Type.Timestamp:
      if (a.unit !== TimeUnit.MICROSECOND) arrowFail(path, t, "use microsecond timestamps (TimestampMicrosecond)");
      return { kind: a.timezone ? "timestamp" : "timestamp_ntz" };
    case Type.Time:
      if (a.unit !== TimeUnit.NANOSECOND || a.bitWidth !== 64) arrowFail(path, t, "use TimeNanosecond");
      return { kind: "time", precision: 6 };
    case Type.Duration:
      if (a.unit !== TimeUnit.MICROSECOND) arrowFail(path, t, "use DurationMicrosecond");
      return { kind: "day_time_interval", startField: 0, endField: 3 };
    case Type.Interval:
      if (a.unit === IntervalUnit.YEAR_MONTH) return { kind: "year_month_interval", startField: 0, endField: 1 };
      if (a.unit === IntervalUnit.MONTH_DAY_NANO) return { kind: "calendar_interval" };
      return arrowFail(path, t, "use IntervalYearMonth or IntervalMonthDayNano");
    case Type.List: {
      const c = a.children[0] as Field;
      return { kind: "array", elementType: sparkTypeOfArrow(c.type, `${path}[]`, depth + 1), containsNull: true };
    }
    case Type.Map: {
      const [k, v] = (a.children[0] as Field).type.children as Field[];
      return { kind: "map", keyType: sparkTypeOfArrow(k!.type, `${path}.key`, depth + 1), valueType: sparkTypeOfArrow(v!.type, `${path}.value`, depth + 1), valueContainsNull: true };
    }
    case Type.Struct:
      return { kind: "struct", fields: (a.children as Field[]).map((f) => ({ name: f.name, dataType: sparkTypeOfArrow(f.type, `${path}.${f.name}`, depth + 1), nullable: true })) };
    default:
      return arrowFail(path, t, "convert it (Dictionary → its value type, views → Utf8/Binary, FixedSizeList → List)");
  }
}

/** Top-level dictionary columns (what `tableFromArrays` makes of strings) decoded to their value type. */
function undictionary(table: Table): Table {
  const fields = table.schema.fields;
  if (!fields.some((f) => f.type.typeId === Type.Dictionary)) return table;
  const columns: Record<string, Vector> = {};
  fields.forEach((f, i) => {
    const v = table.getChildAt(i)!;
    columns[f.name] = f.type.typeId === Type.Dictionary ? vectorFromArray([...v], (f.type as any).dictionary) : v;
  });
  if (Object.keys(columns).length !== fields.length) {
    throw new InvalidPlanError({ message: "createDataFrame(): the Arrow table has duplicate column names; rename them first." });
  }
  return new Table(columns);
}

/** An apache-arrow Table → LocalRelation data; the schema is the given one or the table's. */
export function arrowToLocalData(input: Table, schema?: string | DataType): LocalData {
  if (!(input instanceof Table)) throw new InvalidPlanError({ message: "createDataFrame(): pass an array of rows or an apache-arrow Table." });
  const table = undictionary(input);
  const own: StructType = { kind: "struct", fields: table.schema.fields.map((f) => ({ name: f.name, dataType: sparkTypeOfArrow(f.type, f.name), nullable: true })) };
  const given = schema === undefined ? undefined : sendable(schemaType(schema));
  if (given !== undefined && given.kind !== "struct") {
    throw new InvalidPlanError({ message: `createDataFrame(): the schema of an Arrow table must list its columns, e.g. "id BIGINT, name STRING" (got ${typeDDL(given)}).` });
  }
  const struct = given ?? own;
  if (struct.fields.length !== own.fields.length) {
    throw new InvalidPlanError({ message: `createDataFrame(): the schema has ${struct.fields.length} columns but the Arrow table has ${own.fields.length}; they are matched by position.` });
  }
  return { table: table.numRows === 0 ? undefined : table, schema: toDDL(struct), structType: struct };
}
