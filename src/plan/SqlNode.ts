import type { ExprNode } from "../expr/ExprNode.js";

/** A relation given by SQL text, with `:name` or `?` parameters bound as literals. */
export interface SqlNode {
  readonly kind: "Sql";
  readonly query: string;
  readonly named: Readonly<Record<string, ExprNode>>;
  readonly positional: readonly ExprNode[];
  /**
   * Made by `spark.sql()`: the text is sent once as a SQL command (which runs a command
   * at once) and the DataFrame stands on the relation the server answers with.
   */
  readonly command: boolean;
}

export const SqlNode = Object.freeze({
  create(query: string, named: Readonly<Record<string, ExprNode>> = {}, positional: readonly ExprNode[] = [], command = false): SqlNode {
    return Object.freeze({ kind: "Sql", query, named: Object.freeze({ ...named }), positional: Object.freeze([...positional]), command });
  },
});
