// How the rows of createDataFrame reach the server, decided once per DataFrame at its first
// request, as PySpark decides it in createDataFrame: below the session's
// spark.sql.session.localRelationCacheThreshold they travel inline in the plan; from it
// on they are uploaded as artifacts and the plan names them by hash. Spark 4.1 takes
// them in chunks (ChunkedCachedLocalRelation: one Arrow IPC stream per chunk, plus the
// schema, each a `cache/<sha-256>` artifact); an older server, which has no chunk
// settings, takes one blob (CachedLocalRelation: the serialized LocalRelation).
import { create, toBinary } from "@bufbuild/protobuf";
import * as Deferred from "effect/Deferred";
import * as Effect from "effect/Effect";
import * as Exit from "effect/Exit";
import { LocalRelationSchema } from "../../../generated/spark/connect/relations_pb.js";
import type { SparkConnectError } from "../../../runtime/errors.js";
import type { RelType } from "../../plan/encodeRelation.js";
import type { LocalRelationNode } from "../../plan/LocalRelationNode.js";
import type { SessionHandle } from "../handle.js";
import { inlineIPC, ipcChunks } from "../localRelation.js";
import { type Cached, cacheBlobs } from "./artifacts.js";
import { config } from "./config.js";

export const CACHE_THRESHOLD = "spark.sql.session.localRelationCacheThreshold";
export const CHUNK_ROWS = "spark.sql.session.localRelationChunkSizeRows";
export const CHUNK_BYTES = "spark.sql.session.localRelationChunkSizeBytes";
export const BATCH_BYTES = "spark.sql.session.localRelationBatchOfChunksSizeBytes";

/** The session's settings for local relations; undefined where the server has none. */
export interface CacheSettings {
  readonly threshold: number | undefined;
  readonly chunkRows: number | undefined;
  readonly chunkBytes: number | undefined;
  readonly batchBytes: number | undefined;
}

const UNITS: Record<string, number> = { "": 1, b: 1, k: 2 ** 10, kb: 2 ** 10, m: 2 ** 20, mb: 2 ** 20, g: 2 ** 30, gb: 2 ** 30, t: 2 ** 40, tb: 2 ** 40 };

/** A size setting as Spark writes it (`1048576`, `64m`, `3221225472b`); undefined when absent or unreadable. */
export function sizeSetting(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const m = /^\s*(\d+)\s*([a-z]*)\s*$/i.exec(value);
  const unit = m === null ? undefined : UNITS[m[2]!.toLowerCase()];
  return m === null || unit === undefined ? undefined : Number(m[1]) * unit;
}

/** The session's settings for local relations (one Config call). */
export function cacheSettings(handle: SessionHandle): Effect.Effect<CacheSettings, SparkConnectError> {
  return Effect.map(config(handle, { case: "getOption", value: { keys: [CACHE_THRESHOLD, CHUNK_ROWS, CHUNK_BYTES, BATCH_BYTES] } }), (m) => ({
    threshold: sizeSetting(m.get(CACHE_THRESHOLD)),
    chunkRows: sizeSetting(m.get(CHUNK_ROWS)),
    chunkBytes: sizeSetting(m.get(CHUNK_BYTES)),
    batchBytes: sizeSetting(m.get(BATCH_BYTES)),
  }));
}

/** How rows of `sizeBytes` go with these settings (PySpark: cached when threshold <= size). */
export function sendingMode(settings: CacheSettings, sizeBytes: number): "inline" | "chunked" | "cached" {
  if (settings.threshold === undefined || settings.threshold > sizeBytes) return "inline";
  return settings.chunkRows !== undefined && settings.chunkBytes !== undefined ? "chunked" : "cached";
}

/** What was sent for a local relation, for its span and for tests. */
export interface LocalRelationUpload {
  readonly mode: "inline" | "chunked" | "cached";
  readonly chunks: number;
  readonly uploaded: number;
  readonly uploadedBytes: number;
}

/** The rows inline in the plan; past the request size the error names the setting to lower. */
function inline(node: LocalRelationNode, settings: CacheSettings): RelType {
  const why =
    settings.threshold === undefined
      ? `the server has no ${CACHE_THRESHOLD} setting, so it cannot take them as artifacts`
      : `${CACHE_THRESHOLD} is ${settings.threshold} bytes, more than the data's ${node.sizeBytes}`;
  return { case: "localRelation", value: { data: inlineIPC(node.table!, why), ...(node.schema !== undefined ? { schema: node.schema } : {}) } };
}

/**
 * Uploads the rows in chunks (PySpark 4.1's _cache_local_relation): the schema and the
 * Arrow chunks are cached as blobs, a batch of chunks of at most `batchBytes` at a time,
 * so that at most one batch is held in memory beside the table.
 */
