/** A JavaScript value sent as a Spark literal (see encodeLiteral for the type each becomes). */
export type LiteralValue = null | boolean | number | bigint | string | Date | Uint8Array | readonly LiteralValue[];

/**
 * A constant. Integers that fit 32 bits become IntegerType, other safe integers LongType,
 * the rest (and -0) DoubleType; bigint LongType; Date TimestampType (SparkTimestamp keeps
 * microseconds); Uint8Array BinaryType; arrays ArrayType.
 */
export interface LiteralNode {
  readonly kind: "Literal";
  readonly value: LiteralValue;
}

export const LiteralNode = Object.freeze({
  create(value: LiteralValue): LiteralNode {
    return Object.freeze({ kind: "Literal", value });
  },
});
