import type { QueryLambda } from "./dsl/brand.js";
import type {
  ByPositionFix,
  ColumnCountsDiffer,
  ColumnNamesDiffer,
  JoinHow,
  JoinRow,
  SameColumnCount,
  SameColumnNames,
  SetOpByNameFix,
  UnionByNameFix,
  UnionRow,
} from "./dsl/rowTypes.js";
import type { RecordBatch, Table } from "apache-arrow";
import type { PlanNode } from "./plan/PlanNode.js";
import { LimitNode } from "./plan/LimitNode.js";
import { Column, type ColumnOrValue, toColumnExpr, toExpr } from "./Column.js";
import { AliasNode } from "./expr/AliasNode.js";
import { ColumnRefNode } from "./expr/ColumnRefNode.js";
import { SortOrderNode } from "./expr/SortOrderNode.js";
import { SqlExprNode } from "./expr/SqlExprNode.js";
import { StarNode } from "./expr/StarNode.js";
import { CollectMetricsNode } from "./plan/CollectMetricsNode.js";
import { DeduplicateNode } from "./plan/DeduplicateNode.js";
import { DropNode } from "./plan/DropNode.js";
import { FilterNode } from "./plan/FilterNode.js";
import { HintNode } from "./plan/HintNode.js";
import { JoinNode, type JoinType } from "./plan/JoinNode.js";
import { OffsetNode } from "./plan/OffsetNode.js";
import { ProjectNode } from "./plan/ProjectNode.js";
import { RenameNode } from "./plan/RenameNode.js";
import { RepartitionByExpressionNode } from "./plan/RepartitionByExpressionNode.js";
import { RepartitionNode } from "./plan/RepartitionNode.js";
import { SampleNode } from "./plan/SampleNode.js";
import { SetOpNode } from "./plan/SetOpNode.js";
import { SortNode } from "./plan/SortNode.js";
import { SubqueryAliasNode } from "./plan/SubqueryAliasNode.js";
import { ToDFNode } from "./plan/ToDFNode.js";
import { UnpivotNode } from "./plan/UnpivotNode.js";
import { WithColumnsNode } from "./plan/WithColumnsNode.js";
import { WithWatermarkNode } from "./plan/WithWatermarkNode.js";
import { LateralJoinNode, type LateralJoinType } from "./plan/LateralJoinNode.js";
import { TransposeNode } from "./plan/TransposeNode.js";
import { ToSchemaNode } from "./plan/ToSchemaNode.js";
import { FunctionCallNode } from "./expr/FunctionCallNode.js";
import { SubqueryNode } from "./expr/SubqueryNode.js";
import { structFromDDL } from "./types/ddl.js";
import { MergeIntoWriter } from "./MergeIntoWriter.js";
import { TableArg } from "./TableValuedFunction.js";
import { StatNode } from "./plan/StatNode.js";
import { GroupedData } from "./GroupedData.js";
import { DataFrameNaFunctions } from "./DataFrameNaFunctions.js";
import { DataFrameStatFunctions } from "./DataFrameStatFunctions.js";
import { int, list, str } from "./internal/args.js";
import { isLambdaArg, lambdaColumn, lambdaFields, lambdaList, UNQUALIFIED } from "./dsl/lambda.js";
import type { StructType } from "./types/DataType.js";
import type { ArrowTypeMap } from "./types/arrowTypes.js";
import type { StorageLevelName } from "./types/StorageLevel.js";
import { InvalidPlanError } from "../runtime/errors.js";
import { ownerOf, type SessionHandle } from "./internal/handle.js";
import type { SparkSession } from "./SparkSession.js";
import type { ActionOptions, CallOptions, OperationOptions } from "./internal/ops/action.js";
import type { StorageLevelInfo } from "./types/StorageLevel.js";
import type { ExecutionInfo } from "./internal/ops/executionInfo.js";
import { iterate, run } from "./internal/run.js";
import * as E from "./effect/dataFrame.js";
import type { CollectOptions, DisplayOptions, ExplainMode, ToArrowOptions } from "./effect/dataFrame.js";
import type { DataFramePreview } from "./display/preview.js";
import { dataFrameBundle, dataFrameText, INSPECT, JUPYTER_DISPLAY, type MimeBundle } from "./display/inspect.js";
import { Observation } from "./Observation.js";
import { DataFrameWriter } from "./DataFrameWriter.js";
import { DataStreamWriter } from "./streaming/DataStreamWriter.js";
import { DataFrameWriterV2 } from "./DataFrameWriterV2.js";

export type { ActionOptions, CallOptions, OperationOptions } from "./internal/ops/action.js";
export type { CollectOptions, ToArrowOptions, ShowOptions, ExplainMode, DisplayOptions } from "./effect/dataFrame.js";

/**
 * A lazy, immutable query bound to a session. Transformations return new DataFrames;
 * nothing runs on the server until an action (`collect`, `count`, `toArrow`, ...).
 * `Row` is the type of one collected row.
 *
 * @example
 * ```ts
 * const df = spark.sql<{ x: number; s: string }>("SELECT 1 AS x, 'a' AS s");
 * const rows = await df.collect(); // [{ x: 1, s: "a" }]
 * ```
 */
export class DataFrame<Row = Record<string, unknown>> implements AsyncIterable<Row> {
  /** @internal */
  constructor(
    /** @internal */ readonly handle: SessionHandle,
    /** @internal */ readonly plan: PlanNode,
  ) {}

  /**
   * The first `n` rows (lazy; nothing runs until an action).
   *
   * @example
   * ```ts
   * await spark.range(100).limit(3).collect(); // [{ id: 0n }, { id: 1n }, { id: 2n }]
   * ```
   */
  limit(n: number): DataFrame<Row> {
    if (!Number.isInteger(n) || n < 0 || n > 2 ** 31 - 1) {
      throw new InvalidPlanError({ message: `limit(${n}): the row count must be an integer from 0 to 2147483647.` });
    }
    return this.derive(LimitNode.create(this.plan, n));
  }

  /** The plan of another DataFrame to combine with this one; both must be of this session. */
  private planOf(other: DataFrame<unknown>, method: string): PlanNode {
    if (!(other instanceof DataFrame)) {
      throw new InvalidPlanError({ message: `${method}(): the other argument must be a DataFrame (got ${other === null ? "null" : typeof other}).` });
    }
    if (other.handle !== this.handle) {
      throw new InvalidPlanError({
        message: `${method}(): the two DataFrames belong to different sessions, which do not share tables, views or cached data (SESSION_NOT_SAME). Build both from the same SparkSession.`,
      });
    }
    return other.plan;
  }

  /** Wraps a new plan in a DataFrame of this session. */
  private derive<R = Row>(plan: PlanNode): DataFrame<R> {
    return new DataFrame<R>(this.handle, plan);
  }

  /**
   * A column of this DataFrame, tied to it: in a join of two DataFrames with the same
   * column names, `a.col("id")` and `b.col("id")` stay distinct.
   *
   * @example
   * ```ts
   * a.join(b, a.col("id").eq(b.col("id")));
   * ```
   */
  col(name: string): Column {
    if (name === "*") return new Column(StarNode.create(undefined, this.plan));
    return new Column(ColumnRefNode.create(str("col", "name", name), this.plan));
  }

  /**
   * Projects columns: names, Columns or `"*"`.
   *
   * @example
   * ```ts
   * df.select("name", col("amount").multiply(2).alias("double"));
   * ```
   */
  select<R = Record<string, unknown>>(...cols: (Column | string | readonly (Column | string)[])[]): DataFrame<R>;
  /**
   * Projects with a query lambda returning an object literal of columns; the row type
   * follows it. Compiled by the transformer (see docs/dsl.md).
   *
   * @example
   * ```ts
   * df.select((e) => ({ name: e.name, double: e.amount * 2 }));
   * ```
   */
  select<R>(fn: QueryLambda<"fields", (row: Row) => R>): DataFrame<R>;
  select<R = Record<string, unknown>>(...cols: unknown[]): DataFrame<R> {
    if (cols.length === 1 && isLambdaArg(cols[0])) {
      const fields = lambdaFields("select", cols[0], UNQUALIFIED);
      return this.derive(ProjectNode.create(this.plan, fields.map(([n, c]) => AliasNode.create(c.node, n))));
    }
    const exprs = list(cols as (Column | string | readonly (Column | string)[])[]).map(toColumnExpr);
    if (exprs.length === 0) throw new InvalidPlanError({ message: "select() needs at least one column." });
    return this.derive(ProjectNode.create(this.plan, exprs));
  }

  /**
   * Projects SQL expressions.
   *
   * @example
   * ```ts
   * df.selectExpr("amount * 2 AS double", "upper(name) AS name");
   * ```
   */
  selectExpr<R = Record<string, unknown>>(...exprs: (string | readonly string[])[]): DataFrame<R> {
    return this.derive(ProjectNode.create(this.plan, list(exprs).map((e) => SqlExprNode.create(str("selectExpr", "expression", e)))));
  }

