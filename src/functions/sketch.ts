// Sketch aggregates and their scalar helpers: HyperLogLog, Theta, KLL quantiles,
// count-min, and bitmaps for exact distinct counts.
import type { Column } from "../Column.js";
import { c, type ColumnOrName, opt, seed } from "./args.js";
import { fn } from "./core.js";

/** Count-min sketch of the column as binary, with relative error `eps` at `confidence`. @example countMinSketch("x", 0.01, 0.95, 42) */
export function countMinSketch(col: ColumnOrName, eps: number | Column, confidence: number | Column, seedValue?: number | Column): Column {
  return fn("count_min_sketch", c(col), eps, confidence, seed(seedValue));
}
/** HyperLogLog sketch (binary) of the values, with 2^`lgConfigK` buckets. @example hllSketchAgg("user", 12) */
export function hllSketchAgg(col: ColumnOrName, lgConfigK?: number | Column): Column {
  return fn("hll_sketch_agg", c(col), ...opt(lgConfigK));
}
/** Union of HyperLogLog sketches as one sketch. @example hllUnionAgg("sketch") */
export function hllUnionAgg(col: ColumnOrName, allowDifferentLgConfigK?: boolean | Column): Column {
  return fn("hll_union_agg", c(col), ...opt(allowDifferentLgConfigK));
}
/** Estimated distinct count of a HyperLogLog sketch. @example hllSketchEstimate("sketch") */
export function hllSketchEstimate(col: ColumnOrName): Column {
  return fn("hll_sketch_estimate", c(col));
}
/** Union of two HyperLogLog sketches. @example hllUnion("s1", "s2") */
export function hllUnion(col1: ColumnOrName, col2: ColumnOrName, allowDifferentLgConfigK?: boolean): Column {
  return fn("hll_union", c(col1), c(col2), ...opt(allowDifferentLgConfigK));
}
/** Theta sketch (binary) of the values, with 2^`lgNomEntries` nominal entries. @example thetaSketchAgg("user") */
export function thetaSketchAgg(col: ColumnOrName, lgNomEntries?: number | Column): Column {
  return fn("theta_sketch_agg", c(col), ...opt(lgNomEntries));
}
/** Union of Theta sketches as one sketch. @example thetaUnionAgg("sketch") */
export function thetaUnionAgg(col: ColumnOrName, lgNomEntries?: number | Column): Column {
  return fn("theta_union_agg", c(col), ...opt(lgNomEntries));
}
/** Intersection of Theta sketches as one sketch. @example thetaIntersectionAgg("sketch") */
export function thetaIntersectionAgg(col: ColumnOrName): Column {
  return fn("theta_intersection_agg", c(col));
}
/** Estimated distinct count of a Theta sketch. @example thetaSketchEstimate("sketch") */
export function thetaSketchEstimate(col: ColumnOrName): Column {
  return fn("theta_sketch_estimate", c(col));
}
/** Union of two Theta sketches. @example thetaUnion("s1", "s2") */
export function thetaUnion(col1: ColumnOrName, col2: ColumnOrName, lgNomEntries?: number | Column): Column {
  return fn("theta_union", c(col1), c(col2), ...opt(lgNomEntries));
}
/** Intersection of two Theta sketches. @example thetaIntersection("s1", "s2") */
export function thetaIntersection(col1: ColumnOrName, col2: ColumnOrName): Column {
  return fn("theta_intersection", c(col1), c(col2));
}
/** Theta sketch of the values in the first sketch but not the second. @example thetaDifference("s1", "s2") */
export function thetaDifference(col1: ColumnOrName, col2: ColumnOrName): Column {
  return fn("theta_difference", c(col1), c(col2));
}
/** KLL quantile sketch (binary) of bigint values, accuracy parameter `k`. @example kllSketchAggBigint("x") */
export function kllSketchAggBigint(col: ColumnOrName, k?: number | Column): Column {
  return fn("kll_sketch_agg_bigint", c(col), ...opt(k));
}
/** Summary text of a bigint KLL sketch. @example kllSketchToStringBigint("sketch") */
export function kllSketchToStringBigint(col: ColumnOrName): Column {
  return fn("kll_sketch_to_string_bigint", c(col));
}
/** Number of items in a bigint KLL sketch. @example kllSketchGetNBigint("sketch") */
export function kllSketchGetNBigint(col: ColumnOrName): Column {
  return fn("kll_sketch_get_n_bigint", c(col));
}
/** Merge of two bigint KLL sketches. @example kllSketchMergeBigint("s1", "s2") */
export function kllSketchMergeBigint(left: ColumnOrName, right: ColumnOrName): Column {
  return fn("kll_sketch_merge_bigint", c(left), c(right));
}
/** Value at a normalised rank (0..1, or an array of them) of a bigint KLL sketch. @example kllSketchGetQuantileBigint("sketch", lit(0.5)) */
export function kllSketchGetQuantileBigint(sketch: ColumnOrName, rank: ColumnOrName): Column {
  return fn("kll_sketch_get_quantile_bigint", c(sketch), c(rank));
}
/** Normalised rank of a value (or an array of them) in a bigint KLL sketch. @example kllSketchGetRankBigint("sketch", lit(10)) */
export function kllSketchGetRankBigint(sketch: ColumnOrName, quantile: ColumnOrName): Column {
  return fn("kll_sketch_get_rank_bigint", c(sketch), c(quantile));
}
/** KLL quantile sketch (binary) of float values, accuracy parameter `k`. @example kllSketchAggFloat("x") */
export function kllSketchAggFloat(col: ColumnOrName, k?: number | Column): Column {
  return fn("kll_sketch_agg_float", c(col), ...opt(k));
}
/** Summary text of a float KLL sketch. @example kllSketchToStringFloat("sketch") */
export function kllSketchToStringFloat(col: ColumnOrName): Column {
  return fn("kll_sketch_to_string_float", c(col));
}
/** Number of items in a float KLL sketch. @example kllSketchGetNFloat("sketch") */
export function kllSketchGetNFloat(col: ColumnOrName): Column {
  return fn("kll_sketch_get_n_float", c(col));
}
/** Merge of two float KLL sketches. @example kllSketchMergeFloat("s1", "s2") */
export function kllSketchMergeFloat(left: ColumnOrName, right: ColumnOrName): Column {
  return fn("kll_sketch_merge_float", c(left), c(right));
}
/** Value at a normalised rank (0..1, or an array of them) of a float KLL sketch. @example kllSketchGetQuantileFloat("sketch", lit(0.5)) */
export function kllSketchGetQuantileFloat(sketch: ColumnOrName, rank: ColumnOrName): Column {
  return fn("kll_sketch_get_quantile_float", c(sketch), c(rank));
}
/** Normalised rank of a value (or an array of them) in a float KLL sketch. @example kllSketchGetRankFloat("sketch", lit(10)) */
export function kllSketchGetRankFloat(sketch: ColumnOrName, quantile: ColumnOrName): Column {
  return fn("kll_sketch_get_rank_float", c(sketch), c(quantile));
}
/** KLL quantile sketch (binary) of double values, accuracy parameter `k`. @example kllSketchAggDouble("x") */
export function kllSketchAggDouble(col: ColumnOrName, k?: number | Column): Column {
  return fn("kll_sketch_agg_double", c(col), ...opt(k));
}
/** Summary text of a double KLL sketch. @example kllSketchToStringDouble("sketch") */
export function kllSketchToStringDouble(col: ColumnOrName): Column {
  return fn("kll_sketch_to_string_double", c(col));
}
/** Number of items in a double KLL sketch. @example kllSketchGetNDouble("sketch") */
export function kllSketchGetNDouble(col: ColumnOrName): Column {
  return fn("kll_sketch_get_n_double", c(col));
}
/** Merge of two double KLL sketches. @example kllSketchMergeDouble("s1", "s2") */
export function kllSketchMergeDouble(left: ColumnOrName, right: ColumnOrName): Column {
  return fn("kll_sketch_merge_double", c(left), c(right));
}
/** Value at a normalised rank (0..1, or an array of them) of a double KLL sketch. @example kllSketchGetQuantileDouble("sketch", lit(0.5)) */
export function kllSketchGetQuantileDouble(sketch: ColumnOrName, rank: ColumnOrName): Column {
  return fn("kll_sketch_get_quantile_double", c(sketch), c(rank));
}
/** Normalised rank of a value (or an array of them) in a double KLL sketch. @example kllSketchGetRankDouble("sketch", lit(10)) */
export function kllSketchGetRankDouble(sketch: ColumnOrName, quantile: ColumnOrName): Column {
  return fn("kll_sketch_get_rank_double", c(sketch), c(quantile));
}
/** Bit position of a value within its bitmap bucket. @example bitmapBitPosition("id") */
export function bitmapBitPosition(col: ColumnOrName): Column {
  return fn("bitmap_bit_position", c(col));
}
/** Bitmap bucket number of a value. @example bitmapBucketNumber("id") */
export function bitmapBucketNumber(col: ColumnOrName): Column {
  return fn("bitmap_bucket_number", c(col));
}
/** Aggregate: a bitmap with the given bit positions set. @example bitmapConstructAgg(bitmapBitPosition("id")) */
export function bitmapConstructAgg(col: ColumnOrName): Column {
  return fn("bitmap_construct_agg", c(col));
}
/** Number of bits set in a bitmap. @example bitmapCount("bitmap") */
export function bitmapCount(col: ColumnOrName): Column {
  return fn("bitmap_count", c(col));
}
/** Aggregate: bitwise OR of bitmaps. @example bitmapOrAgg("bitmap") */
export function bitmapOrAgg(col: ColumnOrName): Column {
  return fn("bitmap_or_agg", c(col));
}
/** Aggregate: bitwise AND of bitmaps. @example bitmapAndAgg("bitmap") */
export function bitmapAndAgg(col: ColumnOrName): Column {
  return fn("bitmap_and_agg", c(col));
}
