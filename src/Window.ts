import type { Column } from "./Column.js";
import { toColumnExpr } from "./Column.js";
import type { ExprNode } from "./expr/ExprNode.js";
import { LiteralNode } from "./expr/LiteralNode.js";
import { SortOrderNode } from "./expr/SortOrderNode.js";
import type { FrameBoundary, WindowFrame } from "./expr/WindowNode.js";

function order(c: Column | string): SortOrderNode {
  const node = toColumnExpr(c);
  return node.kind === "SortOrder" ? node : SortOrderNode.create(node, "asc");
}

function bound(v: number | bigint): FrameBoundary {
  if (v === Window.unboundedPreceding || v === Window.unboundedFollowing) return "unbounded";
  if (v === Window.currentRow || v === 0n) return "currentRow";
  return LiteralNode.create(v);
}

/**
 * A window specification: partitioning, ordering and frame. Immutable.
 *
 * @example
 * ```ts
 * const w = Window.partitionBy("country").orderBy(col("ts").desc()).rowsBetween(Window.unboundedPreceding, Window.currentRow);
 * df.select(col("*"), sum("amount").over(w).alias("running"));
 * ```
 */
export class WindowSpec {
  /** @internal */
  constructor(
    /** @internal */ readonly partitionSpec: readonly ExprNode[] = [],
    /** @internal */ readonly orderSpec: readonly SortOrderNode[] = [],
    /** @internal */ readonly frame: WindowFrame | undefined = undefined,
  ) {}

  /** Partitions by these columns. */
  partitionBy(...cols: (Column | string)[]): WindowSpec {
    return new WindowSpec(cols.map(toColumnExpr), this.orderSpec, this.frame);
  }
  /** Orders each partition. */
  orderBy(...cols: (Column | string)[]): WindowSpec {
    return new WindowSpec(this.partitionSpec, cols.map(order), this.frame);
  }
  /** A ROWS frame from `start` to `end` rows relative to the current one. */
  rowsBetween(start: number, end: number): WindowSpec {
    return new WindowSpec(this.partitionSpec, this.orderSpec, { type: "rows", lower: bound(start), upper: bound(end) });
  }
  /** A RANGE frame between two offsets of the ordering value. */
  rangeBetween(start: number | bigint, end: number | bigint): WindowSpec {
    return new WindowSpec(this.partitionSpec, this.orderSpec, { type: "range", lower: bound(start), upper: bound(end) });
  }
}

/**
 * Entry points for window specifications, as in PySpark.
 *
 * @example
 * ```ts
 * rowNumber().over(Window.partitionBy("k").orderBy("t"));
 * ```
 */
export const Window = Object.freeze({
  unboundedPreceding: Number.MIN_SAFE_INTEGER,
  unboundedFollowing: Number.MAX_SAFE_INTEGER,
  currentRow: 0,
  partitionBy: (...cols: (Column | string)[]) => new WindowSpec().partitionBy(...cols),
  orderBy: (...cols: (Column | string)[]) => new WindowSpec().orderBy(...cols),
  rowsBetween: (start: number, end: number) => new WindowSpec().rowsBetween(start, end),
  rangeBetween: (start: number | bigint, end: number | bigint) => new WindowSpec().rangeBetween(start, end),
});
