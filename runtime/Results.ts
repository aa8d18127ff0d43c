import { Effect, Stream } from "effect";
import type { RecordBatch } from "apache-arrow";
import type { ExecutePlanResponse } from "../generated/spark/connect/base_pb.js";
import { decodeArrowBatch } from "./arrow/decode.js";
import { ProtocolError, type SparkConnectError } from "./errors.js";

/**
 * The Arrow record batches of an ExecutePlan response stream, in order. Each batch's
 * `start_offset` must equal the rows received before it; a gap or overlap fails the
 * stream with a ProtocolError instead of returning wrong rows.
 */
export function arrowBatches(
  responses: Stream.Stream<ExecutePlanResponse, SparkConnectError>,
): Stream.Stream<RecordBatch, SparkConnectError> {
  return Stream.suspend(() => {
    let rows = 0n;
    return responses.pipe(
      Stream.flatMap((res) => {
        if (res.responseType.case !== "arrowBatch") return Stream.empty;
        const batch = res.responseType.value;
        if (batch.startOffset !== undefined && batch.startOffset !== rows) {
          return Stream.fail(
            new ProtocolError({
              message: `Arrow batch out of order: it starts at row ${batch.startOffset} but ${rows} rows were received before it.`,
            }),
          );
        }
        rows += batch.rowCount;
        return Stream.fromIterable(decodeArrowBatch(batch.data));
      }),
    );
  });
}

/** Drains a response stream, keeping nothing but the count of Arrow rows (for commands and benchmarks). */
export function drain(responses: Stream.Stream<ExecutePlanResponse, SparkConnectError>): Effect.Effect<void, SparkConnectError> {
  return Stream.runDrain(responses);
}
