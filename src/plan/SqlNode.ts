import type { ExprNode } from "../expr/ExprNode.js";

/** A relation given by SQL text, with `:name` or `?` parameters bound as literals. */
export interface SqlNode {
  readonly kind: "Sql";
  readonly query: string;
  readonly named: Readonly<Record<string, ExprNode>>;
  readonly positional: readonly ExprNode[];
}

export const SqlNode = Object.freeze({
  create(query: string, named: Readonly<Record<string, ExprNode>> = {}, positional: readonly ExprNode[] = []): SqlNode {
    return Object.freeze({ kind: "Sql", query, named: Object.freeze({ ...named }), positional: Object.freeze([...positional]) });
  },
});
