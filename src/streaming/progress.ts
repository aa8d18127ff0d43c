/** A progress report of a streaming query (Spark's StreamingQueryProgress). */
export interface StreamingQueryProgress {
  readonly id: string;
  readonly runId: string;
  readonly name: string | null;
  readonly timestamp: string;
  readonly batchId: number | bigint;
  readonly numInputRows: number | bigint;
  readonly [field: string]: unknown;
}

/** Parses one progress report. */
export function parseProgress(json: string): StreamingQueryProgress {
  return JSON.parse(json) as StreamingQueryProgress;
}