  /**
   * The rows where a condition holds: a boolean Column or a SQL expression.
   *
   * @example
   * ```ts
   * df.filter(col("amount").gt(100));
   * df.filter("amount > 100 AND country = 'PL'");
   * ```
   */
  filter(condition: Column | string): DataFrame<Row>;
  /**
   * The rows where a query lambda holds, compiled by the transformer (see docs/dsl.md).
   *
   * @example
   * ```ts
   * df.filter((e) => e.amount > 100 && e.country === "PL");
   * ```
   */
  filter(predicate: QueryLambda<"filter", (row: Row) => boolean | null>): DataFrame<Row>;
  filter(condition: Column | string | ((row: Row) => boolean | null)): DataFrame<Row> {
    const node = isLambdaArg(condition)
      ? lambdaColumn("filter", condition, UNQUALIFIED).node
      : typeof condition === "string"
        ? SqlExprNode.create(str("filter", "condition", condition))
        : (condition as Column).node;
    return this.derive(FilterNode.create(this.plan, node));
  }

  /** Same as filter. @example df.where(col("a").isNotNull()) */
  where(condition: Column | string): DataFrame<Row>;
  /**
   * Same as filter, with a query lambda.
   *
   * @example
   * ```ts
   * df.where((e) => e.amount > pin(min));
   * ```
   */
  where(predicate: QueryLambda<"filter", (row: Row) => boolean | null>): DataFrame<Row>;
  where(condition: Column | string | ((row: Row) => boolean | null)): DataFrame<Row> {
    return this.filter(condition as Column);
  }

  /**
   * Filters the rows of an aggregated DataFrame by a query lambda over its output
   * columns (what SQL writes as HAVING).
   *
   * @example
   * ```ts
   * df.groupBy((e) => ({ country: e.country })).agg((e) => ({ total: sum(e.amount) })).having((g) => g.total > 1000);
   * ```
   */
  having(predicate: QueryLambda<"filter", (row: Row) => boolean | null>): DataFrame<Row> {
    return this.filter(predicate);
  }

  /**
   * Adds or replaces one column.
   *
   * @example
   * ```ts
   * df.withColumn("gross", col("net").multiply(1.23));
   * ```
   */
  withColumn<K extends string>(name: K, value: Column): DataFrame<Row & Record<K, unknown>>;
  /**
   * Adds or replaces one column computed by a query lambda.
   *
   * @example
   * ```ts
   * df.withColumn("gross", (e) => e.net * 1.23);
   * ```
   */
  withColumn<K extends string, V>(name: K, fn: QueryLambda<"expr", (row: Row) => V>): DataFrame<Omit<Row, K> & Record<K, V>>;
  withColumn<K extends string>(name: K, value: unknown): DataFrame<Row & Record<K, unknown>> {
    const c = isLambdaArg(value) ? lambdaColumn("withColumn", value, UNQUALIFIED) : (value as Column);
    return this.withColumns({ [name]: c } as Record<K, Column>);
  }

  /**
   * Adds or replaces columns computed by a query lambda returning an object literal.
   *
   * @example
   * ```ts
   * df.withColumns((e) => ({ gross: e.net * 1.23, big: e.amount > 1000 }));
   * ```
   */
  withColumns<R>(fn: QueryLambda<"fields", (row: Row) => R>): DataFrame<Omit<Row, keyof R> & R>;
  /**
   * Adds or replaces several columns at once.
   *
   * @example
   * ```ts
   * df.withColumns({ year: year(col("ts")), month: month(col("ts")) });
   * ```
   */
  withColumns<K extends string>(columns: NotAFunction<Readonly<Record<K, Column>>>): DataFrame<Row & Record<K, unknown>>;
  withColumns(columns: unknown): DataFrame<never> {
    const entries: [string, Column][] = isLambdaArg(columns)
      ? lambdaFields("withColumns", columns, UNQUALIFIED)
      : (Object.entries(columns as Record<string, Column>) as [string, Column][]);
    if (entries.length === 0) throw new InvalidPlanError({ message: "withColumns() needs at least one column." });
    const aliases = entries.map(([name, c]) => {
      if (!(c instanceof Column)) throw new InvalidPlanError({ message: `withColumns(): "${name}" must be a Column; wrap values in lit().` });
      return AliasNode.create(c.node, name);
    });
    return this.derive(WithColumnsNode.create(this.plan, aliases));
  }

  /**
   * Renames one column (no-op when it does not exist).
   *
   * @example
   * ```ts
   * df.withColumnRenamed("amt", "amount");
   * ```
   */
  withColumnRenamed(existing: string, renamed: string): DataFrame<Record<string, unknown>> {
    return this.withColumnsRenamed({ [existing]: renamed });
  }

  /**
   * Renames several columns.
   *
   * @example
   * ```ts
   * df.withColumnsRenamed({ amt: "amount", ts: "time" });
   * ```
   */
  withColumnsRenamed(renames: Readonly<Record<string, string>>): DataFrame<Record<string, unknown>> {
    const pairs = Object.entries(renames).map(([a, b]) => [str("withColumnsRenamed", "column", a), str("withColumnsRenamed", "new name", b)] as const);
    return this.derive(RenameNode.create(this.plan, pairs));
  }

  /**
   * Renames all columns by position.
   *
   * @example
   * ```ts
   * spark.sql("SELECT 1, 2").toDF("a", "b");
   * ```
   */
  toDF<R = Record<string, unknown>>(...names: string[]): DataFrame<R> {
    return this.derive(ToDFNode.create(this.plan, names.map((n) => str("toDF", "name", n))));
  }

  /**
   * Drops columns by name or Column; names that do not exist are ignored.
   *
   * @example
   * ```ts
   * df.drop("tmp", "debug");
   * ```
   */
  drop(...cols: (Column | string)[]): DataFrame<Record<string, unknown>> {
    const names = cols.filter((c): c is string => typeof c === "string");
    const columns = cols.filter((c): c is Column => c instanceof Column).map((c) => c.node);
    return this.derive(DropNode.create(this.plan, columns, names));
  }

  /**
   * Joins with another DataFrame: on a condition Column, on column names present on both
   * sides (`using`, kept once), or with no condition (every row with every row, as PySpark's
   * `join(other)`; `crossJoin` says so explicitly). `how`: inner (the
   * default), left, right, full (or outer), semi, anti, cross, and PySpark's aliases
   * (left_outer, leftouter, left_semi, leftsemi, left_anti, leftanti, right_outer, full_outer, fullouter).
   *
   * @example
   * ```ts
   * orders.join(users, orders.col("userId").eq(users.col("id")), "left");
   * orders.join(users, ["userId"]);
   * orders.join(users, [orders.col("userId").eq(users.col("id")), users.col("active")]); // conditions ANDed
   * sizes.join(colors); // every pair
   * ```
   */
  join<R = Record<string, unknown>>(other: DataFrame<unknown>, on?: Column | string | readonly string[] | readonly Column[], how?: string): DataFrame<R>;
  /**
   * Joins on a query lambda over a row of each side; each column binds to its side's
   * DataFrame, so same-named columns stay apart. The result's row type follows `how`
   * (inner by default): an outer join's unmatched side is nullable, a semi or anti join
   * keeps only this side's columns, and a column name both sides have is left out of the
   * row (rename it on one side first). See {@link JoinRow}.
   *
   * @example
   * ```ts
   * orders.join(users, (o, u) => o.userId === u.id, "left");
   * ```
   */
  join<O, H extends JoinHow = "inner">(other: DataFrame<O>, on: QueryLambda<"join", (left: Row, right: O) => boolean | null>, how?: H): DataFrame<JoinRow<Row, O, H>>;
  /**
   * A lambda join whose `how` is not a literal: any join type may be meant, so the left
   * side's columns are nullable and the right side's nullable and optional. A literal that
   * is not a join type does not compile.
   */
  join<O, S extends string>(
    other: DataFrame<O>,
    on: QueryLambda<"join", (left: Row, right: O) => boolean | null>,
    how: string extends S ? S : JoinHow,
  ): DataFrame<JoinRow<Row, O, string>>;
  join<R = Record<string, unknown>>(other: DataFrame<unknown>, on?: unknown, how: string = "inner"): DataFrame<R> {
    const type = joinType(how);
    const right = this.planOf(other, "join");
    if (isLambdaArg(on)) {
      const c = lambdaColumn("join", on, [{ plan: this.plan }, { plan: right }]);
      return this.derive(JoinNode.create(this.plan, right, c.node, type, []));
    }
    // Without `on`, the join type as given (inner by default) with no condition, as PySpark
    // sends it: Spark joins every row with every row (a Cartesian product for inner or cross).
    if (on === undefined || on === null) return this.derive(JoinNode.create(this.plan, right, undefined, type, []));
    if (on instanceof Column) return this.derive(JoinNode.create(this.plan, right, on.node, type, []));
    if (typeof on === "string") return this.derive(JoinNode.create(this.plan, right, undefined, type, [on]));
    const list = Array.isArray(on) ? (on as readonly unknown[]) : undefined;
    // A list of conditions is their conjunction, as in PySpark; a list of names is USING.
    if (list !== undefined && list.length > 0 && list.every((c) => c instanceof Column)) {
      const all = (list as readonly Column[]).reduce((a, b) => a.and(b));
      return this.derive(JoinNode.create(this.plan, right, all.node, type, []));
    }
    if (list === undefined || !list.every((c) => typeof c === "string")) {
      throw new InvalidPlanError({
        message:
          "join(other, on): `on` is a column name, a list of column names (USING), a Column condition, a list of Column conditions " +
          `(joined with AND) or a lambda; got ${list === undefined ? typeof on : "a list mixing names and Columns or other values"}.`,
      });
    }
    return this.derive(JoinNode.create(this.plan, right, undefined, type, list as readonly string[]));
  }

