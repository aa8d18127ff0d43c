import type { StructType } from "../types/DataType.js";
import type { PlanNode } from "./PlanNode.js";

/** The input reconciled to a schema: columns matched by name, reordered, cast, missing ones refused. */
export interface ToSchemaNode {
  readonly kind: "ToSchema";
  readonly input: PlanNode;
  readonly schema: StructType;
}

export const ToSchemaNode = Object.freeze({
  create(input: PlanNode, schema: StructType): ToSchemaNode {
    return Object.freeze({ kind: "ToSchema", input, schema });
  },
});
