import * as Effect from "effect/Effect";
import * as Stream from "effect/Stream";
import type { RecordBatch } from "apache-arrow";
import type { ExecutePlanResponse, ExecutePlanResponse_ArrowBatch, ExecutePlanResponse_ExecutionProgress } from "../generated/spark/connect/base_pb.js";
import { arrowBatchDecoder } from "./arrow/decode.js";
import { ProtocolError, type SparkConnectError } from "./errors.js";

/** Progress of a running query, as the server reports it. */
export interface Progress {
  readonly stages: readonly {
    readonly stageId: number;
    readonly numTasks: number;
    readonly numCompletedTasks: number;
    readonly inputBytesRead: number;
    readonly done: boolean;
  }[];
  readonly numInflightTasks: number;
}

/** Called with each progress report of a query. */
export type ProgressListener = (progress: Progress) => void;

/** A progress message of the server as the library reports it. */
export function progressOf(p: ExecutePlanResponse_ExecutionProgress): Progress {
  return {
    stages: p.stages.map((s) => ({
      stageId: Number(s.stageId),
      numTasks: Number(s.numTasks),
      numCompletedTasks: Number(s.numCompletedTasks),
      inputBytesRead: Number(s.inputBytesRead),
      done: s.done,
    })),
    numInflightTasks: Number(p.numInflightTasks),
  };
}

const NONE: Effect.Effect<readonly RecordBatch[]> = Effect.succeed([]);
const nonEmpty = (a: readonly RecordBatch[]): a is readonly [RecordBatch, ...RecordBatch[]] => a.length > 0;

function outOfOrder(message: string): ProtocolError {
  return new ProtocolError({ message: `Arrow result out of order: ${message}` });
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

/**
 * The Arrow record batches of an ExecutePlan response stream, in order. Each batch's
 * `start_offset` must equal the rows received before it, and a batch the server split
 * into chunks is put back together before decoding; a gap, an overlap or a missing chunk
 * fails the stream with a ProtocolError instead of returning wrong rows. Progress
 * reports go to `onProgress`.
 */
export function arrowBatches(
  responses: Stream.Stream<ExecutePlanResponse, SparkConnectError>,
  onProgress?: ProgressListener,
): Stream.Stream<RecordBatch, SparkConnectError> {
  return Stream.suspend(() => {
    let rows = 0n;
    let chunks: Uint8Array[] = [];
    let chunked: ExecutePlanResponse_ArrowBatch | undefined;
    const decode = arrowBatchDecoder();

    const whole = (batch: ExecutePlanResponse_ArrowBatch): Uint8Array | ProtocolError | undefined => {
      const total = batch.numChunksInBatch;
      if (total === undefined || total <= 1n) {
        if (chunks.length > 0) return outOfOrder("a whole batch arrived while a chunked one was incomplete.");
        return batch.data;
      }
      const index = batch.chunkIndex ?? 0n;
      if (index !== BigInt(chunks.length)) return outOfOrder(`chunk ${index} arrived after ${chunks.length} chunks.`);
      if (index === 0n) chunked = batch;
      chunks.push(batch.data);
      if (BigInt(chunks.length) < total) return undefined;
      const data = concat(chunks);
      chunks = [];
      return data;
    };

    return responses.pipe(
      // Each response becomes its batches (none for most other responses) without a stream
      // per response: flattening arrays costs far less per element than flatMap.
      Stream.mapEffect((res): Effect.Effect<readonly RecordBatch[], SparkConnectError> => {
        const r = res.responseType;
        if (r.case === "executionProgress") {
          onProgress?.(progressOf(r.value));
          return NONE;
        }
        if (r.case !== "arrowBatch") return NONE;
        const first = chunks.length === 0 ? r.value : (chunked ?? r.value);
        if (chunks.length === 0 && first.startOffset !== undefined && first.startOffset !== rows) {
          return Effect.fail(outOfOrder(`a batch starts at row ${first.startOffset} but ${rows} rows were received before it.`));
        }
        const data = whole(r.value);
        if (data === undefined) return NONE;
        if (data instanceof ProtocolError) return Effect.fail(data);
        rows += first.rowCount;
        return Effect.try({ try: () => decode(data), catch: (e) => e as ProtocolError });
      }),
      Stream.filter(nonEmpty),
      Stream.flattenArray,
      Stream.ensuring(
        Effect.sync(() => {
          chunks = [];
        }),
      ),
    );
  });
}
