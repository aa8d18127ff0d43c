import { AliasNode } from "./expr/AliasNode.js";
import { CastNode } from "./expr/CastNode.js";
import { ColumnRefNode } from "./expr/ColumnRefNode.js";
import type { ExprNode } from "./expr/ExprNode.js";
import { ExtractNode } from "./expr/ExtractNode.js";
import { FunctionCallNode } from "./expr/FunctionCallNode.js";
import { LiteralNode, type LiteralValue } from "./expr/LiteralNode.js";
import { SortOrderNode } from "./expr/SortOrderNode.js";
import { StarNode } from "./expr/StarNode.js";
import { UpdateFieldsNode } from "./expr/UpdateFieldsNode.js";
import { WindowNode } from "./expr/WindowNode.js";
import type { WindowSpec } from "./Window.js";
import { InvalidPlanError } from "../runtime/errors.js";
import { columnText, INSPECT } from "./display/inspect.js";
import { SubqueryNode } from "./expr/SubqueryNode.js";
import type { DataFrame } from "./DataFrame.js";
import type { PlanNode } from "./plan/PlanNode.js";
import type { DataType } from "./types/DataType.js";
import { typeDDL } from "./types/ddl.js";

/** A DataFrame, told apart without importing the class (which imports this module). */
function isDataFrame(v: unknown): v is DataFrame<unknown> {
  return typeof v === "object" && v !== null && !(v instanceof Column) && "plan" in v && "handle" in v && typeof (v as { collect?: unknown }).collect === "function";
}

/** The DDL text and, for a DataType object, the object, of a cast's target type. */
function castTarget(method: string, type: string | DataType): [string, DataType | undefined] {
  if (typeof type === "string") {
    if (type.trim() === "") throw new InvalidPlanError({ message: `${method}(): give a type, as DDL ("int", "decimal(10,2)") or a DataType object ({ kind: "integer" }).` });
    return [type, undefined];
  }
  if (typeof type !== "object" || type === null || typeof (type as { kind?: unknown }).kind !== "string") {
    throw new InvalidPlanError({ message: `${method}(): give a type, as DDL ("int", "decimal(10,2)") or a DataType object ({ kind: "integer" }); got ${type === null ? "null" : typeof type}.` });
  }
  return [typeDDL(type), type];
}

/** A column, or a plain JavaScript value taken as a literal. */
export type ColumnOrValue = Column | LiteralValue;

/** The expression node of a column or a literal value. */
export function toExpr(v: ColumnOrValue): ExprNode {
  return v instanceof Column ? v.node : LiteralNode.create(v);
}

/** The expression node of a column or a column name. */
export function toColumnExpr(v: Column | string): ExprNode {
  if (v instanceof Column) return v.node;
  if (typeof v !== "string" || v === "") {
    throw new InvalidPlanError({ message: `Expected a Column or a column name, got ${v === "" ? "an empty string" : typeof v}.` });
  }
  if (v === "*") return StarNode.create();
  if (v.endsWith(".*")) return StarNode.create(v.slice(0, -2));
  return ColumnRefNode.create(v);
}

const call = (name: string, ...args: ExprNode[]) => new Column(FunctionCallNode.create(name, args));

/**
 * An expression over the rows of a DataFrame: a column, a literal, or a computation of
 * them. Immutable; every method returns a new Column. Build them with `col`, `lit` and
 * the functions module, or `df.col(name)`.
 *
 * @example
 * ```ts
 * import { col, lit } from "spark-connect-ts";
 * df.where(col("amount").gt(100).and(col("country").eq("PL")));
 * ```
 */
export class Column {
  /** @internal */
  constructor(/** @internal */ readonly node: ExprNode) {}

