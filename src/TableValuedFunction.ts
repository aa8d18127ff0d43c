import { InvalidPlanError } from "../runtime/errors.js";
import { Column, type ColumnOrValue, toColumnExpr, toExpr } from "./Column.js";
import { DataFrame } from "./DataFrame.js";
import type { ExprNode } from "./expr/ExprNode.js";
import { SortOrderNode } from "./expr/SortOrderNode.js";
import { SubqueryNode, type TableArgOptions } from "./expr/SubqueryNode.js";
import type { SessionHandle } from "./internal/handle.js";
import type { PlanNode } from "./plan/PlanNode.js";
import { list } from "./internal/args.js";
import { TableValuedFunctionNode } from "./plan/TableValuedFunctionNode.js";

/** What the tvf object needs of its session (kept abstract to avoid an import cycle). */
interface Session {
  readonly handle: SessionHandle;
  range(start: number | bigint, end?: number | bigint, step?: number | bigint, numPartitions?: number): DataFrame<{ id: bigint }>;
}

function column(method: string, v: unknown): ExprNode {
  if (v instanceof Column) return v.node;
  if (v === undefined) throw new InvalidPlanError({ message: `tvf.${method}(): an argument is missing; give Columns, e.g. array(lit(1), lit(2)).` });
  return toExpr(v as ColumnOrValue);
}

/**
 * Spark's table-valued functions, each giving a DataFrame: `spark.tvf.explode(...)` is
 * `SELECT * FROM explode(...)`. Arguments are Columns (plain values are taken as literals).
 *
 * @example
 * ```ts
 * await spark.tvf.explode(array(lit(1), lit(2))).collect(); // [{ col: 1 }, { col: 2 }]
 * await spark.tvf.stack(lit(2), lit("a"), lit(1), lit("b"), lit(2)).collect(); // col0, col1
 * ```
 */
export class TableValuedFunction {
  /** @internal */
  constructor(private readonly spark: Session) {}

  private fn(name: string, ...args: unknown[]): DataFrame<Record<string, unknown>> {
    return new DataFrame(this.spark.handle, TableValuedFunctionNode.create(name, args.map((a) => column(name, a))));
  }

  /**
   * Same as `spark.range`: a column `id` from `start` (or 0) to `end` exclusive.
   *
   * @example
   * ```ts
   * await spark.tvf.range(3).collect(); // [{ id: 0n }, { id: 1n }, { id: 2n }]
   * ```
   */
  range(start: number | bigint, end?: number | bigint, step: number | bigint = 1, numPartitions?: number): DataFrame<{ id: bigint }> {
    return this.spark.range(start, end, step, numPartitions);
  }

  /** A row per element of an array (column `col`) or entry of a map (`key`, `value`). @example spark.tvf.explode(array(lit(1), lit(2))) */
  explode(collection: Column): DataFrame<Record<string, unknown>> {
    return this.fn("explode", collection);
  }

  /** Like explode, with one row of nulls for a null or empty collection. @example spark.tvf.explodeOuter(col) */
  explodeOuter(collection: Column): DataFrame<Record<string, unknown>> {
    return this.fn("explode_outer", collection);
  }

  /** Same as explodeOuter (PySpark's name). @example spark.tvf.explode_outer(col) */
  explode_outer(collection: Column): DataFrame<Record<string, unknown>> {
    return this.explodeOuter(collection);
  }

  /** A row per struct of an array of structs, a column per field. @example spark.tvf.inline(array(struct(lit(1).alias("a")))) */
  inline(input: Column): DataFrame<Record<string, unknown>> {
    return this.fn("inline", input);
  }

  /** Like inline, with one row of nulls for a null or empty array. @example spark.tvf.inlineOuter(col) */
  inlineOuter(input: Column): DataFrame<Record<string, unknown>> {
    return this.fn("inline_outer", input);
  }

  /** Same as inlineOuter (PySpark's name). @example spark.tvf.inline_outer(col) */
  inline_outer(input: Column): DataFrame<Record<string, unknown>> {
    return this.inlineOuter(input);
  }

  /** Fields of a JSON object string, a column (`c0`, `c1`, ...) per field name. @example spark.tvf.jsonTuple(lit('{"a":1}'), lit("a")) */
  jsonTuple(input: Column, ...fields: Column[]): DataFrame<Record<string, unknown>> {
    if (fields.length === 0) throw new InvalidPlanError({ message: 'tvf.jsonTuple(): give at least one field name, e.g. jsonTuple(col, lit("a")).' });
    return this.fn("json_tuple", input, ...fields);
  }

  /** Same as jsonTuple (PySpark's name). @example spark.tvf.json_tuple(lit('{"a":1}'), lit("a")) */
  json_tuple(input: Column, ...fields: Column[]): DataFrame<Record<string, unknown>> {
    return this.jsonTuple(input, ...fields);
  }

  /** Like explode, with the position (`pos`). @example spark.tvf.posexplode(array(lit("a"), lit("b"))) */
  posexplode(collection: Column): DataFrame<Record<string, unknown>> {
    return this.fn("posexplode", collection);
  }

