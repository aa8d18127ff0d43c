/** `*` or `t.*`: every column (of one input, by alias `target` or by `plan`). */
export interface StarNode {
  readonly kind: "Star";
  readonly target: string | undefined;
  readonly plan: object | undefined;
}

export const StarNode = Object.freeze({
  create(target?: string, plan?: object): StarNode {
    return Object.freeze({ kind: "Star", target, plan });
  },
});
