/** A JavaScript value sent as a Spark literal. */
export type LiteralValue = null | boolean | number | bigint | string;

/** A constant. Integers that fit 32 bits become IntegerType, other safe integers LongType, the rest (and -0) DoubleType. */
export interface LiteralNode {
  readonly kind: "Literal";
  readonly value: LiteralValue;
}

export const LiteralNode = Object.freeze({
  create(value: LiteralValue): LiteralNode {
    return Object.freeze({ kind: "Literal", value });
  },
});
