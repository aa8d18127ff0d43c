// gRPC message framing on a byte stream (each message: a 1-byte compressed flag, a 4-byte
// big-endian length, then the message), for the result streams' HTTP/2 reader. Each
// message is placed in memory of its own with at most one copy, positioned so that the
// Arrow IPC bytes of an ExecutePlanResponse's `arrow_batch.data` start on an 8-byte
// boundary: apache-arrow then reads its buffers as views instead of copying them.

/** How many bytes of a message are looked at to find where `arrow_batch.data` starts. */
const PREFIX_BYTES = 256;

/** A message longer than the receive limit. */
export class MessageTooLargeError extends Error {
  constructor(
    readonly length: number,
    readonly limit: number,
  ) {
    super(`Received message larger than max (${length} vs. ${limit})`);
  }
}

/** A varint at `pos` of `b` (below `end`): [value, next position], or undefined when cut off or longer than 32 bits. */
function varint(b: Uint8Array, pos: number, end: number): [number, number] | undefined {
  let value = 0;
  for (let shift = 0; shift < 35; shift += 7) {
    if (pos >= end) return undefined;
    const byte = b[pos++]!;
    value += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return [value, pos];
  }
  return undefined;
}

/** Skips one field value of wire type `wt` at `pos`; the next position, or undefined. */
function skip(b: Uint8Array, wt: number, pos: number, end: number): number | undefined {
  switch (wt) {
    case 0:
      return varint(b, pos, end)?.[1];
    case 1:
      return pos + 8 <= end ? pos + 8 : undefined;
    case 5:
      return pos + 4 <= end ? pos + 4 : undefined;
    case 2: {
      const len = varint(b, pos, end);
      return len === undefined || len[1] + len[0] > end ? undefined : len[1] + len[0];
    }
    default:
      return undefined;
  }
}

/**
 * Where the bytes of `arrow_batch.data` (ExecutePlanResponse field 2, ArrowBatch field 2)
 * start, relative to `start`, read from the message prefix `b[start, end)`; undefined when
 * the message is not an Arrow batch or the prefix does not reach that far. Servers write
 * fields in number order, so the batch follows at most the session id.
 */
export function arrowDataOffset(b: Uint8Array, start: number, end: number): number | undefined {
  let pos = start;
  while (pos < end) {
    const tag = varint(b, pos, end);
    if (tag === undefined) return undefined;
    const field = Math.floor(tag[0] / 8);
    const wt = tag[0] & 7;
    pos = tag[1];
    if (field === 2 && wt === 2) {
      const len = varint(b, pos, end);
      if (len === undefined) return undefined;
      const batchEnd = Math.min(end, len[1] + len[0]);
      pos = len[1];
      while (pos < batchEnd) {
        const inner = varint(b, pos, batchEnd);
        if (inner === undefined) return undefined;
        pos = inner[1];
        if (inner[0] === (2 << 3) + 2) {
          const dataLen = varint(b, pos, batchEnd);
          return dataLen === undefined ? undefined : dataLen[1] - start;
        }
        const next = skip(b, inner[0] & 7, pos, batchEnd);
        if (next === undefined) return undefined;
        pos = next;
      }
      return undefined;
    }
    // Only the string header fields may come before the batch; anything else means another response type.
    if (wt !== 2 || (field !== 1 && field !== 12 && field !== 13 && field !== 15)) return undefined;
    const next = skip(b, wt, pos, end);
    if (next === undefined) return undefined;
    pos = next;
  }
  return undefined;
}

/** Fresh memory for a message of `length` bytes whose byte `dataOffset` must be 8-aligned. */
function alignedMessage(length: number, dataOffset: number | undefined): Uint8Array {
  const pad = dataOffset === undefined ? 0 : (8 - (dataOffset % 8)) % 8;
  // A new ArrayBuffer starts 8-aligned; "unsafe" leaves it unfilled, since every byte is written.
  return Buffer.allocUnsafeSlow(length + pad).subarray(pad, pad + length);
}

const enum State {
  Header,
  Prefix,
  Body,
}

/**
 * Splits a byte stream into gRPC messages. `push` each chunk as it arrives; complete
 * messages go to `onMessage` in order. Throws MessageTooLargeError for a message above
 * `maxLength` (the stream must then be abandoned).
 */
export class GrpcMessageReader {
  private state = State.Header;
  private readonly header = Buffer.alloc(5);
  private headerFill = 0;
  private compressed = false;
  private length = 0;
  private prefix: Uint8Array[] = [];
  private prefixFill = 0;
  private message: Uint8Array | undefined;
  private fill = 0;

  constructor(
    private readonly maxLength: number,
    private readonly onMessage: (message: Uint8Array, compressed: boolean) => void,
  ) {}

  /** True between the first byte of a message and its last. */
  get partial(): boolean {
    return this.state !== State.Header || this.headerFill > 0;
  }

  push(chunk: Uint8Array): void {
    let pos = 0;
    const n = chunk.byteLength;
    while (pos < n) {
      if (this.state === State.Header) {
        const take = Math.min(5 - this.headerFill, n - pos);
        for (let i = 0; i < take; i++) this.header[this.headerFill++] = chunk[pos++]!;
        if (this.headerFill < 5) return;
        this.headerFill = 0;
        this.compressed = (this.header[0]! & 1) === 1;
        this.length = this.header.readUInt32BE(1);
        if (this.length > this.maxLength) throw new MessageTooLargeError(this.length, this.maxLength);
        if (this.length === 0) {
          this.onMessage(new Uint8Array(0), this.compressed);
          continue;
        }
        this.state = State.Prefix;
      }
      if (this.state === State.Prefix) {
        const available = n - pos;
        const need = Math.min(this.length, PREFIX_BYTES);
        if (this.prefixFill === 0 && available >= need) {
          const offset = arrowDataOffset(chunk, pos, pos + need);
          if (available >= this.length && (offset === undefined || (chunk.byteOffset + pos + offset) % 8 === 0)) {
            // The whole message is in this chunk, already aligned: no copy at all.
            this.state = State.Header;
            const whole = chunk.subarray(pos, pos + this.length);
            pos += this.length;
            this.onMessage(whole, this.compressed);
            continue;
          }
          this.message = alignedMessage(this.length, offset);
          this.fill = 0;
          this.state = State.Body;
        } else {
          const take = Math.min(need - this.prefixFill, available);
          this.prefix.push(chunk.subarray(pos, pos + take));
          this.prefixFill += take;
          pos += take;
          if (this.prefixFill < need) return;
          const head = Buffer.concat(this.prefix, this.prefixFill);
          this.message = alignedMessage(this.length, arrowDataOffset(head, 0, head.byteLength));
          this.message.set(head, 0);
          this.fill = head.byteLength;
          this.prefix = [];
          this.prefixFill = 0;
          this.state = State.Body;
          if (this.fill === this.length) {
            this.complete();
            continue;
          }
        }
      }
      // State.Body
      const take = Math.min(this.length - this.fill, n - pos);
      this.message!.set(take === n && pos === 0 ? chunk : chunk.subarray(pos, pos + take), this.fill);
      this.fill += take;
      pos += take;
      if (this.fill === this.length) this.complete();
    }
  }

  private complete(): void {
    const message = this.message!;
    this.message = undefined;
    this.state = State.Header;
    this.onMessage(message, this.compressed);
  }
}
