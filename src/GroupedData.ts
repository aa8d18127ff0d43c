import { Column, toColumnExpr } from "./Column.js";
import type { QueryLambda } from "./dsl/brand.js";
import type { DataFrame } from "./DataFrame.js";
import { AliasNode } from "./expr/AliasNode.js";
import type { ExprNode } from "./expr/ExprNode.js";
import { FunctionCallNode } from "./expr/FunctionCallNode.js";
import type { LiteralValue } from "./expr/LiteralNode.js";
import { LiteralNode } from "./expr/LiteralNode.js";
import { AggregateNode, type Grouping } from "./plan/AggregateNode.js";
import { list } from "./internal/args.js";
import { InvalidPlanError } from "../runtime/errors.js";
import { isLambdaArg, lambdaFields, UNQUALIFIED } from "./dsl/lambda.js";
import { groupedDataText, INSPECT } from "./display/inspect.js";

/**
 * Rows grouped by `groupBy`, `rollup`, `cube` (or pivoted), waiting for aggregates.
 *
 * @example
 * ```ts
 * df.groupBy("country").agg(sum("amount").alias("total"));
 * df.groupBy("year").pivot("quarter", [1, 2, 3, 4]).sum("revenue");
 * ```
 */
export class GroupedData<Row = unknown, Keys = Record<string, unknown>> {
  /** @internal */
  constructor(
    private readonly df: DataFrame<Row>,
    private readonly keys: readonly ExprNode[],
    private readonly grouping: Grouping,
  ) {}

  /**
   * Aggregates each group: Columns (`sum("x")`), or a map of column name to function name.
   *
   * @example
   * ```ts
   * df.groupBy("k").agg(count("*").alias("n"), max("v"));
   * df.groupBy("k").agg({ v: "max", w: "avg" });
   * ```
   */
  agg<R = Record<string, unknown>>(...exprs: (Column | readonly Column[] | Readonly<Record<string, string>>)[]): DataFrame<R>;
  /**
   * Aggregates each group with a query lambda returning an object literal of aggregates
   * (sum, avg, min, max, count, ... from spark-connect-ts/dsl); the result rows hold the
   * group keys and these fields.
   *
   * @example
   * ```ts
   * df.groupBy((e) => ({ country: e.country })).agg((e) => ({ total: sum(e.amount), n: count() }));
   * ```
   */
  agg<A>(fn: QueryLambda<"agg", (row: Row) => A>): DataFrame<Keys & A>;
  agg<R = Record<string, unknown>>(...exprs: unknown[]): DataFrame<R> {
    let nodes: ExprNode[];
    if (exprs.length === 1 && isLambdaArg(exprs[0])) {
      nodes = lambdaFields("agg", exprs[0], UNQUALIFIED).map(([n, c]) => AliasNode.create(c.node, n));
    } else if (exprs.length === 1 && !(exprs[0] instanceof Column) && !Array.isArray(exprs[0])) {
      nodes = Object.entries(exprs[0] as Record<string, string>).map(([column, fn]) =>
        // The function as named (PySpark Connect sends "mean" too, so the column is `mean(x)`).
        FunctionCallNode.create(fn, [column === "*" ? LiteralNode.create(1) : toColumnExpr(column)]),
      );
    } else {
      nodes = list(exprs as (Column | readonly Column[])[]).map((c) => {
        if (!(c instanceof Column)) throw new InvalidPlanError({ message: "agg() takes Columns such as sum(\"x\"), or one { column: function } map." });
        return c.node;
      });
    }
    if (nodes.length === 0) throw new InvalidPlanError({ message: "agg() needs at least one aggregate." });
    return this.df.withPlan(AggregateNode.create(this.df.plan, this.keys, nodes, this.grouping));
  }

  private simple(fn: string, cols: string[]): DataFrame<Record<string, unknown>> {
    if (cols.length === 0) {
      throw new InvalidPlanError({ message: `${fn}() on grouped data needs the numeric columns to aggregate, e.g. .${fn}("amount").` });
    }
    return this.agg(...cols.map((c) => new Column(FunctionCallNode.create(fn, [toColumnExpr(c)]))));
  }

  /** Rows per group, as column `count`. @example df.groupBy("k").count() */
  count(): DataFrame<Record<string, unknown>> {
    return this.agg(new Column(AliasNode.create(FunctionCallNode.create("count", [LiteralNode.create(1)]), "count")));
  }
  /** Sum of each column per group. @example df.groupBy("k").sum("v") */
  sum(...cols: string[]): DataFrame<Record<string, unknown>> {
    return this.simple("sum", cols);
  }
  /** Average of each column per group. @example df.groupBy("k").avg("v") */
  avg(...cols: string[]): DataFrame<Record<string, unknown>> {
    return this.simple("avg", cols);
  }
  /** Same as avg. @example df.groupBy("k").mean("v") */
  mean(...cols: string[]): DataFrame<Record<string, unknown>> {
    return this.simple("avg", cols);
  }
  /** Minimum of each column per group. @example df.groupBy("k").min("v") */
  min(...cols: string[]): DataFrame<Record<string, unknown>> {
    return this.simple("min", cols);
  }
  /** Maximum of each column per group. @example df.groupBy("k").max("v") */
  max(...cols: string[]): DataFrame<Record<string, unknown>> {
    return this.simple("max", cols);
  }

  /**
   * Pivots a column's values into columns (listing `values` avoids a pass to find them).
   *
   * @example
   * ```ts
   * df.groupBy("year").pivot("quarter", [1, 2, 3, 4]).agg(sum("revenue"));
   * ```
   */
  pivot(column: Column | string, values?: readonly LiteralValue[]): GroupedData<Row> {
    if (this.grouping.type !== "groupBy") {
      throw new InvalidPlanError({ message: "pivot() can only follow groupBy(), once." });
    }
    return new GroupedData(this.df, this.keys, { type: "pivot", column: toColumnExpr(column), values });
  }

  /** What `console.log(grouped)` shows: `GroupedData [groupBy country] of DataFrame [...]`. */
  [INSPECT](): string {
    return groupedDataText(this.df.plan, this.keys, this.grouping);
  }
}
