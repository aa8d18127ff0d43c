/** The statistics a StatNode asks for. */
export type StatRequest =
  | { readonly type: "describe"; readonly columns: readonly string[] }
  | { readonly type: "summary"; readonly statistics: readonly string[] }
  | { readonly type: "crosstab"; readonly col1: string; readonly col2: string }
  | { readonly type: "cov" | "corr"; readonly col1: string; readonly col2: string }
  | { readonly type: "approxQuantile"; readonly columns: readonly string[]; readonly probabilities: readonly number[]; readonly relativeError: number }
  | { readonly type: "freqItems"; readonly columns: readonly string[]; readonly support: number | undefined }
  | { readonly type: "sampleBy"; readonly column: string; readonly fractions: readonly (readonly [string | number | bigint | boolean, number])[]; readonly seed: bigint };