  /**
   * The Cartesian product with another DataFrame.
   *
   * @example
   * ```ts
   * sizes.crossJoin(colors);
   * ```
   */
  crossJoin<R = Record<string, unknown>>(other: DataFrame<unknown>): DataFrame<R> {
    return this.derive(JoinNode.create(this.plan, this.planOf(other, "crossJoin"), undefined, "cross", []));
  }

  /**
   * A lateral join: `other` may refer to this DataFrame's columns with `col(...).outer()`,
   * and is evaluated for each row of this one, as SQL's `JOIN LATERAL`. `how`: inner (the
   * default), left (or left_outer, leftouter), or cross.
   *
   * @example
   * ```ts
   * const t1 = spark.sql("SELECT * FROM VALUES (0, 1), (1, 2) AS t1(c1, c2)");
   * t1.lateralJoin(spark.range(1).select(col("c1").outer().plus(col("c2").outer()).alias("sum")));
   * ```
   */
  lateralJoin<R = Record<string, unknown>>(other: DataFrame<unknown>, on?: Column, how?: string): DataFrame<R> {
    const right = this.planOf(other, "lateralJoin");
    if (on !== undefined && on !== null && !(on instanceof Column)) {
      throw new InvalidPlanError({ message: `lateralJoin(other, on): \`on\` is a Column condition (got ${typeof on}); leave it out for no condition.` });
    }
    const t = how === undefined || how === null ? "inner" : LATERAL_JOIN_TYPES[how.toLowerCase().replaceAll("_", "")];
    if (t === undefined) {
      throw new InvalidPlanError({ message: `lateralJoin(): unsupported join type "${how}"; use inner, left (left_outer, leftouter) or cross.` });
    }
    return this.derive(LateralJoinNode.create(this.plan, right, on?.node, t));
  }

  /**
   * Groups rows for aggregation.
   *
   * @example
   * ```ts
   * df.groupBy("country").agg(sum("amount").alias("total"), count("*").alias("n"));
   * ```
   */
  groupBy(...cols: (Column | string | readonly (Column | string)[])[]): GroupedData<Row>;
  /**
   * Groups by the fields of a query lambda's object literal; they become the first
   * columns of the aggregated rows.
   *
   * @example
   * ```ts
   * df.groupBy((e) => ({ country: e.country })).agg((e) => ({ total: sum(e.amount), n: count() }));
   * ```
   */
  groupBy<K>(fn: QueryLambda<"fields", (row: Row) => K>): GroupedData<Row, K>;
  groupBy(...cols: unknown[]): GroupedData<Row, never> {
    if (cols.length === 1 && isLambdaArg(cols[0])) {
      const keys = lambdaFields("groupBy", cols[0], UNQUALIFIED).map(([n, c]) => AliasNode.create(c.node, n));
      return new GroupedData(this, keys, { type: "groupBy" });
    }
    return new GroupedData(this, list(cols as (Column | string)[]).map(toColumnExpr), { type: "groupBy" });
  }

  /** Same as groupBy. @example df.groupby("k").count() */
  groupby(...cols: (Column | string)[]): GroupedData<Row> {
    return this.groupBy(...cols);
  }

  /**
   * Hierarchical subtotals (ROLLUP).
   *
   * @example
   * ```ts
   * df.rollup("country", "city").agg(sum("amount"));
   * ```
   */
  rollup(...cols: (Column | string)[]): GroupedData<Row> {
    return new GroupedData(this, cols.map(toColumnExpr), { type: "rollup" });
  }

  /**
   * Subtotals for every combination (CUBE).
   *
   * @example
   * ```ts
   * df.cube("country", "channel").count();
   * ```
   */
  cube(...cols: (Column | string)[]): GroupedData<Row> {
    return new GroupedData(this, cols.map(toColumnExpr), { type: "cube" });
  }

  /**
   * Aggregates over several groupings at once (SQL's GROUPING SETS): each set is a list of
   * columns; `cols` are the grouping columns of the result (usually every column of the
   * sets). A row's columns not in its set are null.
   *
   * @example
   * ```ts
   * df.groupingSets([["city", "car"], ["city"], []], "city", "car").agg(sum("qty").alias("qty"));
   * ```
   */
  groupingSets(groupingSets: readonly (readonly (Column | string)[])[], ...cols: (Column | string)[]): GroupedData<Row> {
    if (!Array.isArray(groupingSets) || !groupingSets.every((set) => Array.isArray(set))) {
      throw new InvalidPlanError({ message: 'groupingSets(): the first argument is a list of column lists, e.g. [["city", "car"], ["city"], []].' });
    }
    const sets = groupingSets.map((set) => set.map(toColumnExpr));
    return new GroupedData(this, cols.map(toColumnExpr), { type: "groupingSets", sets });
  }

  /**
   * Aggregates over all rows (no grouping).
   *
   * @example
   * ```ts
   * df.agg(max("amount"), min("amount"));
   * ```
   */
  agg<R = Record<string, unknown>>(...exprs: (Column | readonly Column[] | Readonly<Record<string, string>>)[]): DataFrame<R> {
    return (this.groupBy() as GroupedData<Row>).agg<R>(...exprs);
  }

  /**
   * Sorts globally: names, Columns or sort orders (`col("a").desc()`).
   *
   * @example
   * ```ts
   * df.orderBy(col("amount").desc(), "name");
   * ```
   */
  orderBy(...cols: (Column | string | readonly (Column | string)[])[]): DataFrame<Row>;
  /**
   * Sorts by names or Columns with PySpark's `ascending` as a last options argument:
   * `false` sorts every key descending, a list gives each key its direction (one per key).
   * A key already ordered with asc()/desc() keeps its own direction.
   *
   * @example
   * ```ts
   * df.orderBy("age", "name", { ascending: false });
   * df.orderBy(["age", "name"], { ascending: [false, true] });
   * ```
   */
  orderBy(...colsAndOptions: [...cols: (Column | string | readonly (Column | string)[])[], options: SortOptions]): DataFrame<Row>;
  /**
   * Sorts by the keys a query lambda returns: a value, or an array of values and
   * asc()/desc() keys.
   *
   * @example
   * ```ts
   * df.orderBy((e) => [desc(e.total), e.name]);
   * ```
   */
  orderBy(fn: QueryLambda<"orderBy", (row: Row) => unknown>): DataFrame<Row>;
  orderBy(...cols: unknown[]): DataFrame<Row> {
    if (cols.length === 1 && isLambdaArg(cols[0])) {
      return this.derive(SortNode.create(this.plan, lambdaList("orderBy", cols[0], UNQUALIFIED).map(sortOrderOf), true));
    }
    return this.derive(SortNode.create(this.plan, sortKeys("orderBy", cols), true));
  }

  /** Same as orderBy. @example df.sort("a") */
  sort(...cols: (Column | string | readonly (Column | string)[])[]): DataFrame<Row>;
  /** Same as orderBy, with PySpark's `ascending` option. @example df.sort("a", { ascending: false }) */
  sort(...colsAndOptions: [...cols: (Column | string | readonly (Column | string)[])[], options: SortOptions]): DataFrame<Row>;
  /**
   * Same as orderBy, with a query lambda.
   *
   * @example
   * ```ts
   * df.sort((e) => desc(e.amount));
   * ```
   */
  sort(fn: QueryLambda<"orderBy", (row: Row) => unknown>): DataFrame<Row>;
  sort(...cols: unknown[]): DataFrame<Row> {
    return this.orderBy(...(cols as (Column | string)[]));
  }

  /**
   * Sorts within each partition only (no global order, no shuffle).
   *
   * @example
   * ```ts
   * df.repartition(4, "k").sortWithinPartitions("t");
   * ```
   */
  sortWithinPartitions(...cols: (Column | string)[]): DataFrame<Row> {
    return this.derive(SortNode.create(this.plan, cols.map(sortOrderOf), false));
  }

