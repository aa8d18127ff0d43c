/**
 * A column by (possibly dotted or back-quoted) name, resolved by Spark. `plan` ties it to
 * one DataFrame's plan (df.col("x")), which disambiguates joins of a plan with itself.
 * `as: "regex"` makes the name a regular expression selecting every matching column
 * (`df.colRegex`); `as: "metadata"` names a metadata column of the source (`df.metadataColumn`).
 */
export interface ColumnRefNode {
  readonly kind: "ColumnRef";
  readonly name: string;
  readonly plan: object | undefined;
  readonly as?: "regex" | "metadata";
}

export const ColumnRefNode = Object.freeze({
  create(name: string, plan?: object, as?: "regex" | "metadata"): ColumnRefNode {
    return Object.freeze(as === undefined ? { kind: "ColumnRef", name, plan } : { kind: "ColumnRef", name, plan, as });
  },
});
