import { type RecordBatch, RecordBatchReader } from "apache-arrow";
import { ProtocolError } from "../errors.js";

/**
 * Decodes the bytes of one Spark `arrow_batch.data`, which is a complete Arrow IPC
 * stream (schema message, then record batches). Uncompressed buffers are views of `bytes`.
 * The result is never empty: a stream carrying only a schema gives one batch of 0 rows
 * with that schema. Bytes that are not an Arrow IPC stream throw a `ProtocolError`.
 *
 * @example
 * ```ts
 * const batches = decodeArrowBatch(response.responseType.value.data);
 * const rows = batches.flatMap((b) => tableToRows(b));
 * ```
 */
export function decodeArrowBatch(bytes: Uint8Array): RecordBatch[] {
  let batches: RecordBatch[];
  try {
    const reader = RecordBatchReader.from(bytes);
    if (!reader.isSync()) throw new Error("the reader is not synchronous");
    // A stream with a schema and no batches yields one empty placeholder batch here.
    batches = reader.readAll();
  } catch (cause) {
    throw new ProtocolError({
      message: `Could not decode an Arrow IPC stream of ${bytes.byteLength} bytes: ${cause instanceof Error ? cause.message : String(cause)}`,
      cause,
    });
  }
  if (batches.length === 0) {
    throw new ProtocolError({ message: `The Arrow IPC stream of ${bytes.byteLength} bytes holds no schema` });
  }
  return batches;
}
