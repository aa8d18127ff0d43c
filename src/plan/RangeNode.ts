/** `spark.range(start, end, step)`: a single LongType column `id`. */
export interface RangeNode {
  readonly kind: "Range";
  readonly start: bigint;
  readonly end: bigint;
  readonly step: bigint;
  readonly numPartitions: number | undefined;
}

export const RangeNode = Object.freeze({
  create(start: bigint, end: bigint, step: bigint, numPartitions?: number): RangeNode {
    return Object.freeze({ kind: "Range", start, end, step, numPartitions });
  },
});
