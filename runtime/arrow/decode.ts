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

/** Where the first message of an Arrow IPC stream (the schema) ends, or undefined when the bytes are too short to say. */
function schemaMessageEnd(bytes: Uint8Array): number | undefined {
  if (bytes.byteLength < 8) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const first = view.getInt32(0, true);
  // The current format prefixes each message with 0xFFFFFFFF, then the metadata length; older writers wrote the length alone.
  const end = first === -1 ? 8 + view.getInt32(4, true) : 4 + first;
  return end > 8 && end <= bytes.byteLength ? end : undefined;
}

function sameBytes(a: Uint8Array, b: Uint8Array, length: number): boolean {
  if (a.byteLength < length || b.byteLength < length) return false;
  return Buffer.from(a.buffer, a.byteOffset, length).equals(Buffer.from(b.buffer, b.byteOffset, length));
}

/**
 * A decoder for the batches of one result: like `decodeArrowBatch`, but once a schema was
 * read, a message that starts with the very same schema bytes (every batch of a Spark
 * result does) reuses the parsed Schema instead of parsing it again.
 */
export function arrowBatchDecoder(): ArrowBatchDecoder {
  let schemaBytes: Uint8Array | undefined;
  let schema: RecordBatch["schema"] | undefined;
  const decoder = (bytes: Uint8Array): RecordBatch[] => {
    const end = schemaMessageEnd(bytes);
    if (schema !== undefined && schemaBytes !== undefined && end === schemaBytes.byteLength && sameBytes(bytes, schemaBytes, end)) {
      try {
        const reader = RecordBatchReader.from(bytes.subarray(end));
        if (reader.isSync()) {
          const batches = reader.reset(schema).readAll();
          if (batches.length > 0) {
            decoder.schemasReused++;
            return batches;
          }
        }
      } catch {
        // Decoded below the usual way, which reports what is wrong.
      }
    }
    const batches = decodeArrowBatch(bytes);
    if (end !== undefined) {
      schemaBytes = bytes.slice(0, end);
      schema = batches[0]!.schema;
    }
    return batches;
  };
  decoder.schemasReused = 0;
  return decoder;
}

/** Decodes one message's Arrow IPC stream; counts the messages whose schema it did not parse again. */
export interface ArrowBatchDecoder {
  (bytes: Uint8Array): RecordBatch[];
  schemasReused: number;
}