  /**
   * Skips the first `n` rows.
   *
   * @example
   * ```ts
   * df.orderBy("id").offset(20).limit(10);
   * ```
   */
  offset(n: number): DataFrame<Row> {
    return this.derive(OffsetNode.create(this.plan, int("offset", "n", n)));
  }

  /**
   * Distinct rows.
   *
   * @example
   * ```ts
   * df.select("country").distinct();
   * ```
   */
  distinct(): DataFrame<Row> {
    return this.derive(DeduplicateNode.create(this.plan, undefined));
  }

  /**
   * Distinct rows, comparing only the given columns (all when none are given).
   *
   * @example
   * ```ts
   * df.dropDuplicates("userId");
   * ```
   */
  dropDuplicates(...cols: (string | readonly string[])[]): DataFrame<Row> {
    const names = list(cols);
    return this.derive(DeduplicateNode.create(this.plan, names.length === 0 ? undefined : names));
  }

  /**
   * For streams with a watermark: drops rows duplicating one seen within the watermark's
   * delay (compared by the given columns, all when none), keeping state only that long.
   *
   * @example
   * ```ts
   * events.withWatermark("ts", "1 hour").dropDuplicatesWithinWatermark("eventId");
   * ```
   */
  dropDuplicatesWithinWatermark(...cols: (string | readonly string[])[]): DataFrame<Row> {
    const names = list(cols);
    return this.derive(DeduplicateNode.create(this.plan, names.length === 0 ? undefined : names, true));
  }

  /**
   * Rows of both (UNION ALL: duplicates kept), with the columns matched by name: the other
   * side may have its columns in another order. PySpark's `union` matches them by
   * position; here that is {@link unionByPosition}. Both sides need the same column names,
   * compared case-insensitively as Spark does: for typed rows a difference is a compile
   * error ({@link ColumnNamesDiffer}), else the query fails with an AnalysisError naming
   * the fix. The row type is this side's, each column of either side's type.
   *
   * @example
   * ```ts
   * const jan = spark.table<{ name: string; city: string }>("jan");
   * const feb = spark.sql<{ city: string; name: string }>("SELECT city, name FROM feb");
   * jan.union(feb); // feb's cities stay in the city column
   * ```
   */
  union<Other>(other: DataFrame<Other> & SameColumnNames<Row, Other, UnionByNameFix>): DataFrame<UnionRow<Row, Other>> {
    return this.setOp(other, "union", "union", true);
  }

  /**
   * Same as {@link union} (by name, duplicates kept).
   *
   * @example
   * ```ts
   * a.unionAll(b);
   * ```
   */
  unionAll<Other>(other: DataFrame<Other> & SameColumnNames<Row, Other, UnionByNameFix>): DataFrame<UnionRow<Row, Other>> {
    return this.setOp(other, "unionAll", "union", true);
  }

  /**
   * Rows of both (UNION ALL) with the columns matched by position, as PySpark's `union`:
   * the result has this side's column names, and the other side's first column goes into
   * this side's first column whatever its name. For typed rows both sides need the same
   * number of columns ({@link ColumnCountsDiffer}); the row type is this side's, so give
   * the other side columns of the same types in the same order.
   *
   * @example
   * ```ts
   * const names = spark.sql<{ name: string; city: string }>("SELECT name, city FROM people");
   * const raw = spark.sql<{ c1: string; c2: string }>("SELECT c1, c2 FROM import"); // c1: name, c2: city
   * names.unionByPosition(raw);
   * ```
   */
  unionByPosition<Other>(other: DataFrame<Other> & SameColumnCount<Row, Other, ByPositionFix>): DataFrame<Row> {
    return this.derive(SetOpNode.create(this.plan, this.planOf(other, "unionByPosition"), "union", true, false, false, "unionByPosition"));
  }

  /**
   * Rows of both matched by column name; with `allowMissingColumns`, columns missing on
   * one side are filled with nulls.
   *
   * @example
   * ```ts
   * a.unionByName(b, { allowMissingColumns: true });
   * ```
   */
  unionByName(other: DataFrame<unknown>, options: { allowMissingColumns?: boolean } = {}): DataFrame<Record<string, unknown>> {
    return this.derive(
      SetOpNode.create(this.plan, this.planOf(other, "unionByName"), "union", true, true, options.allowMissingColumns ?? false, "unionByName"),
    );
  }

  /**
   * Rows in both, without duplicates (INTERSECT DISTINCT), with the columns matched by name
   * as in {@link union} (PySpark matches them by position). The rows are this side's.
   *
   * @example
   * ```ts
   * customers.intersect(newsletter.select("email", "name")); // any column order
   * ```
   */
  intersect<Other>(other: DataFrame<Other> & SameColumnNames<Row, Other, SetOpByNameFix>): DataFrame<Row> {
    return this.setOp(other, "intersect", "intersect", false);
  }

  /**
   * Rows in both, duplicates kept (INTERSECT ALL), with the columns matched by name as in
   * {@link union}.
   *
   * @example
   * ```ts
   * a.intersectAll(b);
   * ```
   */
  intersectAll<Other>(other: DataFrame<Other> & SameColumnNames<Row, Other, SetOpByNameFix>): DataFrame<Row> {
    return this.setOp(other, "intersectAll", "intersect", true);
  }

  /**
   * Rows of this not in other, without duplicates (EXCEPT DISTINCT), with the columns
   * matched by name as in {@link union}.
   *
   * @example
   * ```ts
   * allUsers.subtract(blocked);
   * ```
   */
  subtract<Other>(other: DataFrame<Other> & SameColumnNames<Row, Other, SetOpByNameFix>): DataFrame<Row> {
    return this.setOp(other, "subtract", "except", false);
  }

  /**
   * Rows of this not in other, duplicates kept (EXCEPT ALL), with the columns matched by
   * name as in {@link union}.
   *
   * @example
   * ```ts
   * a.exceptAll(b);
   * ```
   */
  exceptAll<Other>(other: DataFrame<Other> & SameColumnNames<Row, Other, SetOpByNameFix>): DataFrame<Row> {
    return this.setOp(other, "exceptAll", "except", true);
  }

  /** A set operation with the columns matched by name. */
  private setOp<R>(other: DataFrame<unknown>, method: string, op: "union" | "intersect" | "except", all: boolean): DataFrame<R> {
    return this.derive(SetOpNode.create(this.plan, this.planOf(other, method), op, all, true, false, method));
  }

  /**
   * A random sample of about `fraction` of the rows.
   *
   * @example
   * ```ts
   * df.sample(0.1, { seed: 42 });
   * df.sample(0.1, 42);          // PySpark's sample(fraction, seed)
   * df.sample(true, 0.5, 42);    // PySpark's sample(withReplacement, fraction, seed)
   * ```
   */
  sample(fraction: number, options?: { withReplacement?: boolean; seed?: number | bigint }): DataFrame<Row>;
  sample(fraction: number, seed: number | bigint): DataFrame<Row>;
  sample(withReplacement: boolean, fraction: number, seed?: number | bigint): DataFrame<Row>;
  sample(a: number | boolean, b?: number | bigint | { withReplacement?: boolean; seed?: number | bigint }, c?: number | bigint): DataFrame<Row> {
    let fraction: number;
    let options: { withReplacement?: boolean; seed?: number | bigint };
    if (typeof a === "boolean") {
      if (typeof b !== "number") throw new InvalidPlanError({ message: "sample(withReplacement, fraction, seed?): the fraction must be a number." });
      fraction = b;
      options = { withReplacement: a, ...(c !== undefined ? { seed: c } : {}) };
    } else if (typeof b === "number" || typeof b === "bigint") {
      fraction = a;
      options = { seed: b };
    } else {
      fraction = a;
      options = b ?? {};
    }
    if (typeof fraction !== "number" || !(fraction >= 0) || (!options.withReplacement && fraction > 1)) {
      throw new InvalidPlanError({ message: `sample(): fraction must be in [0, 1] (or >= 0 with replacement), got ${fraction}.` });
    }
    return this.derive(SampleNode.create(this.plan, 0, fraction, options.withReplacement ?? false, seedOf(options.seed)));
  }

  /**
   * Splits the rows randomly into parts with the given relative weights.
   *
   * @example
   * ```ts
   * const [train, test] = df.randomSplit([0.8, 0.2], 7);
   * ```
   */
  randomSplit(weights: readonly number[], seed?: number | bigint): DataFrame<Row>[] {
    if (weights.length < 2 || weights.some((w) => !(w >= 0)) || weights.every((w) => w === 0)) {
      throw new InvalidPlanError({ message: "randomSplit(): give two or more non-negative weights, not all zero." });
    }
    const total = weights.reduce((a, b) => a + b, 0);
    const s = seedOf(seed);
    let lower = 0;
    return weights.map((w) => {
      const upper = lower + w / total;
      const part = this.derive(SampleNode.create(this.plan, lower, upper, false, s, true));
      lower = upper;
      return part;
    });
  }

