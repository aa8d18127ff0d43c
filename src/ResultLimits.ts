/** Guardrails of a result held in memory: past either, the query is stopped. */
export interface ResultLimits {
  /** Most rows accepted; `Infinity` for no limit. */
  readonly maxRows?: number;
  /** Most bytes of Arrow data accepted; `Infinity` for no limit. */
  readonly maxBytes?: number;
}

/** The guardrails of the actions that hold a whole result in memory. */
export interface ResultLimitSettings {
  /** `collect()`, `take()`, `head()`, `first()`, `tail()`: default 1,000,000 rows and 256 MiB. */
  readonly collect?: ResultLimits;
  /** `toArrow()`: default 1 GiB of Arrow data, no row limit. */
  readonly toArrow?: ResultLimits;
}

/** The default guardrails (docs/dataframe.md, "Guardrails"). */
export const DEFAULT_LIMITS = Object.freeze({
  collect: Object.freeze({ maxRows: 1_000_000, maxBytes: 256 * 1024 * 1024 }),
  toArrow: Object.freeze({ maxRows: Infinity, maxBytes: 1024 * 1024 * 1024 }),
});

