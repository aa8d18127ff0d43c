// Artifacts without Spark: the AddArtifacts messages (batches, chunks, CRCs), the checks
// of local files, and, against the mock server, how createDataFrame sends rows past the
// cache threshold and how an upload is retried as a whole.
import test, { type ExecutionContext } from "ava";
import { mkdtempSync, mkdirSync, writeFileSync, appendFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { crc32 } from "node:zlib";
import { createHash, randomBytes } from "node:crypto";
import { status } from "@grpc/grpc-js";
import { fromBinary } from "@bufbuild/protobuf";
import { tableFromIPC } from "apache-arrow";
import { LocalRelationSchema } from "../../generated/spark/connect/relations_pb.js";
import { tableToRows } from "../../runtime/arrow/rows.js";
import { ArtifactError, InvalidOptionError, SparkSession, TransportError, type ConnectOptions } from "../../src/index.js";
import {
  ARTIFACT_CHUNK_SIZE,
  artifactPayloads,
  forwardToFsArtifact,
  localArtifacts,
  memoryArtifact,
} from "../../src/internal/ops/artifacts.js";
import { sendingMode, sizeSetting } from "../../src/internal/ops/localRelations.js";
import { type Handler, type MockSpark, startMockSpark } from "../support/mockSpark.js";

const dir = mkdtempSync(join(tmpdir(), "sc-artifacts-"));
const file = (name: string, bytes: Uint8Array | string) => {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
};
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** The bytes of each artifact the payloads carry, by name, with every CRC checked. */
function reassemble(t: ExecutionContext, payloads: readonly { case?: string; value?: any }[]): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  let current: { name: string; parts: Uint8Array[]; left: bigint; total: bigint } | undefined;
  const checked = (c: { data: Uint8Array; crc: bigint }) => {
    t.is(c.crc, BigInt(crc32(c.data)));
    return c.data;
  };
  const close = () => {
    if (current === undefined) return;
    t.is(current.left, 0n, `${current.name}: all pieces`);
    const data = Buffer.concat(current.parts);
    t.is(BigInt(data.byteLength), current.total);
    out.set(current.name, data);
    current = undefined;
  };
  for (const p of payloads) {
    if (p.case === "batch") {
      close();
      for (const a of p.value.artifacts) out.set(a.name, Buffer.from(checked(a.data)));
    } else if (p.case === "beginChunk") {
      close();
      const v = p.value;
      current = { name: v.name, parts: [checked(v.initialChunk)], left: v.numChunks - 1n, total: v.totalBytes };
      t.true(v.initialChunk.data.byteLength <= ARTIFACT_CHUNK_SIZE);
    } else if (p.case === "chunk") {
      t.truthy(current, "a chunk follows a beginChunk");
      current!.parts.push(checked(p.value));
      current!.left--;
      t.true(p.value.data.byteLength <= ARTIFACT_CHUNK_SIZE);
    }
  }
  close();
  return out;
}

test("payloads: small artifacts share batches of at most the chunk size, large ones go in chunks with CRC-32s", (t) => {
  t.is(ARTIFACT_CHUNK_SIZE, 1024 * 1024);
  const chunk = 32 * 1024;
  const small = Array.from({ length: 5 }, (_, i) => memoryArtifact(`files/s${i}`, randomBytes(10_000)));
  const large = memoryArtifact("cache/big", randomBytes(3 * chunk + 5));
  const empty = memoryArtifact("files/empty", new Uint8Array(0));
  const payloads = [...artifactPayloads([small[0]!, small[1]!, small[2]!, small[3]!, large, small[4]!, empty], chunk)];
  t.deepEqual(
    payloads.map((p) => p.case),
    ["batch", "batch", "beginChunk", "chunk", "chunk", "chunk", "batch"],
  );
  // 3 × 10 000 bytes fit in 32 KiB, the 4th starts a new batch; the large one flushes it.
  t.deepEqual((payloads[0]!.value as any).artifacts.map((a: { name: string }) => a.name), ["files/s0", "files/s1", "files/s2"]);
  t.is((payloads[2]!.value as any).numChunks, 4n);
  const back = reassemble(t, payloads);
  for (const a of [...small, large, empty]) t.deepEqual(back.get(a.name), Buffer.concat([...a.pieces(1 << 20)]), a.name);
});

