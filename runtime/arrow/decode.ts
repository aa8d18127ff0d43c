import { type Data, type DataType, makeData, Message, MessageHeader, RecordBatch, RecordBatchReader, type Schema, Struct, Type } from "apache-arrow";
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
  // Whether the schema's types are all ones readBatches reads: a result of other types
  // goes straight to apache-arrow's reader instead of failing over on every batch.
  let direct = false;
  const decoder = (bytes: Uint8Array): RecordBatch[] => {
    const end = schemaMessageEnd(bytes);
    if (schema !== undefined && schemaBytes !== undefined && end === schemaBytes.byteLength && sameBytes(bytes, schemaBytes, end)) {
      try {
        const fast = direct ? readBatches(bytes, end, schema) : undefined;
        if (fast !== undefined) {
          decoder.schemasReused++;
          decoder.readDirectly++;
          return fast;
        }
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
      direct = schema.fields.every((f) => readableDirectly(f.type));
    }
    return batches;
  };
  decoder.schemasReused = 0;
  decoder.readDirectly = 0;
  return decoder;
}

/** Decodes one message's Arrow IPC stream; counts the messages whose schema it did not parse again. */
export interface ArrowBatchDecoder {
  (bytes: Uint8Array): RecordBatch[];
  schemasReused: number;
  /** Messages whose batches were read without apache-arrow's stream reader (see readBatches). */
  readDirectly: number;
}

// The record batches behind a known schema, read without apache-arrow's stream reader
// (whose iterator plumbing costs more than the batch itself): each message's metadata is
// decoded with apache-arrow's Message, and the columns are views of `bytes` made with
// makeData, buffer by buffer in the order the IPC format lays them out. Types this does
// not read (dictionaries, unions, view types) and compressed bodies give undefined, and
// the caller uses apache-arrow's reader.

/** The field nodes and buffer regions of one record batch, consumed in order. */
interface BatchCursor {
  readonly body: Uint8Array;
  readonly nodes: readonly { readonly length: number; readonly nullCount: number }[];
  readonly buffers: readonly { readonly offset: number; readonly length: number }[];
  node: number;
  buffer: number;
}

const EMPTY = new Uint8Array(0);

function nextBuffer(c: BatchCursor): Uint8Array {
  const region = c.buffers[c.buffer++];
  if (region === undefined) throw new Error("a record batch has fewer buffers than its schema needs");
  if (region.offset + region.length > c.body.byteLength) throw new Error("a buffer reaches past the record batch body");
  return c.body.subarray(region.offset, region.offset + region.length);
}

const DIRECT_TYPES: ReadonlySet<Type> = new Set([
  Type.Null, Type.Bool, Type.Int, Type.Float, Type.Decimal, Type.Date, Type.Time, Type.Timestamp, Type.Interval,
  Type.Duration, Type.FixedSizeBinary, Type.Utf8, Type.Binary, Type.LargeUtf8, Type.LargeBinary, Type.List,
  Type.LargeList, Type.Map, Type.FixedSizeList, Type.Struct,
]);

/** True when loadColumn reads `type` and every type nested in it. */
function readableDirectly(type: DataType): boolean {
  return DIRECT_TYPES.has(type.typeId) && (type.children ?? []).every((f) => readableDirectly(f.type));
}

function loadColumn(type: DataType, c: BatchCursor): Data | undefined {
  const node = c.nodes[c.node++];
  if (node === undefined) throw new Error("a record batch has fewer field nodes than its schema needs");
  const { length, nullCount } = node;
  if (type.typeId === Type.Null) return makeData({ type, length } as never);
  // The validity bitmap: read only when some value is null, as apache-arrow's reader does.
  const validity = nextBuffer(c);
  const nullBitmap = nullCount > 0 ? validity : EMPTY;
  switch (type.typeId) {
    case Type.Bool:
    case Type.Int:
    case Type.Float:
    case Type.Decimal:
    case Type.Date:
    case Type.Time:
    case Type.Timestamp:
    case Type.Interval:
    case Type.Duration:
    case Type.FixedSizeBinary:
      return makeData({ type, length, nullCount, nullBitmap, data: nextBuffer(c) } as never);
    case Type.Utf8:
    case Type.Binary:
    case Type.LargeUtf8:
    case Type.LargeBinary: {
      const valueOffsets = nextBuffer(c);
      return makeData({ type, length, nullCount, nullBitmap, valueOffsets, data: nextBuffer(c) } as never);
    }
    case Type.List:
    case Type.LargeList:
    case Type.Map: {
      const valueOffsets = nextBuffer(c);
      const child = loadColumn(type.children[0]!.type, c);
      return child === undefined ? undefined : makeData({ type, length, nullCount, nullBitmap, valueOffsets, child } as never);
    }
    case Type.FixedSizeList: {
      const child = loadColumn(type.children[0]!.type, c);
      return child === undefined ? undefined : makeData({ type, length, nullCount, nullBitmap, child } as never);
    }
    case Type.Struct: {
      const children: Data[] = [];
      for (const f of type.children) {
        const child = loadColumn(f.type, c);
        if (child === undefined) return undefined;
        children.push(child);
      }
      return makeData({ type, length, nullCount, nullBitmap, children } as never);
    }
    default:
      return undefined;
  }
}

/**
 * Reads the record batches of an Arrow IPC stream from byte `start` on, with `schema`;
 * undefined when something in it is not plain record batches of types loadColumn reads.
 * Throws on bytes that are not a well-formed stream.
 */
function readBatches(bytes: Uint8Array, start: number, schema: Schema): RecordBatch[] | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const batches: RecordBatch[] = [];
  let pos = start;
  try {
    while (pos + 8 <= bytes.byteLength) {
      let metaLength = view.getInt32(pos, true);
      pos += 4;
      if (metaLength === -1) {
        metaLength = view.getInt32(pos, true);
        pos += 4;
      }
      // The end-of-stream marker.
      if (metaLength === 0) break;
      if (metaLength < 0 || pos + metaLength > bytes.byteLength) return undefined;
      const message = Message.decode(bytes.subarray(pos, pos + metaLength));
      pos += metaLength;
      if (message.headerType !== MessageHeader.RecordBatch) return undefined;
      const bodyEnd = pos + message.bodyLength;
      if (bodyEnd > bytes.byteLength) return undefined;
      const header = message.header() as unknown as { length: number; nodes: BatchCursor["nodes"]; buffers: BatchCursor["buffers"]; compression: unknown };
      if (header.compression != null) return undefined;
      const cursor: BatchCursor = { body: bytes.subarray(pos, bodyEnd), nodes: header.nodes, buffers: header.buffers, node: 0, buffer: 0 };
      const children: Data[] = [];
      for (const field of schema.fields) {
        const column = loadColumn(field.type, cursor);
        if (column === undefined) return undefined;
        children.push(column);
      }
      if (cursor.node !== header.nodes.length || cursor.buffer !== header.buffers.length) return undefined;
      const data = makeData({ type: new Struct(schema.fields), length: header.length, children });
      batches.push(new RecordBatch(schema, data, message.metadata));
      pos = bodyEnd;
    }
  } catch {
    return undefined;
  }
  return batches.length > 0 ? batches : undefined;
}
