import { create } from "@bufbuild/protobuf";
import { type Plan, PlanSchema } from "../../generated/spark/connect/base_pb.js";
import { Aggregate_GroupType, type Relation, RelationSchema } from "../../generated/spark/connect/relations_pb.js";
import { encodeExpression } from "../expr/encodeExpression.js";
import type { PlanNode } from "./PlanNode.js";

/**
 * Encodes a plan tree. Each distinct node gets a plan id, numbered in the order the
 * encoder first meets it, so the same tree always encodes to the same bytes.
 */
class RelationEncoder {
  private readonly ids = new Map<PlanNode, bigint>();

  private planId(node: PlanNode): bigint {
    let id = this.ids.get(node);
    if (id === undefined) {
      id = BigInt(this.ids.size);
      this.ids.set(node, id);
    }
    return id;
  }

  relation(node: PlanNode): Relation {
    const common = { planId: this.planId(node) };
    switch (node.kind) {
      case "Sql":
        return create(RelationSchema, { common, relType: { case: "sql", value: { query: node.query } } });
      case "Range":
        return create(RelationSchema, {
          common,
          relType: {
            case: "range",
            value: {
              start: node.start,
              end: node.end,
              step: node.step,
              ...(node.numPartitions !== undefined ? { numPartitions: node.numPartitions } : {}),
            },
          },
        });
      case "Aggregate":
        return create(RelationSchema, {
          common,
          relType: {
            case: "aggregate",
            value: {
              input: this.relation(node.input),
              groupType: Aggregate_GroupType.GROUPBY,
              groupingExpressions: node.groupBy.map((x) => encodeExpression(x)),
              aggregateExpressions: node.aggregates.map((x) => encodeExpression(x)),
            },
          },
        });
      case "Limit":
        return create(RelationSchema, {
          common,
          relType: { case: "limit", value: { input: this.relation(node.input), limit: node.limit } },
        });
    }
  }
}

/** Encodes a plan tree as the protocol's Relation. */
export function encodeRelation(node: PlanNode): Relation {
  return new RelationEncoder().relation(node);
}

/** Wraps a plan tree as a root Plan, ready for ExecutePlan or AnalyzePlan. */
export function encodePlan(node: PlanNode): Plan {
  return create(PlanSchema, { opType: { case: "root", value: encodeRelation(node) } });
}
