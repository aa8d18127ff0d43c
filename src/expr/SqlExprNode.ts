/** A SQL expression given as text (`expr("a + 1")`, `selectExpr`), parsed by Spark. */
export interface SqlExprNode {
  readonly kind: "SqlExpr";
  readonly sql: string;
}

export const SqlExprNode = Object.freeze({
  create(sql: string): SqlExprNode {
    return Object.freeze({ kind: "SqlExpr", sql });
  },
});
