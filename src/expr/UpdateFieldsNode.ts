import type { ExprNode } from "./ExprNode.js";

/** `struct.withField(name, value)`, or with no value `struct.dropFields(name)`. */
export interface UpdateFieldsNode {
  readonly kind: "UpdateFields";
  readonly struct: ExprNode;
  readonly field: string;
  readonly value: ExprNode | undefined;
}

export const UpdateFieldsNode = Object.freeze({
  create(struct: ExprNode, field: string, value?: ExprNode): UpdateFieldsNode {
    return Object.freeze({ kind: "UpdateFields", struct, field, value });
  },
});