  /** Like posexplode, with one row of nulls for a null or empty collection. @example spark.tvf.posexplodeOuter(col) */
  posexplodeOuter(collection: Column): DataFrame<Record<string, unknown>> {
    return this.fn("posexplode_outer", collection);
  }

  /** Same as posexplodeOuter (PySpark's name). @example spark.tvf.posexplode_outer(col) */
  posexplode_outer(collection: Column): DataFrame<Record<string, unknown>> {
    return this.posexplodeOuter(collection);
  }

  /** The values split into `n` rows (columns `col0`, `col1`, ...). @example spark.tvf.stack(lit(2), lit(1), lit(2)) */
  stack(n: Column, ...fields: Column[]): DataFrame<Record<string, unknown>> {
    return this.fn("stack", n, ...fields);
  }

  /** The collations Spark knows. @example await spark.tvf.collations().count() */
  collations(): DataFrame<Record<string, unknown>> {
    return this.fn("collations");
  }

  /** Spark SQL's keywords (`keyword`, `reserved`). @example await spark.tvf.sqlKeywords().collect() */
  sqlKeywords(): DataFrame<{ keyword: string; reserved: boolean }> {
    return this.fn("sql_keywords") as DataFrame<never>;
  }

  /** Same as sqlKeywords (PySpark's name). @example spark.tvf.sql_keywords() */
  sql_keywords(): DataFrame<{ keyword: string; reserved: boolean }> {
    return this.sqlKeywords();
  }

  /** A row per element or field of a variant (`pos`, `key`, `value`). @example spark.tvf.variantExplode(parse_json(lit("[1,2]"))) */
  variantExplode(input: Column): DataFrame<Record<string, unknown>> {
    return this.fn("variant_explode", input);
  }

  /** Same as variantExplode (PySpark's name). @example spark.tvf.variant_explode(v) */
  variant_explode(input: Column): DataFrame<Record<string, unknown>> {
    return this.variantExplode(input);
  }

  /** Like variantExplode, with one row of nulls for a null or empty variant. @example spark.tvf.variantExplodeOuter(v) */
  variantExplodeOuter(input: Column): DataFrame<Record<string, unknown>> {
    return this.fn("variant_explode_outer", input);
  }

  /** Same as variantExplodeOuter (PySpark's name). @example spark.tvf.variant_explode_outer(v) */
  variant_explode_outer(input: Column): DataFrame<Record<string, unknown>> {
    return this.variantExplodeOuter(input);
  }
}

/**
 * A DataFrame as a table argument (SQL's `TABLE(...)`), from `df.asTable()`: a Column to
 * pass to a function taking a table, optionally partitioned and ordered. Immutable.
 *
 * @example
 * ```ts
 * df.asTable().partitionBy("k").orderBy(col("t").desc());
 * ```
 */
export class TableArg extends Column {
  /** @internal */
  constructor(
    private readonly source: PlanNode,
    private readonly options: TableArgOptions,
  ) {
    super(SubqueryNode.create(source, "table_arg", [], options));
  }

  private partitioned(): boolean {
    return this.options.partitionBy.length > 0 || this.options.withSinglePartition === true;
  }

  /** Partitions the table's rows by columns (once, and not with withSinglePartition). @example df.asTable().partitionBy("k") */
  partitionBy(...cols: (Column | string | readonly (Column | string)[])[]): TableArg {
    if (this.partitioned()) {
      throw new InvalidPlanError({ message: "partitionBy(): the table argument is already partitioned (partitionBy() or withSinglePartition() was called); call one of them once." });
    }
    const exprs = list(cols).map(toColumnExpr);
    if (exprs.length === 0) throw new InvalidPlanError({ message: 'partitionBy(): give at least one column, e.g. partitionBy("k").' });
    return new TableArg(this.source, { ...this.options, partitionBy: exprs });
  }

  /** Orders the rows within each partition; call partitionBy() or withSinglePartition() first. @example df.asTable().partitionBy("k").orderBy("t") */
  orderBy(...cols: (Column | string | readonly (Column | string)[])[]): TableArg {
    if (!this.partitioned()) {
      throw new InvalidPlanError({ message: "orderBy(): call partitionBy() or withSinglePartition() before orderBy() on a table argument." });
    }
    const orders = list(cols).map((c) => {
      const n = toColumnExpr(c);
      return n.kind === "SortOrder" ? n : SortOrderNode.create(n, "asc");
    });
    return new TableArg(this.source, { ...this.options, orderBy: [...this.options.orderBy, ...orders] });
  }

  /** Puts all rows in one partition (instead of partitionBy). @example df.asTable().withSinglePartition() */
  withSinglePartition(): TableArg {
    if (this.partitioned()) {
      throw new InvalidPlanError({ message: "withSinglePartition(): the table argument is already partitioned (partitionBy() or withSinglePartition() was called); call one of them once." });
    }
    return new TableArg(this.source, { ...this.options, withSinglePartition: true });
  }
}
