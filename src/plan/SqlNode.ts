/** A relation given by SQL text. */
export interface SqlNode {
  readonly kind: "Sql";
  readonly query: string;
}

export const SqlNode = Object.freeze({
  create(query: string): SqlNode {
    return Object.freeze({ kind: "Sql", query });
  },
});