test("local files: jars under jars/, the options' kinds under files/, archives/ (with #name) and pyfiles/", (t) => {
  const jar = file("udfs.jar", "jar bytes");
  const csv = file("lookup.csv", "a,b\n1,2\n");
  const tgz = file("env.tar.gz", "tgz");
  const py = file("helpers.py", "x = 1\n");
  t.deepEqual(localArtifacts([jar]).map((a) => a.name), ["jars/udfs.jar"]);
  t.deepEqual(localArtifacts([pathToFileURL(jar).href]).map((a) => a.name), ["jars/udfs.jar"]);
  t.deepEqual(localArtifacts([csv, jar], { file: true }).map((a) => a.name), ["files/lookup.csv", "files/udfs.jar"]);
  t.deepEqual(localArtifacts([`${tgz}#tools`, jar], { archive: true }).map((a) => a.name), ["archives/env.tar.gz#tools", "archives/udfs.jar"]);
  t.deepEqual(localArtifacts([py], { pyfile: true }).map((a) => a.name), ["pyfiles/helpers.py"]);
  const [a] = localArtifacts([csv], { file: true });
  t.deepEqual(Buffer.concat([...a!.pieces(3)]).toString(), "a,b\n1,2\n");
});

test("local files: a missing file, a directory, another scheme or kind fail with ArtifactError naming the fix", (t) => {
  const sub = join(dir, "classes");
  mkdirSync(sub, { recursive: true });
  const csv = file("data.csv", "x");
  t.throws(() => localArtifacts([join(dir, "missing.jar")]), { instanceOf: ArtifactError, message: /missing\.jar does not exist .*Check the path/ });
  t.throws(() => localArtifacts([sub]), { instanceOf: ArtifactError, message: /is a directory; only single files are uploaded\. Pack it/ });
  t.throws(() => localArtifacts([csv]), { instanceOf: ArtifactError, message: /is not a \.jar.*Pass \{ file: true \}/ });
  t.throws(() => localArtifacts([csv], { archive: true }), { instanceOf: ArtifactError, message: /not an archive.*\{ file: true \}/ });
  t.throws(() => localArtifacts([csv], { pyfile: true }), { instanceOf: ArtifactError, message: /not a Python file/ });
  t.throws(() => localArtifacts(["https://example.com/x.jar"]), { instanceOf: ArtifactError, message: /https: URI; only local files are uploaded/ });
  const e = t.throws(() => localArtifacts([sub]), { instanceOf: ArtifactError });
  t.is(e.path, sub);
  t.throws(() => localArtifacts([csv], { file: true, archive: true }), { instanceOf: InvalidOptionError, message: /at most one of pyfile, archive and file/ });
  t.throws(() => localArtifacts([]), { instanceOf: InvalidOptionError, message: /at least one path/ });
});

test("a file that grows after it was checked is refused while it is sent", (t) => {
  const p = file("growing.bin", randomBytes(100_000));
  const sources = localArtifacts([p], { file: true });
  appendFileSync(p, "more");
  t.throws(() => [...artifactPayloads(sources)], { instanceOf: ArtifactError, message: /changed size while it was being sent/ });
});

test("copyFromLocalToFs: named forward_to_fs<dest>; the destination is an absolute path without a scheme", (t) => {
  const p = file("copy.txt", "hello");
  t.is(forwardToFsArtifact(p, "/data/copy.txt").name, "forward_to_fs/data/copy.txt");
  t.throws(() => forwardToFsArtifact(p, "s3a://bucket/copy.txt"), { instanceOf: InvalidOptionError, message: /absolute path without a scheme/ });
  t.throws(() => forwardToFsArtifact(p, "data/copy.txt"), { instanceOf: InvalidOptionError });
  t.throws(() => forwardToFsArtifact(join(dir, "nope.txt"), "/x"), { instanceOf: ArtifactError, message: /copyFromLocalToFs\(\): .*does not exist/ });
});

