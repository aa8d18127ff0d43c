// Case 4's floor: the same ExecutePlan as the raw drain, received with plain node:http2 and
// no gRPC library. The request is built with the generated schema and framed by hand
// (5-byte gRPC prefix); the response's DATA frames are read up to the trailers, counting
// bytes and gRPC messages. Nothing is decoded but each message's first bytes: a few
// protobuf tags lead to ArrowBatch.row_count, so the run can check its row count. The
// operation is not reattachable, so the server ends it with the stream (no ReleaseExecute).
//
// It measures what Node itself spends to move the bytes (HTTP/2, sockets, flow control)
// with the same 8 MiB flow-control window as the library: our raw drain's client CPU over
// this one is the cost of grpc-js, protobuf parsing and the runtime's stream.
import { randomUUID } from "node:crypto";
import http2 from "node:http2";
import { create, toBinary } from "@bufbuild/protobuf";
import { ExecutePlanRequestSchema } from "../generated/spark/connect/base_pb.js";
import { encodePlan } from "../src/plan/encodeRelation.js";
import { SqlNode } from "../src/plan/SqlNode.js";
import { settleHeap, type Timed } from "./cases.js";

/** The library's default flow-control window (runtime/Session.ts), for a like-for-like floor. */
const WINDOW = 8 * 1024 * 1024;
const PATH = "/spark.connect.SparkConnectService/ExecutePlan";
/** Bytes kept of each message's start: enough for session_id (a UUID) and the ArrowBatch header. */
const HEAD = 128;

export interface FloorRun extends Timed {
  /** gRPC payload bytes received (the 5-byte prefixes excluded). */
  readonly bytes: number;
  readonly messages: number;
}

/** A varint at `at` of `b` (up to `end`): [value, next offset], or undefined when cut off. */
function varint(b: Uint8Array, at: number, end: number): [number, number] | undefined {
  let v = 0;
  let mul = 1;
  for (let i = at; i < end && i < at + 10; i++) {
    v += (b[i] & 0x7f) * mul;
    if ((b[i] & 0x80) === 0) return [v, i + 1];
    mul *= 128;
  }
  return undefined;
}

/**
 * ExecutePlanResponse.arrow_batch.row_count (fields 2 → 1) from a message's first bytes,
 * or 0 when the message is no ArrowBatch. Fields come in field-number order, so the batch
 * header follows session_id (1) within the first bytes.
 */
export function rowCountOf(b: Uint8Array, end: number): number {
  let at = 0;
  while (at < end) {
    const tag = varint(b, at, end);
    if (!tag) return 0;
    const [key, next] = tag;
    const field = Math.floor(key / 8);
    const wire = key & 7;
    at = next;
    if (wire === 0) {
      const v = varint(b, at, end);
      if (!v) return 0;
      at = v[1];
    } else if (wire === 2) {
      const len = varint(b, at, end);
      if (!len) return 0;
      if (field === 2) {
        // ArrowBatch: row_count (1, varint) comes first.
        const inner = varint(b, len[1], end);
        if (!inner || inner[0] !== 8) return 0;
        const rows = varint(b, inner[1], end);
        return rows ? rows[0] : 0;
      }
      at = len[1] + len[0];
    } else {
      return 0; // no fixed-width fields come before arrow_batch
    }
  }
  return 0;
}

/** One HTTP/2 connection to a Spark Connect server, with one Spark session on it. */
export class Http2Floor {
  private readonly sessionId = randomUUID();

  private constructor(
    private readonly session: http2.ClientHttp2Session,
    private readonly token: string | undefined,
  ) {}