  /**
   * Hash-partitions into `n` partitions (and/or by columns), with a shuffle.
   *
   * @example
   * ```ts
   * df.repartition(8, "country");
   * ```
   */
  repartition(n?: number | Column | string, ...cols: (Column | string)[]): DataFrame<Row> {
    const count = typeof n === "number" ? int("repartition", "n", n, 1) : undefined;
    const exprs = (typeof n === "number" || n === undefined ? cols : [n, ...cols]).map(toColumnExpr);
    if (exprs.length === 0) {
      if (count === undefined) throw new InvalidPlanError({ message: "repartition() needs a partition count or columns." });
      return this.derive(RepartitionNode.create(this.plan, count, true));
    }
    return this.derive(RepartitionByExpressionNode.create(this.plan, exprs, count));
  }

  /**
   * Range-partitions by the given orderings.
   *
   * @example
   * ```ts
   * df.repartitionByRange(4, "ts");
   * ```
   */
  repartitionByRange(n: number | Column | string, ...cols: (Column | string)[]): DataFrame<Row> {
    const count = typeof n === "number" ? int("repartitionByRange", "n", n, 1) : undefined;
    const exprs = (typeof n === "number" ? cols : [n, ...cols]).map(sortOrderOf);
    if (exprs.length === 0) throw new InvalidPlanError({ message: "repartitionByRange() needs at least one column." });
    return this.derive(RepartitionByExpressionNode.create(this.plan, exprs, count));
  }

  /**
   * Fewer partitions without a shuffle.
   *
   * @example
   * ```ts
   * df.coalesce(1);
   * ```
   */
  coalesce(n: number): DataFrame<Row> {
    return this.derive(RepartitionNode.create(this.plan, int("coalesce", "n", n, 1), false));
  }

  /**
   * A planner hint, such as `"broadcast"`.
   *
   * @example
   * ```ts
   * big.join(small.hint("broadcast"), "id");
   * ```
   */
  hint(name: string, ...params: ColumnOrValue[]): DataFrame<Row> {
    return this.derive(HintNode.create(this.plan, str("hint", "name", name), params.map(toExpr)));
  }

  /**
   * The DataFrame under an alias, for qualified names (`a.id`) in joins.
   *
   * @example
   * ```ts
   * df.alias("a").join(df.alias("b"), col("a.parent").eq(col("b.id")));
   * ```
   */
  alias(name: string): DataFrame<Row> {
    return this.derive(SubqueryAliasNode.create(this.plan, str("alias", "name", name)));
  }

  /**
   * Wide to long: turns `values` columns into (variable, value) rows, keeping `ids`.
   *
   * @example
   * ```ts
   * df.unpivot(["id"], ["q1", "q2"], "quarter", "revenue");
   * ```
   */
  unpivot(ids: readonly (Column | string)[], values: readonly (Column | string)[] | undefined, variableColumn: string, valueColumn: string): DataFrame<Record<string, unknown>> {
    return this.derive(
      UnpivotNode.create(this.plan, ids.map(toColumnExpr), values?.map(toColumnExpr), str("unpivot", "variableColumn", variableColumn), str("unpivot", "valueColumn", valueColumn)),
    );
  }

  /** Same as unpivot. @example df.melt(["id"], ["a", "b"], "k", "v") */
  melt(ids: readonly (Column | string)[], values: readonly (Column | string)[] | undefined, variableColumn: string, valueColumn: string): DataFrame<Record<string, unknown>> {
    return this.unpivot(ids, values, variableColumn, valueColumn);
  }

  /**
   * Declares an event-time watermark (streaming).
   *
   * @example
   * ```ts
   * events.withWatermark("ts", "10 minutes");
   * ```
   */
  withWatermark(eventTime: string, delay: string): DataFrame<Row> {
    return this.derive(WithWatermarkNode.create(this.plan, str("withWatermark", "eventTime", eventTime), str("withWatermark", "delay", delay)));
  }

  /**
   * Applies a function to this DataFrame: for chaining your own transformations.
   *
   * @example
   * ```ts
   * df.transform(onlyPaid).transform(withTax);
   * ```
   */
  transform<R>(f: (df: DataFrame<Row>) => DataFrame<R>): DataFrame<R> {
    return f(this);
  }

  /**
   * This DataFrame as a scalar subquery: a Column with the value of its one row and one
   * column, usable in another DataFrame's expressions. Columns of the outer DataFrame are
   * referred to with `outer()`, qualified by its alias where the names clash (see Column.outer).
   *
   * @example
   * ```ts
   * const emp = spark.table("employees");
   * emp.where(col("salary").gt(emp.select(avg("salary")).scalar()));
   * ```
   */
  scalar(): Column {
    return new Column(SubqueryNode.create(this.plan, "scalar"));
  }

  /**
   * An EXISTS subquery over this DataFrame: a boolean Column, true when it has a row.
   *
   * @example
   * ```ts
   * orders.alias("o").where(spark.table("users").alias("u").where(col("u.id").eq(col("o.userId").outer())).exists());
   * ```
   */
  exists(): Column {
    return new Column(SubqueryNode.create(this.plan, "exists"));
  }

  /**
   * This DataFrame as a table argument of a table-valued function (SQL's `TABLE(...)`),
   * optionally partitioned and ordered.
   *
   * @example
   * ```ts
   * df.asTable().partitionBy("k").orderBy("t");
   * ```
   */
  asTable(): TableArg {
    return new TableArg(this.plan, { partitionBy: [], orderBy: [], withSinglePartition: undefined });
  }

  /**
   * Turns rows into columns: the values of the index column (the first column by default)
   * become the column names, and each other column becomes a row keyed by its name in
   * column `key`.
   *
   * @example
   * ```ts
   * spark.sql("SELECT * FROM VALUES ('x', 1, 2), ('y', 3, 4) AS t(k, a, b)").transpose(); // key, x, y
   * ```
   */
  transpose(indexColumn?: Column | string): DataFrame<Record<string, unknown>> {
    return this.derive(TransposeNode.create(this.plan, indexColumn === undefined ? [] : [toColumnExpr(indexColumn)]));
  }

  /**
   * Reconciles the DataFrame to a schema (a StructType or a DDL string): columns are
   * matched by name and put in the schema's order, cast to its types, and columns the
   * schema lacks are dropped; a missing column fails the query.
   *
   * @example
   * ```ts
   * df.to("name STRING, amount DOUBLE");
   * ```
   */
  to<R = Record<string, unknown>>(schema: StructType | string): DataFrame<R> {
    let struct: StructType;
    if (typeof schema === "string") {
      struct = structFromDDL(schema);
    } else if (typeof schema === "object" && schema !== null && schema.kind === "struct" && Array.isArray(schema.fields)) {
      struct = schema;
    } else {
      throw new InvalidPlanError({ message: 'to(): give a StructType ({ kind: "struct", fields: [...] }) or a DDL string such as "a INT, b STRING".' });
    }
    return this.derive(ToSchemaNode.create(this.plan, struct));
  }

  /**
   * Every column whose name matches a regular expression (in back quotes, as Spark
   * reads it), as one Column to select.
   *
   * @example
   * ```ts
   * df.select(df.colRegex("`(Col1)?+.+`"));
   * ```
   */
  colRegex(regex: string): Column {
    return new Column(ColumnRefNode.create(str("colRegex", "regex", regex), this.plan, "regex"));
  }

  /**
   * A metadata column of the DataFrame's source (such as `_metadata` of a file source),
   * selected even where a data column has the same name.
   *
   * @example
   * ```ts
   * spark.read.parquet(dir).select(df.metadataColumn("_metadata"));
   * ```
   */
  metadataColumn(name: string): Column {
    return new Column(ColumnRefNode.create(str("metadataColumn", "name", name), this.plan, "metadata"));
  }

  /**
   * The DataFrame with a column's metadata set (a JSON object, as shown by `schema()`).
   *
   * @example
   * ```ts
   * df.withMetadata("amount", { unit: "EUR" });
   * ```
   */
  withMetadata(columnName: string, metadata: Readonly<Record<string, unknown>>): DataFrame<Row> {
    if (typeof metadata !== "object" || metadata === null || Array.isArray(metadata)) {
      throw new InvalidPlanError({ message: 'withMetadata(): metadata must be an object, e.g. { unit: "EUR" }.' });
    }
    const name = str("withMetadata", "columnName", columnName);
    return this.derive(WithColumnsNode.create(this.plan, [AliasNode.create(ColumnRefNode.create(name, this.plan), name, JSON.stringify(metadata))]));
  }

  /**
   * Partitions the rows by a partition number computed per row (`partitionIdCol`, from 0
   * to numPartitions - 1), used as it is, without hashing.
   *
   * @example
   * ```ts
   * df.repartitionById(4, col("id").mod(4));
   * ```
   */
  repartitionById(numPartitions: number, partitionIdCol: Column | string): DataFrame<Row> {
    const n = int("repartitionById", "numPartitions", numPartitions, 1);
    return this.derive(RepartitionByExpressionNode.create(this.plan, [toColumnExpr(partitionIdCol)], n, true));
  }