test("settings: sizes as Spark writes them; cached from the threshold on, chunked where the server has chunk settings", (t) => {
  t.is(sizeSetting("1048576"), 1048576);
  t.is(sizeSetting("3221225472b"), 3221225472);
  t.is(sizeSetting("64m"), 64 * 2 ** 20);
  t.is(sizeSetting("1k"), 1024);
  t.is(sizeSetting("lots"), undefined);
  t.is(sizeSetting(undefined), undefined);
  const s41 = { threshold: 1000, chunkRows: 10, chunkBytes: 100, batchBytes: 1000 };
  t.is(sendingMode(s41, 999), "inline");
  t.is(sendingMode(s41, 1000), "chunked");
  t.is(sendingMode({ ...s41, chunkRows: undefined, chunkBytes: undefined }, 1000), "cached");
  t.is(sendingMode({ threshold: undefined, chunkRows: undefined, chunkBytes: undefined, batchBytes: undefined }, 10 ** 9), "inline");
});

// ---------------------------------------------------------------- against the mock server

const FAST: ConnectOptions = { retry: { initialBackoffMs: 5 } };
const ok: Handler = () => ({ kind: "unary", response: {} });

async function setup(t: ExecutionContext, handlers: Record<string, Handler>, options = FAST): Promise<{ mock: MockSpark; spark: SparkSession }> {
  const mock = await startMockSpark({ ReleaseSession: ok, ArtifactStatus: ok, ...handlers });
  const spark = await SparkSession.connect(mock.url, options);
  t.teardown(async () => {
    await spark.close();
    await mock.close();
  });
  return { mock, spark };
}

/** Config answers: the given settings for getOption, nothing else. */
const settings =
  (values: Record<string, string>): Handler =>
  (req: { operation: { opType: { value: { keys: string[] } } } }) => ({
    kind: "unary",
    response: { pairs: req.operation.opType.value.keys.map((key) => (key in values ? { key, value: values[key] } : { key })) },
  });

/** AnalyzePlan for df.schema(): records the relation sent. */
function schemaAnswer(seen: unknown[]): Handler {
  return (req: { analyze: { value: { plan: { opType: { value: unknown } } } } }) => {
    seen.push(req.analyze.value.plan.opType.value);
    return { kind: "unary", response: { result: { case: "schema", value: { schema: { kind: { case: "struct", value: { fields: [] } } } } } } };
  };
}

const rows = Array.from({ length: 2500 }, (_, i) => ({ id: BigInt(i), s: `row-${i}` }));

test("mock: past the threshold the rows go up as schema and Arrow chunks named by SHA-256, and the plan names them", async (t) => {
  const relations: any[] = [];
  const uploads: any[][] = [];
  const { mock, spark } = await setup(t, {
    Config: settings({
      "spark.sql.session.localRelationCacheThreshold": "1024",
      "spark.sql.session.localRelationChunkSizeRows": "1000",
      "spark.sql.session.localRelationChunkSizeBytes": "16m",
      "spark.sql.session.localRelationBatchOfChunksSizeBytes": "1g",
    }),
    ArtifactStatus: (req: { names: string[] }) => ({ kind: "unary", response: { statuses: Object.fromEntries(req.names.map((n) => [n, { exists: false }])) } }),
    AddArtifacts: (reqs: any[]) => {
      uploads.push(reqs);
      return { kind: "unary", response: { artifacts: [] } };
    },
    AnalyzePlan: schemaAnswer(relations),
  });
  const df = spark.createDataFrame(rows);
  await df.schema();
  await df.schema(); // decided once: no second upload
  t.is(uploads.length, 1);
  t.deepEqual(mock.calls.map((c) => c.method), ["Config", "ArtifactStatus", "AddArtifacts", "AnalyzePlan", "AnalyzePlan"]);
  const rel = relations[0].relType;
  t.is(rel.case, "chunkedCachedLocalRelation");
  t.is(rel.value.dataHashes.length, 3);
  const sent = reassemble(t, uploads[0]!.map((r) => r.payload));
  const schema = sent.get(`cache/${rel.value.schemaHash}`)!;
  t.is(schema.toString("utf8"), "`id` BIGINT, `s` STRING");
  t.is(sha(schema), rel.value.schemaHash);
  const back = rel.value.dataHashes.flatMap((h: string) => {
    const chunk = sent.get(`cache/${h}`)!;
    t.is(sha(chunk), h);
    return tableToRows(tableFromIPC(chunk));
  });
  t.deepEqual(back, rows);
  t.is(relations[1].relType.case, "chunkedCachedLocalRelation");
});

