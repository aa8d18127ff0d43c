/** A column by (possibly dotted or back-quoted) name, resolved by Spark. */
export interface ColumnRefNode {
  readonly kind: "ColumnRef";
  readonly name: string;
}

export const ColumnRefNode = Object.freeze({
  create(name: string): ColumnRefNode {
    return Object.freeze({ kind: "ColumnRef", name });
  },
});
