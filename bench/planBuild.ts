// Case 7: building and encoding big plans on the client (no server involved).
//
// The DataFrame API for select/join is being built. Until it lands, the wide select is
// built from the plan IR directly: an AggregateNode with no grouping and 1,000 aliased
// expressions `(id + i) AS c<i>` stands in for `select` (same expression trees, one
// relation wrapping them, the same encoder path to protobuf). There is no Join node yet,
// so the 200-join plan cannot be built: `joins()` returns undefined and the report says so.
//
// To switch to the DataFrame API, replace the bodies marked SWITCH with e.g.
//   spark.range(10).select(...1,000 columns...)  and  df.join(spark.range(10), ...) x200
// and encode with `encodePlan(df.plan)`; the PySpark side already uses its DataFrame API.
import { toBinary } from "@bufbuild/protobuf";
import { PlanSchema } from "../generated/spark/connect/base_pb.js";
import { AliasNode } from "../src/expr/AliasNode.js";
import { ColumnRefNode } from "../src/expr/ColumnRefNode.js";
import { FunctionCallNode } from "../src/expr/FunctionCallNode.js";
import { LiteralNode } from "../src/expr/LiteralNode.js";
import { AggregateNode } from "../src/plan/AggregateNode.js";
import { encodePlan } from "../src/plan/encodeRelation.js";
import type { PlanNode } from "../src/plan/PlanNode.js";
import { RangeNode } from "../src/plan/RangeNode.js";

export interface PlanTiming {
  /** Seconds per build + encode, averaged over `inner` builds. */
  readonly seconds: number;
  /** Size of the encoded Plan message. */
  readonly bytes: number;
}

function wideSelectPlan(width: number): PlanNode {
  // SWITCH: spark.range(10).select(...) once DataFrame.select exists.
  const exprs = [];
  for (let i = 0; i < width; i++) {
    exprs.push(AliasNode.create(FunctionCallNode.create("+", [ColumnRefNode.create("id"), LiteralNode.create(i)]), `c${i}`));
  }
  return AggregateNode.create(RangeNode.create(0n, 10n, 1n), [], exprs);
}

function time(inner: number, build: () => PlanNode): PlanTiming {
  let bytes = 0;
  const t0 = performance.now();
  for (let i = 0; i < inner; i++) bytes = toBinary(PlanSchema, encodePlan(build())).byteLength;
  return { seconds: (performance.now() - t0) / 1000 / inner, bytes };
}

/** Builds and encodes a 1,000-column (`width`) select, `inner` times. */
export function wideSelect(width: number, inner: number): PlanTiming {
  return time(inner, () => wideSelectPlan(width));
}

/** Builds and encodes `count` chained joins; undefined until the plan IR has a Join node. */
export function joins(_count: number, _inner: number): PlanTiming | undefined {
  // SWITCH: let df = spark.range(10); for (...) df = df.join(spark.range(10), ...); encodePlan(df.plan)
  return undefined;
}