  /** `this == other` (null if either is null). @example col("a").eq(1) */
  eq(other: ColumnOrValue): Column {
    return call("==", this.node, toExpr(other));
  }
  /** `this != other` (null if either is null). @example col("a").neq("x") */
  neq(other: ColumnOrValue): Column {
    return call("not", call("==", this.node, toExpr(other)).node);
  }
  /** Null-safe equality `<=>`: true when both are null. @example col("a").eqNullSafe(col("b")) */
  eqNullSafe(other: ColumnOrValue): Column {
    return call("<=>", this.node, toExpr(other));
  }
  /** `this < other`. @example col("a").lt(10) */
  lt(other: ColumnOrValue): Column {
    return call("<", this.node, toExpr(other));
  }
  /** `this <= other`. @example col("a").le(10) */
  le(other: ColumnOrValue): Column {
    return call("<=", this.node, toExpr(other));
  }
  /** `this > other`. @example col("a").gt(10) */
  gt(other: ColumnOrValue): Column {
    return call(">", this.node, toExpr(other));
  }
  /** `this >= other`. @example col("a").ge(10) */
  ge(other: ColumnOrValue): Column {
    return call(">=", this.node, toExpr(other));
  }
  /** Logical AND. @example col("a").gt(1).and(col("b").lt(2)) */
  and(other: ColumnOrValue): Column {
    return call("and", this.node, toExpr(other));
  }
  /** Logical OR. @example col("a").isNull().or(col("a").eq(0)) */
  or(other: ColumnOrValue): Column {
    return call("or", this.node, toExpr(other));
  }
  /** Logical NOT. @example col("flag").not() */
  not(): Column {
    return call("not", this.node);
  }
  /** `this + other`. @example col("a").plus(1) */
  plus(other: ColumnOrValue): Column {
    return call("+", this.node, toExpr(other));
  }
  /** `this - other`. @example col("a").minus(col("b")) */
  minus(other: ColumnOrValue): Column {
    return call("-", this.node, toExpr(other));
  }
  /** `this * other`. @example col("price").multiply(col("qty")) */
  multiply(other: ColumnOrValue): Column {
    return call("*", this.node, toExpr(other));
  }
  /** `this / other` (fractional division). @example col("a").divide(2) */
  divide(other: ColumnOrValue): Column {
    return call("/", this.node, toExpr(other));
  }
  /** `this % other`. @example col("a").mod(7) */
  mod(other: ColumnOrValue): Column {
    return call("%", this.node, toExpr(other));
  }
  /** `-this`. @example col("a").negate() */
  negate(): Column {
    return call("negative", this.node);
  }
  /** Bitwise AND. @example col("flags").bitwiseAND(4) */
  bitwiseAND(other: ColumnOrValue): Column {
    return call("&", this.node, toExpr(other));
  }
  /** Bitwise OR. @example col("flags").bitwiseOR(4) */
  bitwiseOR(other: ColumnOrValue): Column {
    return call("|", this.node, toExpr(other));
  }
  /** Bitwise XOR. @example col("flags").bitwiseXOR(4) */
  bitwiseXOR(other: ColumnOrValue): Column {
    return call("^", this.node, toExpr(other));
  }
  /** `this IN (values...)`. @example col("country").isin("PL", "DE") */
  isin(...values: ColumnOrValue[]): Column;
  /**
   * `this IN (subquery)`: whether the value is among the rows of a one-column DataFrame
   * (for a `struct(a, b)` column, of a DataFrame with as many columns).
   *
   * @example
   * ```ts
   * orders.where(col("userId").isin(spark.table("vip").select("id")));
   * ```
   */
  isin(subquery: DataFrame<unknown>): Column;
  isin(...values: unknown[]): Column {
    if (values.length === 1 && isDataFrame(values[0])) {
      const n = this.node;
      const left = n.kind === "FunctionCall" && n.name === "struct" && n.subquery === undefined ? n.args : [n];
      return new Column(SubqueryNode.create((values[0] as { plan: PlanNode }).plan, "in", left));
    }
    const list = values.length === 1 && Array.isArray(values[0]) ? (values[0] as LiteralValue[]) : values;
    return call("in", this.node, ...(list as ColumnOrValue[]).map(toExpr));
  }
  /** `lower <= this <= upper`. @example col("age").between(18, 65) */
  between(lower: ColumnOrValue, upper: ColumnOrValue): Column {
    return this.ge(lower).and(this.le(upper));
  }
  /** SQL LIKE with `%` and `_`. @example col("name").like("A%") */
  like(pattern: string | Column): Column {
    return call("like", this.node, toExpr(pattern));
  }
  /** Case-insensitive LIKE. @example col("name").ilike("a%") */
  ilike(pattern: string | Column): Column {
    return call("ilike", this.node, toExpr(pattern));
  }
  /** Java regular-expression match. @example col("code").rlike("^[A-Z]{2}\\d+$") */
  rlike(regex: string | Column): Column {
    return call("rlike", this.node, toExpr(regex));
  }
  /** Substring test. @example col("name").contains("an") */
  contains(other: ColumnOrValue): Column {
    return call("contains", this.node, toExpr(other));
  }
  /** Prefix test. @example col("name").startsWith("An") */
  startsWith(other: ColumnOrValue): Column {
    return call("startswith", this.node, toExpr(other));
  }
  /** Suffix test. @example col("file").endsWith(".csv") */
  endsWith(other: ColumnOrValue): Column {
    return call("endswith", this.node, toExpr(other));
  }
  /** Same as startsWith (PySpark's name). @example col("name").startswith("An") */
  startswith(other: ColumnOrValue): Column {
    return this.startsWith(other);
  }
  /** Same as endsWith (PySpark's name). @example col("file").endswith(".csv") */
  endswith(other: ColumnOrValue): Column {
    return this.endsWith(other);
  }
  /** Substring from 1-based `pos`, `len` characters. @example col("s").substr(1, 3) */
  substr(pos: number | Column, len: number | Column): Column {
    return call("substr", this.node, toExpr(pos), toExpr(len));
  }
  /** True when null. @example col("email").isNull() */
  isNull(): Column {
    return call("isnull", this.node);
  }
  /** True when not null. @example col("email").isNotNull() */
  isNotNull(): Column {
    return call("isnotnull", this.node);
  }
  /** True when NaN. @example col("ratio").isNaN() */
  isNaN(): Column {
    return call("isnan", this.node);
  }
  /**
   * Converts to a type given in Spark's DDL (`"int"`, `"decimal(10,2)"`, `"array<string>"`)
   * or as a DataType object (`{ kind: "decimal", precision: 10, scale: 2 }`, a schema's field type).
   *
   * @example
   * ```ts
   * col("s").cast("int");
   * col("s").cast({ kind: "array", elementType: { kind: "long" }, containsNull: true });
   * ```
   */
  cast(type: string | DataType): Column {
    const [ddl, dataType] = castTarget("cast", type);
    return new Column(CastNode.create(this.node, ddl, "default", dataType));
  }
  /** Like cast, but null instead of an error when the value does not convert. @example col("s").tryCast("int") */
  tryCast(type: string | DataType): Column {
    const [ddl, dataType] = castTarget("tryCast", type);
    return new Column(CastNode.create(this.node, ddl, "try", dataType));
  }
  /** Same as cast (PySpark's name). @example col("s").astype("int") */
  astype(type: string | DataType): Column {
    return this.cast(type);
  }
  /**
   * Marks a column as the outer query's inside a subquery (`scalar()`, `exists()`,
   * `lateralJoin`): Spark resolves it against the DataFrame the subquery is used in. A
   * name the subquery's own DataFrame also has resolves to the subquery's column first, so
   * qualify it with the outer DataFrame's alias (`col("u.id").outer()` for `users.alias("u")`).
   *
   * @example
   * ```ts
   * users.alias("u").where(spark.table("orders").alias("o").where(col("o.userId").eq(col("u.id").outer())).exists());
   * ```
   */
  outer(): Column {
    // Spark Connect resolves a name the subquery's own plan lacks against the outer plan,
    // so the column is sent as it is (PySpark Connect's outer() does the same).
    return new Column(this.node);
  }
  /**
   * Applies a function to this Column, for chaining your own column transformations.
   *
   * @example
   * ```ts
   * const trimmedUpper = (c: Column) => upper(trim(c));
   * df.select(col("name").transform(trimmedUpper));
   * ```
   */
  transform(f: (c: Column) => Column): Column {
    if (typeof f !== "function") throw new InvalidPlanError({ message: "transform(f): f is a function from a Column to a Column." });
    const out = f(this);
    if (!(out instanceof Column)) throw new InvalidPlanError({ message: `transform(f): f must return a Column (got ${out === null ? "null" : typeof out}).` });
    return out;
  }
  /**
   * Names the column in the output; a generator with several outputs (posexplode, inline,
   * stack) takes one name each, as PySpark's `alias("pos", "val")`.
   *
   * @example
   * ```ts
   * col("a").plus(1).alias("a1");
   * posexplode("xs").alias("pos", "x");
   * col("a").alias("a", { metadata: { comment: "the a" } });
   * ```
   */
  alias(name: string, options?: { metadata?: Record<string, unknown> }): Column;
  alias(...names: string[]): Column;
  alias(...args: (string | { metadata?: Record<string, unknown> } | undefined)[]): Column {
    const last = args.at(-1);
    const options = typeof last === "object" && last !== null ? last : undefined;
    const names = options !== undefined || last === undefined ? args.slice(0, -1) : args;
    if (names.length === 0 || names.some((n) => typeof n !== "string" || n === "")) {
      throw new InvalidPlanError({ message: "alias(): give one or more non-empty names (and optionally { metadata } after a single name)." });
    }
    if (options?.metadata !== undefined && names.length > 1) {
      throw new InvalidPlanError({ message: "alias(): metadata can be given with a single name only (ONLY_ALLOWED_FOR_SINGLE_COLUMN); alias each output separately." });
    }
    return new Column(AliasNode.create(this.node, names as string[], options?.metadata ? JSON.stringify(options.metadata) : undefined));
  }
  /** Same as alias. @example col("a").as("b") */
  as(name: string): Column {
    return this.alias(name);
  }
  /** Same as alias. @example col("a").name("b") */
  name(name: string): Column {
    return this.alias(name);
  }
  /**
   * Adds a branch to a `when(...)` chain.
   * @example when(col("a").gt(0), "pos").when(col("a").lt(0), "neg").otherwise("zero")
   */
  when(condition: Column, value: ColumnOrValue): Column {
    if (this.node.kind !== "FunctionCall" || this.node.name !== "when" || this.node.args.length % 2 !== 0) {
      throw new InvalidPlanError({ message: "when() can only follow when(...): start the chain with the when function." });
    }
    return new Column(FunctionCallNode.create("when", [...this.node.args, condition.node, toExpr(value)]));
  }
  /** The value when no branch of a `when(...)` chain matches. @example when(col("a").gt(0), 1).otherwise(0) */
  otherwise(value: ColumnOrValue): Column {
    if (this.node.kind !== "FunctionCall" || this.node.name !== "when" || this.node.args.length % 2 !== 0) {
      throw new InvalidPlanError({ message: "otherwise() can only follow when(...), once." });
    }
    return new Column(FunctionCallNode.create("when", [...this.node.args, toExpr(value)]));
  }
  /** A struct field. @example col("address").getField("city") */
  getField(name: string): Column {
    return new Column(ExtractNode.create(this.node, LiteralNode.create(name)));
  }
  /** An array element (0-based) or a map value. @example col("tags").getItem(0) */
  getItem(key: ColumnOrValue): Column {
    return new Column(ExtractNode.create(this.node, toExpr(key)));
  }
  /** A struct with one field set or added. @example col("s").withField("x", lit(1)) */
  withField(name: string, value: Column): Column {
    return new Column(UpdateFieldsNode.create(this.node, name, value.node));
  }
  /** A struct without the named fields. @example col("s").dropFields("x", "y") */
  dropFields(...names: string[]): Column {
    let node = this.node;
    for (const n of names) node = UpdateFieldsNode.create(node, n);
    return new Column(node);
  }
  /** This aggregate or window function evaluated over a window. @example rowNumber().over(Window.partitionBy("k").orderBy("t")) */
  over(window?: WindowSpec): Column {
    return new Column(WindowNode.create(this.node, window?.partitionSpec ?? [], window?.orderSpec ?? [], window?.frame));
  }
  /** Ascending order, nulls first. @example df.orderBy(col("a").asc()) */
  asc(): Column {
    return new Column(SortOrderNode.create(this.node, "asc"));
  }
  /** Ascending, nulls first. */
  ascNullsFirst(): Column {
    return new Column(SortOrderNode.create(this.node, "asc", "first"));
  }
  /** Ascending, nulls last. */
  ascNullsLast(): Column {
    return new Column(SortOrderNode.create(this.node, "asc", "last"));
  }
  /** Descending order, nulls last. @example df.orderBy(col("a").desc()) */
  desc(): Column {
    return new Column(SortOrderNode.create(this.node, "desc"));
  }
  /** Descending, nulls first. */
  descNullsFirst(): Column {
    return new Column(SortOrderNode.create(this.node, "desc", "first"));
  }
  /** Descending, nulls last. */
  descNullsLast(): Column {
    return new Column(SortOrderNode.create(this.node, "desc", "last"));
  }

  /** What `console.log(column)` shows: the expression, e.g. `Column<(amount * 2) AS double>`. */
  [INSPECT](): string {
    return columnText(this.node);
  }
}