function chunked(handle: SessionHandle, node: LocalRelationNode, settings: CacheSettings): Effect.Effect<[RelType, LocalRelationUpload], SparkConnectError> {
  return Effect.gen(function* () {
    const batchBytes = settings.batchBytes ?? Number.MAX_SAFE_INTEGER;
    const chunkBytes = Math.max(1, Math.min(settings.chunkBytes!, batchBytes));
    const chunkRows = Math.max(1, settings.chunkRows!);
    const hashes: string[] = [];
    let uploaded = 0;
    let uploadedBytes = 0;
    let batch: Uint8Array[] = [];
    let size = 0;
    const flush = Effect.suspend(() => {
      const blobs = batch;
      batch = [];
      size = 0;
      return Effect.map(cacheBlobs(handle, blobs), (c: Cached) => {
        hashes.push(...c.hashes);
        uploaded += c.uploaded;
        uploadedBytes += c.uploadedBytes;
      });
    });
    const schema = node.schema !== undefined && node.schema !== "" ? new TextEncoder().encode(node.schema) : undefined;
    if (schema !== undefined) {
      batch.push(schema);
      size += schema.byteLength;
    }
    for (const chunk of ipcChunks(node.table!, chunkRows, chunkBytes)) {
      // Encoding is synchronous work: between chunks other fibers and I/O get their turn.
      yield* Effect.yieldNow;
      if (batch.length > 0 && size + chunk.byteLength > batchBytes) yield* flush;
      batch.push(chunk);
      size += chunk.byteLength;
    }
    yield* flush;
    const [schemaHash, dataHashes] = schema === undefined ? [undefined, hashes] : [hashes[0], hashes.slice(1)];
    const rel: RelType = { case: "chunkedCachedLocalRelation", value: { dataHashes, ...(schemaHash !== undefined ? { schemaHash } : {}) } };
    return [rel, { mode: "chunked", chunks: dataHashes.length, uploaded, uploadedBytes }] as [RelType, LocalRelationUpload];
  });
}

/** Uploads the rows as one blob, the serialized LocalRelation (for servers before Spark 4.1). */
function cachedWhole(handle: SessionHandle, node: LocalRelationNode): Effect.Effect<[RelType, LocalRelationUpload], SparkConnectError> {
  return Effect.suspend(() => {
    const blob = toBinary(LocalRelationSchema, create(LocalRelationSchema, { data: inlineIPC(node.table!, "a server before Spark 4.1 takes it as one blob", 2 ** 31 - 1), ...(node.schema !== undefined ? { schema: node.schema } : {}) }));
    return Effect.map(cacheBlobs(handle, [blob]), (c): [RelType, LocalRelationUpload] => [
      { case: "cachedLocalRelation", value: { hash: c.hashes[0]! } },
      { mode: "cached", chunks: 1, uploaded: c.uploaded, uploadedBytes: c.uploadedBytes },
    ]);
  });
}

/** Decides and, past the threshold, uploads: the relation the plan carries for `node`. */
export function sendLocalRelation(
  handle: SessionHandle,
  node: LocalRelationNode,
  settings: CacheSettings,
): Effect.Effect<[RelType, LocalRelationUpload], SparkConnectError> {
  const mode = sendingMode(settings, node.sizeBytes);
  const sent =
    mode === "inline"
      ? Effect.try({ try: (): [RelType, LocalRelationUpload] => [inline(node, settings), { mode, chunks: 0, uploaded: 0, uploadedBytes: 0 }], catch: (e) => e as SparkConnectError })
      : mode === "chunked"
        ? chunked(handle, node, settings)
        : cachedWhole(handle, node);
  return sent.pipe(
    Effect.tap(([, u]) =>
      Effect.annotateCurrentSpan({ "spark.local_relation.mode": u.mode, "spark.local_relation.chunks": u.chunks, "spark.local_relation.uploaded": u.uploaded, "spark.local_relation.uploaded_bytes": u.uploadedBytes }),
    ),
    Effect.withSpan("spark.localRelation", { attributes: { "spark.session_id": handle.core.sessionId, "spark.local_relation.bytes": node.sizeBytes } }),
  );
}

/** A local relation's way to the server: decided once, shared by every request that carries it. */
export interface LocalRelationState {
  /** The relation the plan carries, once decided (and uploaded). */
  sent: RelType | undefined;
  /** What was sent, once decided. */
  upload: LocalRelationUpload | undefined;
  /** Set while a request decides and uploads; others wait for it (undefined: it stopped early, try again). */
  inflight: Deferred.Deferred<RelType | undefined, SparkConnectError> | undefined;
}

/** The relation already decided for `node` in this session, if it is. */
export function resolvedLocal(handle: SessionHandle, node: LocalRelationNode): RelType | undefined {
  return handle.localRelations.get(node)?.sent;
}

/**
 * Decides how `node`'s rows go to the server (reading the session's settings) and uploads
 * them when they go as artifacts; once per DataFrame and session. Concurrent requests wait
 * for the first; a failed or interrupted upload is tried again by the next request (what
 * was uploaded is not sent twice: ArtifactStatus tells what the server holds).
 */
export function localRelation(handle: SessionHandle, node: LocalRelationNode): Effect.Effect<RelType, SparkConnectError> {
  return Effect.suspend(() => {
    let state = handle.localRelations.get(node);
    if (state?.sent !== undefined) return Effect.succeed(state.sent);
    if (state?.inflight !== undefined) {
      return Effect.flatMap(Deferred.await(state.inflight), (rel) => (rel === undefined ? localRelation(handle, node) : Effect.succeed(rel)));
    }
    if (state === undefined) {
      state = { sent: undefined, upload: undefined, inflight: undefined };
      handle.localRelations.set(node, state);
    }
    const mine = state;
    const done = Deferred.makeUnsafe<RelType | undefined, SparkConnectError>();
    mine.inflight = done;
    return Effect.flatMap(cacheSettings(handle), (settings) => sendLocalRelation(handle, node, settings)).pipe(
      Effect.onExit((exit) =>
        Effect.sync(() => {
          mine.inflight = undefined;
          if (Exit.isSuccess(exit)) {
            [mine.sent, mine.upload] = exit.value;
            Deferred.doneUnsafe(done, Exit.succeed(mine.sent));
          } else {
            // Waiters try again themselves: the failure (or interruption) was this request's.
            Deferred.doneUnsafe(done, Exit.succeed(undefined));
          }
        }),
      ),
      Effect.map(([rel]) => rel),
    );
  });
}