  /** Connects to `sc://host:port/[;token=...]` (no TLS). */
  static async connect(url: string): Promise<Http2Floor> {
    const m = /^sc:\/\/([^/:]+|\[[^\]]+\]):(\d+)\/?(.*)$/.exec(url);
    if (!m) throw new Error(`http2 floor: cannot read the connection string ${url}`);
    const token = /(?:^|;)token=([^;]+)/.exec(m[3])?.[1];
    const session = http2.connect(`http://${m[1]}:${m[2]}`, { settings: { initialWindowSize: WINDOW } });
    await new Promise<void>((ok, fail) => {
      session.once("connect", () => ok());
      session.once("error", fail);
    });
    session.setLocalWindowSize(WINDOW);
    return new Http2Floor(session, token);
  }

  /**
   * Runs `query` and drains its response. With `assemble`, each message is also copied into
   * memory of its own (Buffer.allocUnsafeSlow, as the library's reader does), which any
   * client handing whole messages to a parser must do once: the floor of a real client.
   */
  drain(query: string, assemble = false): Promise<FloorRun> {
    const request = create(ExecutePlanRequestSchema, {
      sessionId: this.sessionId,
      userContext: { userId: "bench" },
      operationId: randomUUID(),
      plan: encodePlan(SqlNode.create(query)),
      clientType: "spark-connect-ts bench node:http2 floor",
    });
    const body = toBinary(ExecutePlanRequestSchema, request);
    const framed = Buffer.allocUnsafe(5 + body.length);
    framed[0] = 0;
    framed.writeUInt32BE(body.length, 1);
    framed.set(body, 5);

    settleHeap();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    return new Promise<FloorRun>((ok, fail) => {
      const stream = this.session.request({
        ":method": "POST",
        ":path": PATH,
        "content-type": "application/grpc",
        te: "trailers",
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      });
      // Frame reader: 5-byte prefix, then `left` body bytes, of which the first HEAD are kept.
      const prefix = Buffer.alloc(5);
      const head = new Uint8Array(HEAD);
      let inPrefix = 0;
      let left = -1;
      let headLen = 0;
      let whole: Buffer | undefined;
      let filled = 0;
      let bytes = 0;
      let messages = 0;
      let rows = 0;
      let status: string | undefined;
      let message = "";
      const endMessage = () => {
        rows += rowCountOf(head, headLen);
        messages++;
        left = -1;
        inPrefix = 0;
        headLen = 0;
        whole = undefined;
      };
      stream.on("response", (headers) => {
        if (headers[":status"] !== 200) message = `HTTP status ${String(headers[":status"])}`;
        if (headers["grpc-status"] !== undefined) {
          status = String(headers["grpc-status"]);
          message = decodeURIComponent(String(headers["grpc-message"] ?? ""));
        }
      });
      stream.on("trailers", (trailers) => {
        status = String(trailers["grpc-status"]);
        message = decodeURIComponent(String(trailers["grpc-message"] ?? ""));
      });
      stream.on("data", (chunk: Buffer) => {
        let at = 0;
        while (at < chunk.length) {
          if (left < 0) {
            const take = Math.min(5 - inPrefix, chunk.length - at);
            chunk.copy(prefix, inPrefix, at, at + take);
            inPrefix += take;
            at += take;
            if (inPrefix === 5) {
              left = prefix.readUInt32BE(1);
              bytes += left;
              if (assemble) {
                whole = Buffer.allocUnsafeSlow(left);
                filled = 0;
              }
              if (left === 0) endMessage();
            }
          } else {
            const take = Math.min(left, chunk.length - at);
            if (headLen < HEAD) {
              const keep = Math.min(HEAD - headLen, take);
              head.set(chunk.subarray(at, at + keep), headLen);
              headLen += keep;
            }
            if (whole !== undefined) {
              whole.set(chunk.subarray(at, at + take), filled);
              filled += take;
            }
            left -= take;
            at += take;
            if (left === 0) endMessage();
          }
        }
      });
      stream.once("error", fail);
      stream.once("close", () => {
        const seconds = (performance.now() - t0) / 1000;
        const c = process.cpuUsage(c0);
        if (status !== "0") return fail(new Error(`http2 floor: ExecutePlan ended with grpc-status ${status ?? "none"} ${message}`));
        if (left >= 0 || inPrefix > 0) return fail(new Error("http2 floor: the stream ended inside a gRPC message"));
        ok({ seconds, rows, cpu: (c.user + c.system) / 1e6, bytes, messages });
      });
      stream.end(framed);
    });
  }

  close(): Promise<void> {
    return new Promise((ok) => this.session.close(() => ok()));
  }
}
