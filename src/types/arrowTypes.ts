import type {
  Binary,
  Bool,
  DataType,
  Date_,
  Decimal,
  Float,
  Int,
  Int64,
  LargeBinary,
  LargeUtf8,
  List,
  Map_,
  Null,
  Struct,
  Timestamp,
  Utf8,
} from "apache-arrow";

/**
 * The Arrow types Spark sends for columns whose JavaScript row type is `T` (see
 * docs/types.md): `bigint` is a LongType (Int64), `string` a StringType or a DecimalType
 * read as text, `number` any other numeric type, and so on. A type with no single
 * counterpart gives the general `DataType`.
 */
export type ArrowTypeOf<T> = [T] extends [never]
  ? Null
  : [T] extends [bigint]
    ? Int64
    : [T] extends [boolean]
      ? Bool
      : [T] extends [string]
        ? Utf8 | LargeUtf8 | Decimal
        : [T] extends [number]
          ? Int | Float | Decimal
          : [T] extends [Uint8Array]
            ? Binary | LargeBinary
            : [T] extends [Date]
              ? Date_ | Timestamp
              : [T] extends [readonly unknown[]]
                ? List
                : [T] extends [ReadonlyMap<unknown, unknown>]
                  ? Map_
                  : [T] extends [object]
                    ? Struct
                    : DataType;

/**
 * The Arrow schema of a DataFrame's rows, column by column, for `toArrow()` and
 * `batches()`: `table.getChild("id")` is typed by the column's Arrow type, and a column the
 * row type does not have is a compile error. Rows of unknown shape (`unknown`,
 * `Record<string, unknown>`) give apache-arrow's untyped schema.
 *
 * @example
 * ```ts
 * const table = await spark.table<{ id: bigint; name: string | null }>("people").toArrow();
 * table.getChild("id"); // Vector<Int64> | null
 * ```
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ArrowTypeMap<Row> = unknown extends Row
  ? any
  : string extends keyof Row
    ? any
    : { [K in keyof Row & string]: ArrowTypeOf<NonNullable<Row[K]>> };