  /**
   * The rows as JSON text: one string column `value` with each row as a JSON object.
   *
   * @example
   * ```ts
   * await spark.sql("SELECT 1 AS a, 'x' AS b").toJSON().collect(); // [{ value: '{"a":1,"b":"x"}' }]
   * ```
   */
  toJSON(): DataFrame<{ value: string }> {
    const json = FunctionCallNode.create("to_json", [FunctionCallNode.create("struct", [StarNode.create()])]);
    return this.derive(ProjectNode.create(this.plan, [AliasNode.create(json, "value")]));
  }

  /**
   * Checkpoints the result: the server computes it (now, with `eager`) into its checkpoint
   * directory (`spark.checkpoint.dir`) and answers with a DataFrame reading it, which cuts
   * the plan's lineage.
   *
   * @example
   * ```ts
   * const cut = await df.checkpoint();
   * ```
   */
  checkpoint(eager = true, options?: OperationOptions): Promise<DataFrame<Row>> {
    return run(this.handle, () => E.checkpoint(this, eager, options));
  }

  /**
   * Checkpoints the result in the executors' storage (faster, not fault-tolerant), with an
   * optional storage level.
   *
   * @example
   * ```ts
   * const cut = await df.localCheckpoint(true, "MEMORY_AND_DISK");
   * ```
   */
  localCheckpoint(eager = true, storageLevel?: StorageLevelName, options?: OperationOptions): Promise<DataFrame<Row>> {
    return run(this.handle, () => E.localCheckpoint(this, eager, storageLevel, options));
  }

  /**
   * Merges this DataFrame's rows into a table (SQL's MERGE INTO) on a condition: add the
   * actions with whenMatched(), whenNotMatched() and whenNotMatchedBySource(), then
   * `merge()`. The table's format must support MERGE (such as Delta Lake or Iceberg).
   *
   * @example
   * ```ts
   * await updates.mergeInto("target", col("target.id").eq(col("source.id")))
   *   .whenMatched().updateAll()
   *   .whenNotMatched().insertAll()
   *   .merge();
   * ```
   */
  mergeInto(table: string, condition: Column): MergeIntoWriter {
    return new MergeIntoWriter(this as DataFrame<unknown>, str("mergeInto", "table", table), condition);
  }

  /**
   * Writes the DataFrame to files, a table or a data source (see docs/io.md).
   *
   * @example
   * ```ts
   * await df.write.mode("overwrite").partitionBy("country").parquet("/data/orders");
   * ```
   */
  get write(): DataFrameWriter {
    return new DataFrameWriter(this);
  }

  /**
   * Writes a streaming DataFrame (see docs/streaming.md): set the sink, output mode,
   * trigger and checkpoint, then `start()` or `toTable()`.
   *
   * @example
   * ```ts
   * const query = await events.writeStream.format("parquet").checkpointLocation("/chk").start("/out");
   * ```
   */
  get writeStream(): DataStreamWriter {
    return new DataStreamWriter(this as DataFrame<unknown>);
  }

  /**
   * Writes the DataFrame to a catalog table through the V2 write path.
   *
   * @example
   * ```ts
   * await df.writeTo("sales.orders").using("parquet").create();
   * ```
   */
  writeTo(table: string): DataFrameWriterV2 {
    return new DataFrameWriterV2(this, table);
  }

  /**
   * Missing-value handling: `df.na.fill(...)`, `df.na.drop(...)`, `df.na.replace(...)`.
   *
   * @example
   * ```ts
   * df.na.fill(0, ["amount"]);
   * ```
   */
  get na(): DataFrameNaFunctions<Row> {
    return new DataFrameNaFunctions(this);
  }

  /**
   * Statistics: `df.stat.corr(...)`, `cov`, `crosstab`, `approxQuantile`, `freqItems`, `sampleBy`.
   *
   * @example
   * ```ts
   * await df.stat.corr("a", "b");
   * ```
   */
  get stat(): DataFrameStatFunctions<Row> {
    return new DataFrameStatFunctions(this);
  }

  /** @internal A DataFrame over another plan of this session. */
  withPlan<R>(plan: PlanNode): DataFrame<R> {
    return this.derive<R>(plan);
  }

  /** @internal Receives what the server reported about an action run on this DataFrame. */
  readonly recordExecution = (info: ExecutionInfo): void => {
    this.#executionInfo = info;
    for (const [name, values] of Object.entries(info.observations)) this.handle.observations.get(name)?.deref()?.deliver(values);
  };

  #executionInfo: ExecutionInfo | undefined;

  /**
   * What the server reported about the last action run on this DataFrame object: the
   * physical plan's metrics and the values of its observations (see `observe`), as
   * PySpark's `executionInfo`. Undefined before the first action.
   *
   * @example
   * ```ts
   * await df.collect();
   * df.executionInfo?.metrics.find((m) => m.name === "Range")?.metrics["numOutputRows"]?.value; // 10n
   * ```
   */
  get executionInfo(): ExecutionInfo | undefined {
    return this.#executionInfo;
  }

  /**
   * Defines named metrics computed while the query runs (aggregate Columns such as
   * `count(lit(1))` or `max(col("x"))`), delivered after an action to the Observation
   * (or, with a name, to `executionInfo.observations[name]`), as PySpark's `observe`.
   *
   * @example
   * ```ts
   * const stats = new Observation("stats");
   * const observed = df.observe(stats, count(lit(1)).alias("rows"), max(col("amount")).alias("top"));
   * await observed.write.mode("overwrite").parquet("/out"); // any action: a write, collect(), count(), ...
   * stats.get(); // { rows: 1000n, top: 99.5 }
   * ```
   */
  observe(observation: Observation | string, ...metrics: Column[]): DataFrame<Row> {
    const name = observation instanceof Observation ? observation.name : str("observe", "name", observation);
    if (metrics.length === 0 || !metrics.every((m) => m instanceof Column)) {
      throw new InvalidPlanError({ message: 'observe(): give one or more aggregate Columns, e.g. count(lit(1)).alias("rows").' });
    }
    if (observation instanceof Observation) this.handle.observations.set(name, new WeakRef(observation));
    return this.derive(CollectMetricsNode.create(this.plan, name, metrics.map((m) => m.node)));
  }

  /**
   * Runs the query and returns every row as a plain object (types per docs/types.md).
   * Guardrails: by default at most 1,000,000 rows and 256 MiB of Arrow data (options
   * `maxRows`/`maxBytes`, or the session's `limits`); past one it fails with ResultLimitError.
   *
   * @example
   * ```ts
   * const rows = await spark.sql("SELECT 1 AS x, 'a' AS s").collect(); // [{ x: 1, s: "a" }]
   * await df.collect({ signal: AbortSignal.timeout(30_000), maxRows: 5_000_000 });
   * ```
   */
  collect(options?: CollectOptions): Promise<Row[]> {
    return run(this.handle, () => E.collect(this, options));
  }

  /**
   * Runs the query and returns the result as an apache-arrow Table, batches as received.
   * Guardrail: by default at most 1 GiB of Arrow data (`maxBytes`, `maxRows`).
   *
   * @example
   * ```ts
   * const table = await spark.range(10).toArrow();
   * table.numRows; // 10
   * ```
   */
  toArrow(options?: ToArrowOptions): Promise<Table<ArrowTypeMap<Row>>> {
    return run(this.handle, () => E.toArrow(this, options));
  }

  /**
   * Counts the rows on the server.
   *
   * @example
   * ```ts
   * await spark.range(1000).count(); // 1000
   * ```
   */
  count(options?: ActionOptions): Promise<number> {
    return run(this.handle, () => E.count(this, options));
  }

  /**
   * The column names, in order (from the schema; nothing runs).
   *
   * @example
   * ```ts
   * await spark.sql("SELECT 1 AS a, 2 AS b").columns(); // ["a", "b"]
   * ```
   */
  columns(options?: CallOptions): Promise<string[]> {
    return run(this.handle, () => E.columns(this, options));
  }

  /**
   * Column names with Spark's short type names.
   *
   * @example
   * ```ts
   * await spark.sql("SELECT 1 AS a").dtypes(); // [["a", "int"]]
   * ```
   */
  dtypes(options?: CallOptions): Promise<[string, string][]> {
    return run(this.handle, () => E.dtypes(this, options));
  }

  /**
   * The result's schema, computed by the server without running the query.
   *
   * @example
   * ```ts
   * (await spark.sql("SELECT 1 AS x").schema()).fields[0]; // { name: "x", dataType: { kind: "integer" }, nullable: false }
   * ```
   */
  schema(options?: CallOptions): Promise<StructType> {
    return run(this.handle, () => E.schema(this, options));
  }

  /**
   * The first `n` rows.
   *
   * @example
   * ```ts
   * await df.take(5);
   * ```
   */
  take(n: number, options?: CollectOptions): Promise<Row[]> {
    return run(this.handle, () => E.take(this, n, options));
  }

