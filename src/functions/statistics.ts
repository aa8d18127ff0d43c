// Statistical aggregate functions: moments, correlation, regression, percentiles.
import type { Column } from "../Column.js";
import { c, type ColumnOrName } from "./args.js";
import { fn } from "./core.js";

/** Percentile(s) (0..1, a number or an array) estimated within `accuracy`. @example approxPercentile("x", [0.25, 0.75]) */
export function approxPercentile(col: ColumnOrName, percentage: number | readonly number[] | Column, accuracy: number | Column = 10000): Column {
  return fn("approx_percentile", c(col), percentage, accuracy);
}
/** Pearson correlation coefficient. @example corr("x", "y") */
export function corr(col1: ColumnOrName, col2: ColumnOrName): Column {
  return fn("corr", c(col1), c(col2));
}
/** Population covariance. @example covarPop("x", "y") */
export function covarPop(col1: ColumnOrName, col2: ColumnOrName): Column {
  return fn("covar_pop", c(col1), c(col2));
}
/** Sample covariance. @example covarSamp("x", "y") */
export function covarSamp(col1: ColumnOrName, col2: ColumnOrName): Column {
  return fn("covar_samp", c(col1), c(col2));
}
/** Histogram with `nBins` bins, as an array of (x, y) structs. @example histogramNumeric("x", lit(5)) */
export function histogramNumeric(col: ColumnOrName, nBins: Column | number): Column {
  return fn("histogram_numeric", c(col), nBins);
}
/** Excess kurtosis. @example kurtosis("x") */
export function kurtosis(col: ColumnOrName): Column {
  return fn("kurtosis", c(col));
}
/** Median (exact percentile 0.5). @example median("x") */
export function median(col: ColumnOrName): Column {
  return fn("median", c(col));
}
/** Most frequent value; ties to the smallest when `deterministic`. @example mode("x") */
export function mode(col: ColumnOrName, deterministic = false): Column {
  return fn("mode", c(col), deterministic);
}
/** Exact percentile(s) (0..1) of a numeric column, rows weighted by `frequency`. @example percentile("x", 0.5) */
export function percentile(col: ColumnOrName, percentage: number | readonly number[] | Column, frequency: number | Column = 1): Column {
  return fn("percentile", c(col), percentage, frequency);
}
/** Same as approxPercentile. @example percentileApprox("x", 0.5, 100) */
export function percentileApprox(col: ColumnOrName, percentage: number | readonly number[] | Column, accuracy: number | Column = 10000): Column {
  return fn("percentile_approx", c(col), percentage, accuracy);
}
/** Average of the independent variable `x` over pairs where both are non-null. @example regrAvgx("y", "x") */
export function regrAvgx(y: ColumnOrName, x: ColumnOrName): Column {
  return fn("regr_avgx", c(y), c(x));
}
/** Average of the dependent variable `y` over pairs where both are non-null. @example regrAvgy("y", "x") */
export function regrAvgy(y: ColumnOrName, x: ColumnOrName): Column {
  return fn("regr_avgy", c(y), c(x));
}
/** Number of pairs where both are non-null. @example regrCount("y", "x") */
export function regrCount(y: ColumnOrName, x: ColumnOrName): Column {
  return fn("regr_count", c(y), c(x));
}
/** Intercept of the least-squares line. @example regrIntercept("y", "x") */
export function regrIntercept(y: ColumnOrName, x: ColumnOrName): Column {
  return fn("regr_intercept", c(y), c(x));
}
/** Coefficient of determination. @example regrR2("y", "x") */
export function regrR2(y: ColumnOrName, x: ColumnOrName): Column {
  return fn("regr_r2", c(y), c(x));
}
/** Slope of the least-squares line. @example regrSlope("y", "x") */
export function regrSlope(y: ColumnOrName, x: ColumnOrName): Column {
  return fn("regr_slope", c(y), c(x));
}
/** Σ(x - avg x)² over non-null pairs. @example regrSxx("y", "x") */
export function regrSxx(y: ColumnOrName, x: ColumnOrName): Column {
  return fn("regr_sxx", c(y), c(x));
}
/** Σ(x - avg x)(y - avg y) over non-null pairs. @example regrSxy("y", "x") */
export function regrSxy(y: ColumnOrName, x: ColumnOrName): Column {
  return fn("regr_sxy", c(y), c(x));
}
/** Σ(y - avg y)² over non-null pairs. @example regrSyy("y", "x") */
export function regrSyy(y: ColumnOrName, x: ColumnOrName): Column {
  return fn("regr_syy", c(y), c(x));
}
/** Skewness. @example skewness("x") */
export function skewness(col: ColumnOrName): Column {
  return fn("skewness", c(col));
}
/** Same as stddevSamp. @example std("x") */
export function std(col: ColumnOrName): Column {
  return fn("std", c(col));
}
/** Same as stddevSamp. @example stddev("x") */
export function stddev(col: ColumnOrName): Column {
  return fn("stddev", c(col));
}
/** Population standard deviation. @example stddevPop("x") */
export function stddevPop(col: ColumnOrName): Column {
  return fn("stddev_pop", c(col));
}
/** Sample standard deviation. @example stddevSamp("x") */
export function stddevSamp(col: ColumnOrName): Column {
  return fn("stddev_samp", c(col));
}
/** Population variance. @example varPop("x") */
export function varPop(col: ColumnOrName): Column {
  return fn("var_pop", c(col));
}
/** Sample variance. @example varSamp("x") */
export function varSamp(col: ColumnOrName): Column {
  return fn("var_samp", c(col));
}
/** Same as varSamp. @example variance("x") */
export function variance(col: ColumnOrName): Column {
  return fn("variance", c(col));
}
