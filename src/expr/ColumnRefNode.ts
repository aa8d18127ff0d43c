/**
 * A column by (possibly dotted or back-quoted) name, resolved by Spark. `plan` ties it to
 * one DataFrame's plan (df.col("x")), which disambiguates joins of a plan with itself.
 */
export interface ColumnRefNode {
  readonly kind: "ColumnRef";
  readonly name: string;
  readonly plan: object | undefined;
}

export const ColumnRefNode = Object.freeze({
  create(name: string, plan?: object): ColumnRefNode {
    return Object.freeze({ kind: "ColumnRef", name, plan });
  },
});