  /**
   * The first row, or undefined for an empty result.
   *
   * @example
   * ```ts
   * const top = await df.orderBy(col("score").desc()).first();
   * ```
   */
  first(options?: CollectOptions): Promise<Row | undefined> {
    return run(this.handle, () => E.first(this, options));
  }

  /**
   * The first `n` rows (default 1, as an array).
   *
   * @example
   * ```ts
   * await df.head(3);
   * ```
   */
  head(n = 1, options?: CollectOptions): Promise<Row[]> {
    return run(this.handle, () => E.head(this, n, options));
  }

  /**
   * The last `n` rows (the whole result passes through the driver).
   *
   * @example
   * ```ts
   * await df.orderBy("ts").tail(3);
   * ```
   */
  tail(n: number, options?: CollectOptions): Promise<Row[]> {
    return run(this.handle, () => E.tail(this, n, options));
  }

  /**
   * Whether the result has no rows.
   *
   * @example
   * ```ts
   * if (await df.filter("amount < 0").isEmpty()) ...
   * ```
   */
  isEmpty(options?: ActionOptions): Promise<boolean> {
    return run(this.handle, () => E.isEmpty(this, options));
  }

  /**
   * Spark's text table of the first `n` rows (cells cut to `truncate` characters, 20 by
   * default, `false` for none), as `show()` prints it.
   *
   * @example
   * ```ts
   * console.log(await df.showString(5));
   * ```
   */
  showString(n = 20, truncate: boolean | number = true, vertical = false, options: ActionOptions = {}): Promise<string> {
    return run(this.handle, () => E.showString(this, { ...options, n, truncate, vertical }));
  }

  /**
   * Prints the first `n` rows as a table.
   *
   * @example
   * ```ts
   * await df.show();
   * // +---+-----+
   * // | id| name|
   * // ...
   * ```
   */
  show(n = 20, truncate: boolean | number = true, vertical = false, options: ActionOptions = {}): Promise<void> {
    return run(this.handle, () => E.show(this, { ...options, n, truncate, vertical }));
  }

  /**
   * The schema as Spark's tree text (`root |-- name: type (nullable = true)`).
   *
   * @example
   * ```ts
   * console.log(await df.treeString());
   * ```
   */
  treeString(level?: number, options?: CallOptions): Promise<string> {
    return run(this.handle, () => E.treeString(this, level, options));
  }

  /** Prints the schema tree. @example await df.printSchema() */
  printSchema(level?: number, options?: CallOptions): Promise<void> {
    return run(this.handle, () => E.printSchema(this, level, options));
  }

  /**
   * The query plan as Spark explains it: `"simple"` (physical plan), `"extended"`,
   * `"codegen"`, `"cost"` or `"formatted"`.
   *
   * @example
   * ```ts
   * console.log(await df.explain("formatted"));
   * ```
   */
  explain(mode: ExplainMode | boolean = "simple", options?: CallOptions): Promise<string> {
    return run(this.handle, () => E.explain(this, mode, options));
  }

  /** Whether collect() and take() can run locally without executors. @example await df.isLocal() */
  isLocal(options?: CallOptions): Promise<boolean> {
    return run(this.handle, () => E.isLocal(this, options));
  }

  /** Whether the DataFrame reads a stream. @example await df.isStreaming() */
  isStreaming(options?: CallOptions): Promise<boolean> {
    return run(this.handle, () => E.isStreaming(this, options));
  }

  /** The files the DataFrame reads (best effort). @example await spark.read.parquet(dir).inputFiles() */
  inputFiles(options?: CallOptions): Promise<string[]> {
    return run(this.handle, () => E.inputFiles(this, options));
  }

  /** A hash of the plan's meaning (equal plans, equal hashes). @example await df.semanticHash() */
  semanticHash(options?: CallOptions): Promise<number> {
    return run(this.handle, () => E.semanticHash(this, options));
  }

  /**
   * Whether two DataFrames compute the same thing.
   *
   * @example
   * ```ts
   * await a.sameSemantics(b);
   * ```
   */
  sameSemantics(other: DataFrame<unknown>, options?: CallOptions): Promise<boolean> {
    return run(this.handle, () => E.sameSemantics(this, other, options));
  }

  /**
   * Caches the result on the cluster (memory and disk) for later actions.
   *
   * @example
   * ```ts
   * const hot = await df.cache();
   * ```
   */
  cache(options?: CallOptions): Promise<DataFrame<Row>> {
    return run(this.handle, () => E.cache(this, options));
  }

  /**
   * Caches the result with a storage level.
   *
   * @example
   * ```ts
   * await df.persist("MEMORY_ONLY");
   * ```
   */
  persist(level: StorageLevelName = "MEMORY_AND_DISK_DESER", options?: CallOptions): Promise<DataFrame<Row>> {
    return run(this.handle, () => E.persist(this, level, options));
  }

  /**
   * Drops the cached result.
   *
   * @example
   * ```ts
   * await df.unpersist();
   * ```
   */
  unpersist(blocking = false, options?: CallOptions): Promise<DataFrame<Row>> {
    return run(this.handle, () => E.unpersist(this, blocking, options));
  }

  /**
   * The storage level the DataFrame is cached with (all false when it is not).
   *
   * @example
   * ```ts
   * (await df.storageLevel()).useMemory;
   * ```
   */
  storageLevel(options?: CallOptions): Promise<StorageLevelInfo> {
    return run(this.handle, () => E.storageLevel(this, options));
  }

  /**
   * Whether the DataFrame is cached (its storage level is not NONE), asked of the server as
   * PySpark's is_cached.
   *
   * @example
   * ```ts
   * await df.cache();
   * await df.isCached(); // true
   * ```
   */
  isCached(options?: CallOptions): Promise<boolean> {
    return run(this.handle, () => E.isCached(this, options));
  }

  /**
   * The session this DataFrame belongs to.
   *
   * @example
   * ```ts
   * await df.sparkSession.sql("SELECT 1").collect();
   * ```
   */
  get sparkSession(): SparkSession {
    return ownerOf(this.handle) as SparkSession;
  }

  /**
   * Registers the DataFrame as a temporary view of this session (replacing one of the
   * same name).
   *
   * @example
   * ```ts
   * await df.createOrReplaceTempView("orders");
   * await spark.sql("SELECT count(*) FROM orders").collect();
   * ```
   */
  createOrReplaceTempView(name: string, options?: OperationOptions): Promise<void> {
    return run(this.handle, () => E.createOrReplaceTempView(this, name, options));
  }

  /** Registers a temporary view; fails if it exists. @example await df.createTempView("v") */
  createTempView(name: string, options?: OperationOptions): Promise<void> {
    return run(this.handle, () => E.createTempView(this, name, options));
  }

  /** Registers a view visible to all sessions (as global_temp.name). @example await df.createOrReplaceGlobalTempView("v") */
  createOrReplaceGlobalTempView(name: string, options?: OperationOptions): Promise<void> {
    return run(this.handle, () => E.createOrReplaceGlobalTempView(this, name, options));
  }

  /** Registers a global temporary view; fails if it exists. @example await df.createGlobalTempView("v") */
  createGlobalTempView(name: string, options?: OperationOptions): Promise<void> {
    return run(this.handle, () => E.createGlobalTempView(this, name, options));
  }

  /**
   * Count, mean, stddev, min and max of numeric and string columns (all when none given).
   *
   * @example
   * ```ts
   * await df.describe("amount").show();
   * ```
   */
  describe(...cols: string[]): DataFrame<Record<string, unknown>> {
    return this.derive(StatNode.create(this.plan, { type: "describe", columns: cols }));
  }

  /**
   * Summary statistics: count, mean, stddev, min, percentiles (`"25%"`), max by default.
   *
   * @example
   * ```ts
   * await df.summary("count", "min", "50%", "max").show();
   * ```
   */
  summary(...statistics: string[]): DataFrame<Record<string, unknown>> {
    return this.derive(StatNode.create(this.plan, { type: "summary", statistics }));
  }

  /**
   * The result as Arrow record batches, fetched as you iterate: memory holds one batch
   * at a time, and leaving the loop early interrupts the query on the server.
   *
   * @example
   * ```ts
   * for await (const batch of spark.range(100_000_000).batches()) total += batch.numRows;
   * ```
   */
  batches(options?: ActionOptions): AsyncIterable<RecordBatch<ArrowTypeMap<Row>>> {
    return iterate(this.handle, E.batches(this, options));
  }

  /**
   * Iterates the rows, converted batch by batch as they arrive (see `batches()`).
   *
   * @example
   * ```ts
   * for await (const row of spark.sql("SELECT * FROM events")) console.log(row);
   * ```
   */
  [Symbol.asyncIterator](): AsyncIterator<Row> {
    return iterate(this.handle, E.rows(this))[Symbol.asyncIterator]();
  }