test("mock: chunks the server holds are not uploaded again; below the threshold the rows go inline", async (t) => {
  const relations: any[] = [];
  let threshold = "1024";
  const { mock, spark } = await setup(t, {
    Config: (req, call) => settings({ "spark.sql.session.localRelationCacheThreshold": threshold, "spark.sql.session.localRelationChunkSizeRows": "10000", "spark.sql.session.localRelationChunkSizeBytes": "16777216" })(req, call),
    ArtifactStatus: (req: { names: string[] }) => ({ kind: "unary", response: { statuses: Object.fromEntries(req.names.map((n) => [n, { exists: true }])) } }),
    AddArtifacts: () => ({ kind: "unary", response: {} }),
    AnalyzePlan: schemaAnswer(relations),
  });
  await spark.createDataFrame(rows).schema();
  t.false(mock.calls.some((c) => c.method === "AddArtifacts"));
  t.is(relations[0].relType.case, "chunkedCachedLocalRelation");
  threshold = String(10 ** 9);
  await spark.createDataFrame(rows).schema();
  t.is(relations[1].relType.case, "localRelation");
  t.deepEqual(tableToRows(tableFromIPC(relations[1].relType.value.data)), rows);
});

test("mock: a server without chunk settings (before 4.1) gets one CachedLocalRelation blob", async (t) => {
  const relations: any[] = [];
  const uploads: any[][] = [];
  const { spark } = await setup(t, {
    Config: settings({ "spark.sql.session.localRelationCacheThreshold": "1024" }),
    ArtifactStatus: () => ({ kind: "unary", response: { statuses: {} } }),
    AddArtifacts: (reqs: any[]) => {
      uploads.push(reqs);
      return { kind: "unary", response: {} };
    },
    AnalyzePlan: schemaAnswer(relations),
  });
  await spark.createDataFrame(rows).schema();
  const rel = relations[0].relType;
  t.is(rel.case, "cachedLocalRelation");
  const blob = reassemble(t, uploads[0]!.map((r) => r.payload)).get(`cache/${rel.value.hash}`)!;
  t.is(sha(blob), rel.value.hash);
  const local = fromBinary(LocalRelationSchema, blob);
  t.is(local.schema, "`id` BIGINT, `s` STRING");
  t.deepEqual(tableToRows(tableFromIPC(local.data!)), rows);
});

test("mock: an upload that fails with a retryable error, or whose CRC the server refuses, is sent again as a whole", async (t) => {
  const uploads: any[][] = [];
  const { mock, spark } = await setup(t, {
    AddArtifacts: (reqs: any[], call) => {
      uploads.push(reqs);
      if (call.index === 0) return { kind: "error", error: { code: status.UNAVAILABLE, message: "mock: restarting" } };
      if (call.index === 1) return { kind: "unary", response: { artifacts: [{ name: "files/big.bin", isCrcSuccessful: false }] } };
      return { kind: "unary", response: { artifacts: [{ name: "files/big.bin", isCrcSuccessful: true }] } };
    },
  });
  const bytes = randomBytes(100_000);
  await spark.addArtifacts(file("big.bin", bytes), { file: true });
  // The session's first call: a cheap one reaches the server before the upload.
  t.deepEqual(mock.calls.map((c) => c.method), ["ArtifactStatus", "AddArtifacts", "AddArtifacts", "AddArtifacts"]);
  t.is(uploads.length, 3);
  for (const u of uploads) t.deepEqual(reassemble(t, u.map((r) => r.payload)).get("files/big.bin"), bytes);
});

test("mock: a CRC the server keeps refusing ends in a TransportError naming it", async (t) => {
  const { mock, spark } = await setup(
    t,
    { AddArtifacts: () => ({ kind: "unary", response: { artifacts: [{ name: "jars/x.jar", isCrcSuccessful: false }] } }) },
    { retry: { initialBackoffMs: 1, maxRetries: 2 } },
  );
  await t.throwsAsync(spark.addArtifacts(file("x.jar", "x")), { instanceOf: TransportError, message: /discarded jars\/x\.jar: the CRC .* did not match/ });
  t.is(mock.calls.filter((c) => c.method === "AddArtifacts").length, 3);
});
