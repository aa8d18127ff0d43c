import { Column, type ColumnOrValue, toColumnExpr, toExpr } from "../Column.js";
import { ColumnRefNode } from "../expr/ColumnRefNode.js";
import { FunctionCallNode } from "../expr/FunctionCallNode.js";
import { LiteralNode, type LiteralValue } from "../expr/LiteralNode.js";
import { SqlExprNode } from "../expr/SqlExprNode.js";
import { StarNode } from "../expr/StarNode.js";
import { InvalidPlanError } from "../../runtime/errors.js";

/**
 * A column by name; `"*"` is every column, `"t.*"` every column of alias `t`.
 *
 * @example
 * ```ts
 * df.select(col("name"), col("address.city"));
 * ```
 */
export function col(name: string): Column {
  if (typeof name !== "string" || name === "") throw new InvalidPlanError({ message: "col() needs a column name." });
  if (name === "*") return new Column(StarNode.create());
  if (name.endsWith(".*")) return new Column(StarNode.create(name.slice(0, -2)));
  return new Column(ColumnRefNode.create(name));
}

/** Same as col. @example column("a") */
export const column = col;

/**
 * A literal value (a Column is returned unchanged).
 *
 * @example
 * ```ts
 * df.withColumn("source", lit("import"));
 * ```
 */
export function lit(value: ColumnOrValue): Column {
  return value instanceof Column ? value : new Column(LiteralNode.create(value as LiteralValue));
}

/**
 * A SQL expression parsed by Spark.
 *
 * @example
 * ```ts
 * df.select(expr("amount * 1.23 AS gross"));
 * ```
 */
export function expr(sql: string): Column {
  return new Column(SqlExprNode.create(sql));
}

/**
 * Starts a CASE WHEN chain; continue with `.when(...)` and end with `.otherwise(...)`.
 *
 * @example
 * ```ts
 * when(col("score").ge(90), "A").when(col("score").ge(80), "B").otherwise("C");
 * ```
 */
export function when(condition: Column, value: ColumnOrValue): Column {
  return new Column(FunctionCallNode.create("when", [condition.node, toExpr(value)]));
}

/**
 * Calls any Spark SQL function by name: the escape hatch for functions this module
 * does not list. Strings are column names; wrap values in lit().
 *
 * @example
 * ```ts
 * callFunction("bit_count", col("flags"));
 * ```
 */
export function callFunction(name: string, ...args: (Column | string)[]): Column {
  return new Column(FunctionCallNode.create(name, args.map(toColumnExpr)));
}

/** Internal: a call of Spark function `name` on columns (names) and literal values. */
export function fn(name: string, ...args: ColumnOrValue[]): Column {
  return new Column(FunctionCallNode.create(name, args.map(toExpr)));
}
