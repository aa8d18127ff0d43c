/** A JavaScript value sent as a Spark literal. */
export type LiteralValue = null | boolean | number | bigint | string;

/** A constant. Numbers that are safe int32 become IntegerType, other integers LongType, the rest DoubleType. */
export interface LiteralNode {
  readonly kind: "Literal";
  readonly value: LiteralValue;
}

export const LiteralNode = Object.freeze({
  create(value: LiteralValue): LiteralNode {
    return Object.freeze({ kind: "Literal", value });
  },
});