  /**
   * A preview of the result for notebooks and terminals: the schema, the first rows (20 by
   * default, fetched with one query bounded by a limit) and, with `explain`, the plan. In
   * Deno's Jupyter kernel the preview renders as an HTML table when it is a cell's value;
   * in tslab, `tslab.display.html(preview.html)`; in a terminal it prints as a text table.
   * See docs/notebooks.md.
   *
   * @example
   * ```ts
   * await df.display();                                 // the last line of a Deno notebook cell
   * await df.display({ rows: 100, explain: true });     // more rows, and the plan
   * console.log(String(await df.display({ rows: 5 }))); // a text table
   * ```
   */
  display(options?: DisplayOptions): Promise<DataFramePreview> {
    return run(this.handle, () => E.display(this, options));
  }

  /**
   * The HTML of `display()`'s preview (table, schema, optionally the plan), for notebooks
   * that take HTML from the user, such as tslab.
   *
   * @example
   * ```ts
   * import * as tslab from "tslab";
   * tslab.display.html(await df.toHTML({ rows: 10 }));
   * ```
   */
  toHTML(options?: DisplayOptions): Promise<string> {
    return run(this.handle, () => E.toHTML(this, options));
  }

  /** What a Jupyter kernel (Deno's) shows of the DataFrame itself: the plan and the hint to `await df.display()`. */
  [JUPYTER_DISPLAY](): MimeBundle {
    return dataFrameBundle(this.plan);
  }

  /** What `console.log(df)` shows: `DataFrame [Project ← Filter ← Sql "SELECT …"] columns: a, b`. */
  [INSPECT](): string {
    return dataFrameText(this.plan);
  }
}

/**
 * PySpark's DataFrame shortcuts of `df.na` and `df.stat`: each has exactly the type of the
 * method it calls (overloads included), so the two stay in step.
 */
export interface DataFrame<Row = Record<string, unknown>> {
  /**
   * Same as `df.na.fill(...)`: replaces nulls with a value, in the columns of its type or
   * in `subset`, or per column with a map.
   *
   * @example
   * ```ts
   * df.fillna(0, ["amount"]);
   * df.fillna({ amount: 0, name: "unknown" });
   * ```
   */
  fillna: DataFrameNaFunctions<Row>["fill"];
  /**
   * Same as `df.na.drop(...)`: drops rows with nulls.
   *
   * @example
   * ```ts
   * df.dropna({ how: "all", subset: ["a", "b"] });
   * ```
   */
  dropna: DataFrameNaFunctions<Row>["drop"];
  /**
   * Same as `df.na.replace(...)`: replaces values.
   *
   * @example
   * ```ts
   * df.replace({ "N/A": "unknown" }, ["name"]);
   * ```
   */
  replace: DataFrameNaFunctions<Row>["replace"];
  /**
   * Same as `df.stat.corr(...)`: the correlation of two numeric columns.
   *
   * @example
   * ```ts
   * await df.corr("height", "weight"); // 0.83
   * ```
   */
  corr: DataFrameStatFunctions<Row>["corr"];
  /**
   * Same as `df.stat.cov(...)`: the sample covariance of two numeric columns.
   *
   * @example
   * ```ts
   * await df.cov("height", "weight");
   * ```
   */
  cov: DataFrameStatFunctions<Row>["cov"];
  /**
   * Same as `df.stat.crosstab(...)`: a contingency table of two columns.
   *
   * @example
   * ```ts
   * await df.crosstab("country", "channel").show();
   * ```
   */
  crosstab: DataFrameStatFunctions<Row>["crosstab"];
  /**
   * Same as `df.stat.freqItems(...)`: frequent items of columns.
   *
   * @example
   * ```ts
   * await df.freqItems(["country"], 0.3).collect();
   * ```
   */
  freqItems: DataFrameStatFunctions<Row>["freqItems"];
  /**
   * Same as `df.stat.approxQuantile(...)`: approximate quantiles of numeric columns.
   *
   * @example
   * ```ts
   * await df.approxQuantile(["amount"], [0.5, 0.9], 0.01); // [[42, 97]]
   * ```
   */
  approxQuantile: DataFrameStatFunctions<Row>["approxQuantile"];
  /**
   * Same as `df.stat.sampleBy(...)`: a stratified sample, a fraction per value of a column.
   *
   * @example
   * ```ts
   * df.sampleBy("key", new Map([[0, 0.1], [1, 0.2]]), 7);
   * ```
   */
  sampleBy: DataFrameStatFunctions<Row>["sampleBy"];
}

type Forwarded = (...args: never[]) => unknown;
const forward = (via: "na" | "stat", name: string) =>
  function (this: DataFrame<unknown>, ...args: unknown[]): unknown {
    const target = this[via] as unknown as Record<string, (...a: unknown[]) => unknown>;
    return target[name]!(...args);
  };
for (const [via, names] of [
  ["na", [["fillna", "fill"], ["dropna", "drop"], ["replace", "replace"]]],
  ["stat", [["corr", "corr"], ["cov", "cov"], ["crosstab", "crosstab"], ["freqItems", "freqItems"], ["approxQuantile", "approxQuantile"], ["sampleBy", "sampleBy"]]],
] as const) {
  for (const [name, target] of names) {
    Object.defineProperty(DataFrame.prototype, name, { value: forward(via, target) as Forwarded, writable: true, configurable: true });
  }
}

const LATERAL_JOIN_TYPES: Record<string, LateralJoinType> = { inner: "inner", left: "left", leftouter: "left", cross: "cross" };

const JOIN_ALIASES: Record<string, JoinType> = {
  inner: "inner",
  cross: "cross",
  outer: "full",
  full: "full",
  fullouter: "full",
  full_outer: "full",
  left: "left",
  leftouter: "left",
  left_outer: "left",
  right: "right",
  rightouter: "right",
  right_outer: "right",
  semi: "semi",
  leftsemi: "semi",
  left_semi: "semi",
  anti: "anti",
  leftanti: "anti",
  left_anti: "anti",
};

function joinType(how: string): JoinType {
  const t = JOIN_ALIASES[how.toLowerCase()];
  if (t === undefined) {
    throw new InvalidPlanError({
      message: `join(): unknown join type "${how}"; use one of inner, left, right, full, semi, anti, cross (or PySpark's aliases).`,
    });
  }
  return t;
}

/** A sort order for a name, a Column, or a Column already ordered with asc()/desc(). */
function sortOrderOf(c: Column | string): SortOrderNode {
  const node = toColumnExpr(c);
  return node.kind === "SortOrder" ? node : SortOrderNode.create(node, "asc");
}

function seedOf(seed: number | bigint | undefined): bigint {
  if (seed === undefined) return BigInt(Math.floor(Math.random() * 2 ** 53));
  return typeof seed === "bigint" ? seed : BigInt(Math.trunc(seed));
}

export type { StorageLevelName } from "./types/StorageLevel.js";

/** PySpark's `ascending=` of orderBy/sort: one direction for every key, or one per key. */
export interface SortOptions {
  readonly ascending: boolean | readonly boolean[];
}

function isSortOptions(v: unknown): v is SortOptions {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Column) && "ascending" in v;
}

/** The sort orders of orderBy/sort arguments: keys (names, Columns, lists of them), then optionally `{ ascending }`. */
function sortKeys(method: string, args: readonly unknown[]): SortOrderNode[] {
  const last = args[args.length - 1];
  const options = isSortOptions(last) ? last : undefined;
  const keys = list((options === undefined ? args : args.slice(0, -1)) as (Column | string)[]);
  for (const k of keys) {
    if (!(k instanceof Column) && typeof k !== "string") {
      throw new InvalidPlanError({
        message: `${method}(): the keys are column names or Columns, and the last argument may be { ascending: boolean | boolean[] }; got ${k === null ? "null" : typeof k}.`,
      });
    }
  }
  const orders = keys.map(sortOrderOf);
  if (options === undefined) return orders;
  const asc = options.ascending;
  const explicit = keys.map((k) => k instanceof Column && k.node.kind === "SortOrder");
  if (typeof asc === "boolean") return asc ? orders : orders.map((o, i) => (explicit[i] ? o : SortOrderNode.create(o.expr, "desc")));
  if (!Array.isArray(asc) || asc.some((a) => typeof a !== "boolean")) {
    throw new InvalidPlanError({ message: `${method}(): ascending must be a boolean or a list of booleans, one per key.` });
  }
  if (asc.length !== orders.length) {
    throw new InvalidPlanError({
      message: `${method}(): ascending lists ${asc.length} direction(s) for ${orders.length} key(s); give one per key, or a single boolean for all.`,
    });
  }
  return orders.map((o, i) => (asc[i] || explicit[i] ? o : SortOrderNode.create(o.expr, "desc")));
}

/**
 * An object type that a function is not assignable to, so that an overload taking a map
 * of columns does not capture a query lambda meant for the overload before it.
 */
type NotAFunction<T> = T & { readonly call?: never };
