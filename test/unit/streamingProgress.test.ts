// StreamingQueryProgress / StreamingQueryStatus JSON as typed values: realistic progress of
// Kafka, file and rate sources in the format Spark writes (StreamingQueryProgress.json and
// prettyJson), offsets with every digit (2^63 - 1 included), offset lag for the common offset
// shapes, the precise JSON parser against JSON.parse, and malformed input as ProtocolError.
import test from "ava";
import { isDeepStrictEqual } from "node:util";
import { ProtocolError } from "../../runtime/errors.js";
import {
  kafkaPartitionLags,
  offsetLag,
  parseJsonExact,
  parseProgress,
  parseProgressList,
  parseStatus,
  stringifyJsonExact,
  type JsonValue,
} from "../../src/streaming/progress.js";

const MAX_LONG = 9_223_372_036_854_775_807n; // 2^63 - 1

// A Kafka query with a windowed aggregation, as Spark's prettyJson writes it.
const KAFKA = `{
  "id" : "8c57e1ec-94b5-4c99-b100-f694162df0b9",
  "runId" : "ae505c5a-a64e-4896-8c28-c7cbaf926f16",
  "name" : "orders-per-minute",
  "timestamp" : "2024-05-01T10:00:00.000Z",
  "batchId" : 9007199254740993,
  "batchDuration" : 1520,
  "numInputRows" : 1200,
  "inputRowsPerSecond" : 120.0,
  "processedRowsPerSecond" : 789.4736842105264,
  "durationMs" : {
    "addBatch" : 1300,
    "commitOffsets" : 40,
    "getBatch" : 0,
    "latestOffset" : 12,
    "queryPlanning" : 50,
    "triggerExecution" : 1520,
    "walCommit" : 60
  },
  "eventTime" : {
    "avg" : "2024-05-01T09:59:55.123Z",
    "max" : "2024-05-01T09:59:59.999Z",
    "min" : "2024-05-01T09:59:50.000Z",
    "watermark" : "2024-05-01T09:49:59.999Z"
  },
  "stateOperators" : [ {
    "operatorName" : "stateStoreSave",
    "numRowsTotal" : 310,
    "numRowsUpdated" : 12,
    "allUpdatesTimeMs" : 25,
    "numRowsRemoved" : 3,
    "allRemovalsTimeMs" : 4,
    "commitTimeMs" : 180,
    "memoryUsedBytes" : 123456,
    "numRowsDroppedByWatermark" : 0,
    "numShufflePartitions" : 200,
    "numStateStoreInstances" : 200,
    "customMetrics" : {
      "loadedMapCacheHitCount" : 400,
      "loadedMapCacheMissCount" : 0,
      "stateOnCurrentVersionSizeBytes" : 98765
    }
  } ],
  "sources" : [ {
    "description" : "KafkaV2[Subscribe[orders]]",
    "startOffset" : {
      "orders" : {
        "0" : 9223372036854774807,
        "1" : 1000,
        "2" : 0
      }
    },
    "endOffset" : {
      "orders" : {
        "0" : 9223372036854775800,
        "1" : 1200,
        "2" : 7
      }
    },
    "latestOffset" : {
      "orders" : {
        "0" : 9223372036854775807,
        "1" : 1300,
        "2" : 7
      }
    },
    "numInputRows" : 1200,
    "inputRowsPerSecond" : 120.0,
    "processedRowsPerSecond" : 789.4736842105264,
    "metrics" : {
      "avgOffsetsBehindLatest" : "35.67",
      "maxOffsetsBehindLatest" : "100",
      "minOffsetsBehindLatest" : "0"
    }
  } ],
  "sink" : {
    "description" : "org.apache.spark.sql.kafka010.KafkaSourceProvider$KafkaTable@5f1b2c3d",
    "numOutputRows" : 1200
  },
  "observedMetrics" : {
    "orders_seen" : {
      "rows" : 1200,
      "max_amount" : 9999.5
    }
  }
}`;

// A file source feeding a parquet sink, as StreamingQueryProgress.json writes it (compact;
// the form Spark Connect returns). The file source reports no latest offset.
const FILE =
  '{"id":"0f8fad5b-d9cb-469f-a165-70867728950e","runId":"7c9e6679-7425-40de-944b-e07fc1f90ae7","name":null,' +
  '"timestamp":"2024-05-01T10:05:00.042Z","batchId":3,"batchDuration":210,"numInputRows":2,' +
  '"inputRowsPerSecond":0.03333333333333333,"processedRowsPerSecond":9.523809523809524,' +
  '"durationMs":{"addBatch":150,"commitOffsets":12,"getBatch":8,"latestOffset":9,"queryPlanning":11,"triggerExecution":210,"walCommit":15},' +
  '"stateOperators":[],"sources":[{"description":"FileStreamSource[file:/data/incoming]",' +
  '"startOffset":{"logOffset":2},"endOffset":{"logOffset":3},"latestOffset":null,"numInputRows":2,' +
  '"inputRowsPerSecond":0.03333333333333333,"processedRowsPerSecond":9.523809523809524}],' +
  '"sink":{"description":"FileSink[file:/data/out]","numOutputRows":-1}}';

// The first batch of a rate source (no start offset yet), and no input rate (Spark leaves NaN out).
const RATE = `{
  "id" : "d2f1e0c4-5b6a-4c3d-9e8f-7a6b5c4d3e2f",
  "runId" : "a1b2c3d4-e5f6-4a5b-8c9d-0e1f2a3b4c5d",
  "name" : null,
  "timestamp" : "2024-05-01T10:10:00.000Z",
  "batchId" : 0,
  "batchDuration" : 4120,
  "numInputRows" : 0,
  "processedRowsPerSecond" : 0.0,
  "durationMs" : {
    "addBatch" : 3800,
    "latestOffset" : 1,
    "triggerExecution" : 4120
  },
  "stateOperators" : [ ],
  "sources" : [ {
    "description" : "RateStreamV2[rowsPerSecond=10, rampUpTimeSeconds=0, numPartitions=default",
    "startOffset" : null,
    "endOffset" : 0,
    "latestOffset" : 0,
    "numInputRows" : 0,
    "processedRowsPerSecond" : 0.0
  }, {
    "description" : "RatePerMicroBatchStream[rowsPerBatch=100, numPartitions=2, startTimestamp=0, advanceMsPerBatch=1000]",
    "startOffset" : null,
    "endOffset" : {
      "offset" : 100,
      "timestamp" : 1000
    },
    "latestOffset" : {
      "offset" : 300,
      "timestamp" : 3000
    },
    "numInputRows" : 100,
    "processedRowsPerSecond" : 24.271844660194176
  } ],
  "sink" : {
    "description" : "org.apache.spark.sql.execution.streaming.ConsoleTable$@1b2c3d4e",
    "numOutputRows" : 100
  }
}`;

// What a Spark Connect server (4.1) sends for lastProgress / recentProgress: the Jackson form
// of the progress, with offsets as JSON strings and no query-wide numInputRows or rates.
const CONNECT_FILE = "{\"id\":\"1c6d519d-e7c6-4b47-b805-50e657125012\",\"runId\":\"03a5a077-110a-4cc3-8851-3ff2d246cd09\",\"name\":null,\"timestamp\":\"2026-12-02T04:39:05.723Z\",\"batchId\":0,\"batchDuration\":12054,\"durationMs\":{\"triggerExecution\":12054,\"queryPlanning\":14,\"getBatch\":6,\"commitOffsets\":88,\"latestOffset\":196,\"addBatch\":11685,\"walCommit\":64},\"eventTime\":{},\"stateOperators\":[],\"sources\":[{\"description\":\"FileStreamSource[file:/tmp/docchk/in]\",\"startOffset\":null,\"endOffset\":\"{\\\"logOffset\\\":0}\",\"latestOffset\":null,\"numInputRows\":3,\"inputRowsPerSecond\":0.0,\"processedRowsPerSecond\":0.24888003982080636,\"metrics\":{}}],\"sink\":{\"description\":\"NoopTable\",\"numOutputRows\":3,\"metrics\":{}},\"observedMetrics\":{}}";
// A windowed count with observe(): state operators and observed metrics in the Jackson form.
const CONNECT_STATEFUL = "{\"id\":\"2faac525-824e-4214-bb52-50a5d2da4e2f\",\"runId\":\"abfae2fa-ed71-4b27-a9b3-c2826c57c80c\",\"name\":null,\"timestamp\":\"2026-12-02T04:40:18.758Z\",\"batchId\":4,\"batchDuration\":385,\"durationMs\":{\"triggerExecution\":385,\"queryPlanning\":12,\"getBatch\":0,\"commitOffsets\":42,\"latestOffset\":0,\"addBatch\":269,\"walCommit\":55},\"eventTime\":{\"min\":\"1970-01-01T00:00:04.000Z\",\"avg\":\"1970-01-01T00:00:04.000Z\",\"watermark\":\"1970-01-01T00:00:02.000Z\",\"max\":\"1970-01-01T00:00:04.000Z\"},\"stateOperators\":[{\"operatorName\":\"stateStoreSave\",\"numRowsTotal\":3,\"numRowsUpdated\":1,\"allUpdatesTimeMs\":56,\"numRowsRemoved\":1,\"allRemovalsTimeMs\":24,\"commitTimeMs\":271,\"memoryUsedBytes\":1840,\"numRowsDroppedByWatermark\":0,\"numShufflePartitions\":2,\"numStateStoreInstances\":2,\"customMetrics\":{\"stateOnCurrentVersionSizeBytes\":864,\"loadedMapCacheHitCount\":16,\"loadedMapCacheMissCount\":0,\"SnapshotLastUploaded.partition_1_default\":-1,\"SnapshotLastUploaded.partition_0_default\":-1}}],\"sources\":[{\"description\":\"RatePerMicroBatchStream[rowsPerBatch=10, numPartitions=2, startTimestamp=0, advanceMsPerBatch=1000]\",\"startOffset\":\"{\\\"offset\\\":40,\\\"timestamp\\\":4000}\",\"endOffset\":\"{\\\"offset\\\":50,\\\"timestamp\\\":5000}\",\"latestOffset\":null,\"numInputRows\":10,\"inputRowsPerSecond\":13.175230566534914,\"processedRowsPerSecond\":25.974025974025974,\"metrics\":{}}],\"sink\":{\"description\":\"NoopTable\",\"numOutputRows\":1,\"metrics\":{}},\"observedMetrics\":{\"seen\":{\"values\":[10,49],\"schema\":{\"type\":\"struct\",\"fields\":[{\"name\":\"rows\",\"type\":\"long\",\"nullable\":false,\"metadata\":{}},{\"name\":\"max_value\",\"type\":\"long\",\"nullable\":true,\"metadata\":{}}]}}}}";
const CONNECT_RATE_MICRO_BATCH = "{\"id\":\"4c5c112b-ca90-4d8b-bfd7-b813389b81fb\",\"runId\":\"3b7bacc6-44f5-4948-83f0-78ecf8af06e3\",\"name\":null,\"timestamp\":\"2026-12-02T04:39:06.189Z\",\"batchId\":2,\"batchDuration\":11589,\"durationMs\":{\"triggerExecution\":11589,\"queryPlanning\":7,\"getBatch\":0,\"commitOffsets\":81,\"latestOffset\":1,\"addBatch\":11405,\"walCommit\":95},\"eventTime\":{},\"stateOperators\":[],\"sources\":[{\"description\":\"RatePerMicroBatchStream[rowsPerBatch=100, numPartitions=2, startTimestamp=0, advanceMsPerBatch=1000]\",\"startOffset\":\"{\\\"offset\\\":200,\\\"timestamp\\\":2000}\",\"endOffset\":\"{\\\"offset\\\":300,\\\"timestamp\\\":3000}\",\"latestOffset\":null,\"numInputRows\":100,\"inputRowsPerSecond\":236.96682464454977,\"processedRowsPerSecond\":8.628872206402622,\"metrics\":{}}],\"sink\":{\"description\":\"NoopTable\",\"numOutputRows\":100,\"metrics\":{}},\"observedMetrics\":{}}";

test("a Kafka progress keeps every digit: batchId past 2^53 and offsets up to 2^63 - 1", (t) => {
  const p = parseProgress(KAFKA);
  t.is(p.id, "8c57e1ec-94b5-4c99-b100-f694162df0b9");
  t.is(p.name, "orders-per-minute");
  t.is(p.batchId, 9_007_199_254_740_993n); // JSON.parse gives 9007199254740992
  t.not(BigInt(JSON.parse(KAFKA).batchId), p.batchId);
  t.is(p.batchDuration, 1520n);
  t.is(p.numInputRows, 1200n);
  t.is(p.inputRowsPerSecond, 120);
  t.is(p.processedRowsPerSecond, 789.4736842105264);
  t.deepEqual(p.durationMs, {
    addBatch: 1300n,
    commitOffsets: 40n,
    getBatch: 0n,
    latestOffset: 12n,
    queryPlanning: 50n,
    triggerExecution: 1520n,
    walCommit: 60n,
  });
  t.deepEqual(p.eventTime, {
    avg: "2024-05-01T09:59:55.123Z",
    max: "2024-05-01T09:59:59.999Z",
    min: "2024-05-01T09:59:50.000Z",
    watermark: "2024-05-01T09:49:59.999Z",
  });
  t.is(p.stateOperators.length, 1);
  t.like(p.stateOperators[0], { operatorName: "stateStoreSave", numRowsTotal: 310n, memoryUsedBytes: 123_456n, numShufflePartitions: 200n });
  t.deepEqual(p.stateOperators[0]!.customMetrics, {
    loadedMapCacheHitCount: 400n,
    loadedMapCacheMissCount: 0n,
    stateOnCurrentVersionSizeBytes: 98_765n,
  });
  const [src] = p.sources;
  t.is(src!.description, "KafkaV2[Subscribe[orders]]");
  t.deepEqual(src!.startOffset, { orders: { "0": 9_223_372_036_854_774_807n, "1": 1000, "2": 0 } });
  t.deepEqual(src!.latestOffset, { orders: { "0": MAX_LONG, "1": 1300, "2": 7 } });
  t.deepEqual(src!.metrics, { avgOffsetsBehindLatest: "35.67", maxOffsetsBehindLatest: "100", minOffsetsBehindLatest: "0" });
  t.like(p.sink, { numOutputRows: 1200n, metrics: {} });
  t.deepEqual(p.observedMetrics, { orders_seen: { rows: 1200, max_amount: 9999.5 } });
  t.is((p.raw.sink as { description: string }).description, p.sink.description);
});

test("Kafka lag: per partition and summed, exact at 2^63 - 1", (t) => {
  const src = parseProgress(KAFKA).sources[0]!;
  t.deepEqual(kafkaPartitionLags(src), [
    { topic: "orders", partition: 0, endOffset: 9_223_372_036_854_775_800n, latestOffset: MAX_LONG, lag: 7n },
    { topic: "orders", partition: 1, endOffset: 1200n, latestOffset: 1300n, lag: 100n },
    { topic: "orders", partition: 2, endOffset: 7n, latestOffset: 7n, lag: 0n },
  ]);
  t.is(offsetLag(src), 107n);
  // Several topics; a partition only in the latest offset (new since the batch) is left out.
  const multi = {
    endOffset: parseJsonExact('{"b":{"10":5,"2":1},"a":{"0":9223372036854775806}}'),
    latestOffset: parseJsonExact('{"a":{"0":9223372036854775807,"1":50},"b":{"2":4,"10":5}}'),
  };
  t.deepEqual(
    kafkaPartitionLags(multi)!.map((p) => [p.topic, p.partition, p.lag]),
    [
      ["a", 0, 1n],
      ["b", 2, 3n],
      ["b", 10, 0n],
    ],
  );
  t.is(offsetLag(multi), 4n);
  t.is(kafkaPartitionLags({ endOffset: { logOffset: 1 }, latestOffset: { logOffset: 2 } }), undefined);
});

test("a file source progress: {logOffset} offsets, no latest offset, omitted maps are empty", (t) => {
  const p = parseProgress(FILE);
  t.is(p.name, null);
  t.is(p.batchId, 3n);
  t.deepEqual(p.eventTime, {});
  t.deepEqual(p.stateOperators, []);
  t.deepEqual(p.observedMetrics, {});
  const src = p.sources[0]!;
  t.deepEqual(src.startOffset, { logOffset: 2 });
  t.deepEqual(src.endOffset, { logOffset: 3 });
  t.is(src.latestOffset, null);
  t.deepEqual(src.metrics, {});
  t.is(offsetLag(src), undefined);
  t.is(p.sink.numOutputRows, -1n);
  // When a latest offset is known, the lag is the difference of the log offsets.
  t.is(offsetLag({ endOffset: src.endOffset, latestOffset: parseJsonExact('{"logOffset":9223372036854775807}') }), MAX_LONG - 3n);
});

test("rate sources: plain numbers and rate-micro-batch {offset, timestamp}; NaN rates left out", (t) => {
  const p = parseProgress(RATE);
  t.is(p.batchId, 0n);
  t.false("inputRowsPerSecond" in p);
  t.is(p.inputRowsPerSecond, undefined);
  t.is(p.processedRowsPerSecond, 0);
  const [rate, perBatch] = p.sources;
  t.is(rate!.startOffset, null);
  t.is(rate!.endOffset, 0);
  t.is(rate!.inputRowsPerSecond, undefined);
  t.is(offsetLag(rate!), 0n);
  t.is(offsetLag({ endOffset: 41, latestOffset: parseJsonExact("9223372036854775807") }), MAX_LONG - 41n);
  t.deepEqual(perBatch!.latestOffset, { offset: 300, timestamp: 3000 });
  t.is(offsetLag(perBatch!), 200n);
  // Continuous rate: {partition: {value, runTimeMs}}, summed over partitions.
  t.is(
    offsetLag({
      endOffset: { "0": { value: 10, runTimeMs: 1000 }, "1": { value: 11, runTimeMs: 1000 } },
      latestOffset: { "0": { value: 15, runTimeMs: 2000 }, "1": { value: 21, runTimeMs: 2000 } },
    }),
    15n,
  );
});

test("offsetLag is undefined for missing or unknown offsets", (t) => {
  t.is(offsetLag({ endOffset: null, latestOffset: 5 }), undefined);
  t.is(offsetLag({ endOffset: 5, latestOffset: null }), undefined);
  t.is(offsetLag({ endOffset: "abc", latestOffset: "abd" }), undefined);
  t.is(offsetLag({ endOffset: [1], latestOffset: [2] }), undefined);
  const delta = { sourceVersion: 1, reservoirId: "r", reservoirVersion: 5, index: -1, isStartingVersion: false };
  t.is(offsetLag({ endOffset: delta, latestOffset: { ...delta, reservoirVersion: 6 } }), undefined);
  // A Kafka topic that happens to be named "offset" is still read as Kafka.
  t.is(offsetLag({ endOffset: { offset: { "0": 1 } }, latestOffset: { offset: { "0": 4 } } }), 3n);
});

test("offsets written as JSON strings are read as their JSON; other strings are kept", (t) => {
  const p = parseProgress({
    id: "i",
    runId: "r",
    name: null,
    timestamp: "2024-05-01T10:00:00.000Z",
    batchId: 1,
    sources: [
      {
        description: "KafkaV2[Subscribe[t]]",
        startOffset: '{"t":{"0":1}}',
        endOffset: '{"t":{"0":9223372036854775806}}',
        latestOffset: '{"t":{"0":9223372036854775807}}',
        numInputRows: 5,
      },
      { description: "custom", startOffset: "cursor-a", endOffset: "cursor-b", latestOffset: null, numInputRows: 2 },
    ],
    sink: { description: "memory" },
  });
  t.deepEqual(p.sources[0]!.endOffset, { t: { "0": MAX_LONG - 1n } });
  t.is(offsetLag(p.sources[0]!), 1n);
  t.is(p.sources[1]!.endOffset, "cursor-b");
  // numInputRows left out: the sum over the sources, as Spark defines it.
  t.is(p.numInputRows, 7n);
  t.is(p.sink.numOutputRows, -1n);
});

test("offsets go back to JSON with every digit (e.g. Kafka startingOffsets)", (t) => {
  const end = parseProgress(KAFKA).sources[0]!.endOffset;
  t.is(stringifyJsonExact(end), '{"orders":{"0":9223372036854775800,"1":1200,"2":7}}');
  t.deepEqual(parseJsonExact(stringifyJsonExact(end)), end);
});

test("a list of progress: a JSON array or an array of JSON texts", (t) => {
  const list = parseProgressList(`[${KAFKA},${FILE}]`);
  t.deepEqual(
    list.map((p) => p.batchId),
    [9_007_199_254_740_993n, 3n],
  );
  t.deepEqual(
    parseProgressList([FILE, RATE]).map((p) => p.batchId),
    [3n, 0n],
  );
  t.throws(() => parseProgressList(FILE), { instanceOf: ProtocolError, message: /expected a JSON array/ });
});

test("StreamingQueryStatus", (t) => {
  t.deepEqual(parseStatus('{"message":"Waiting for data to arrive","isDataAvailable":false,"isTriggerActive":false}'), {
    message: "Waiting for data to arrive",
    isDataAvailable: false,
    isTriggerActive: false,
  });
  t.deepEqual(parseStatus({ message: "Processing new data", isDataAvailable: true, isTriggerActive: true }).isTriggerActive, true);
  t.throws(() => parseStatus('{"message":"x","isDataAvailable":"yes","isTriggerActive":false}'), {
    instanceOf: ProtocolError,
    message: /^Malformed StreamingQueryStatus: isDataAvailable should be true or false but is "yes"/,
  });
});

function malformed(t: import("ava").ExecutionContext, text: string, message: RegExp): void {
  const e = t.throws(() => parseProgress(text), { instanceOf: ProtocolError });
  t.is(e?._tag, "ProtocolError");
  t.regex(e?.message ?? "", message);
  t.regex(e?.message ?? "", /Pass the JSON/);
}

test("malformed progress throws ProtocolError naming the place and the fix", (t) => {
  malformed(t, KAFKA.slice(0, 200), /Malformed JSON at offset \d+.*(unterminated|expected|unexpected end)/);
  malformed(t, "", /unexpected end of input/);
  malformed(t, '{"id":"a",}', /expected a property name/);
  malformed(t, '{"id":"a"} x', /unexpected text after the JSON value/);
  malformed(t, '{"batchId":NaN}', /unexpected token/);
  malformed(t, '{"id":"\\q"}', /invalid escape/);
  malformed(t, `{"id":"a\u0001"}`, /control character/);
  malformed(t, "[1,2]", /expected a JSON object but got an array/);
  malformed(t, "[".repeat(600), /nesting deeper than 512/);
  malformed(t, FILE.replace('"batchId":3', '"batchId":"3"'), /batchId should be an integer but is "3"/);
  malformed(t, FILE.replace('"batchId":3', '"batchId":3.5'), /batchId should be an integer but is 3.5/);
  malformed(t, FILE.replace(',"sink":{"description":"FileSink[file:/data/out]","numOutputRows":-1}', ""), /sink should be an object but is nothing/);
  malformed(t, FILE.replace('"sources":[{', '"sources":[7,{'), /sources\[0\] should be an object but is 7/);
  malformed(t, FILE.replace('"latestOffset":null,"numInputRows":2', '"latestOffset":null,"numInputRows":"two"'), /sources\[0\]\.numInputRows should be an integer/);
  malformed(t, KAFKA.replace('"loadedMapCacheMissCount" : 0', '"loadedMapCacheMissCount" : "0"'), /stateOperators\[0\]\.customMetrics\.loadedMapCacheMissCount should be an integer/);
  malformed(t, FILE.replace('"numInputRows":2,', '"numInputRows":"2",'), /^Malformed StreamingQueryProgress: numInputRows should be an integer/);
});

/** A seeded generator (mulberry32). */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int };
}

function randomValue(r: ReturnType<typeof rng>, depth: number): unknown {
  switch (r.int(depth > 3 ? 5 : 7)) {
    case 0:
      return null;
    case 1:
      return r.int(2) === 0;
    case 2:
      return [() => r.int(2 ** 31) - 2 ** 30, () => (r.next() - 0.5) * 10 ** r.int(15), () => r.next() * 1e-10, () => r.next() * 1e300, () => Number.MAX_SAFE_INTEGER - r.int(5)][r.int(5)]!();
    case 3:
      return Array.from({ length: r.int(6) }, () => String.fromCharCode(r.int(3) === 0 ? r.int(0x3000) : 32 + r.int(95))).join("");
    case 4:
      return r.int(2) === 0 ? "" : "\"\\\n\t\u2028é😀";
    case 5:
      return Array.from({ length: r.int(5) }, () => randomValue(r, depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = r.int(5); i > 0; i--) o[String(randomValue(r, 99)).slice(0, 8) + i] = randomValue(r, depth + 1);
      return o;
    }
  }
}

test("property: parseJsonExact agrees with JSON.parse on JSON without big integers, pretty or compact", (t) => {
  const r = rng(42);
  for (let i = 0; i < 3000; i++) {
    const v = randomValue(r, 0);
    const text = JSON.stringify(v, null, r.int(2) === 0 ? undefined : 2);
    const mine = parseJsonExact(text);
    if (!isDeepStrictEqual(mine, JSON.parse(text))) t.fail(`parseJsonExact differs on ${text}`);
    if (stringifyJsonExact(mine) !== JSON.stringify(v)) t.fail(`stringifyJsonExact differs on ${text}`);
  }
  t.pass();
});

test("property: integers of any size survive parseJsonExact and stringifyJsonExact exactly", (t) => {
  const r = rng(2024);
  for (let i = 0; i < 3000; i++) {
    const digits = 1 + r.int(25);
    const big = BigInt(Array.from({ length: digits }, (_, k) => (k === 0 ? 1 + r.int(9) : r.int(10))).join("")) * (r.int(2) === 0 ? -1n : 1n);
    const text = `{"p":{"0":${big}},"a":[${big}]}`;
    const v = parseJsonExact(text) as { p: { "0": JsonValue }; a: JsonValue[] };
    const expected = Number.isSafeInteger(Number(big)) ? Number(big) : big;
    if (v.p["0"] !== expected || v.a[0] !== expected) t.fail(`${big} read as ${String(v.p["0"])}`);
    if (stringifyJsonExact(v) !== text) t.fail(`${text} written back as ${stringifyJsonExact(v)}`);
  }
  t.is(parseJsonExact("9007199254740991"), Number.MAX_SAFE_INTEGER);
  t.is(parseJsonExact("9007199254740992"), 9_007_199_254_740_992n);
  t.is(parseJsonExact("-9223372036854775808"), -(2n ** 63n));
  t.is(parseJsonExact("1.0"), 1);
  t.is(parseJsonExact("9223372036854775807.0"), 9223372036854775807.0);
  t.is(parseJsonExact("1e3"), 1000);
  t.true(Object.is(parseJsonExact("-0"), -0));
});

test('object keys are own properties, "__proto__" included', (t) => {
  const v = parseJsonExact('{"__proto__":{"polluted":1},"constructor":2}') as Record<string, unknown>;
  t.true(Object.prototype.hasOwnProperty.call(v, "__proto__"));
  t.is(Object.getPrototypeOf(v), Object.prototype);
  t.is(({} as Record<string, unknown>).polluted, undefined);
  t.deepEqual(Object.keys(v), ["__proto__", "constructor"]);
});

test("the form Spark Connect servers send: offsets as JSON strings, query-wide counts as sums over the sources", (t) => {
  const file = parseProgress(CONNECT_FILE);
  t.is(file.batchId, 0n);
  t.is(file.numInputRows, 3n);
  t.is(file.inputRowsPerSecond, 0);
  t.is(file.processedRowsPerSecond, 0.24888003982080636);
  t.is(file.durationMs.triggerExecution, 12054n);
  t.deepEqual(file.eventTime, {});
  t.is(file.sources[0]!.startOffset, null);
  t.deepEqual(file.sources[0]!.endOffset, { logOffset: 0 });
  t.is(offsetLag(file.sources[0]!), undefined);
  t.like(file.sink, { description: "NoopTable", numOutputRows: 3n });

  const rate = parseProgress(CONNECT_RATE_MICRO_BATCH);
  t.is(rate.batchId, 2n);
  t.deepEqual(rate.sources[0]!.startOffset, { offset: 200, timestamp: 2000 });
  t.deepEqual(rate.sources[0]!.endOffset, { offset: 300, timestamp: 3000 });
  t.is(offsetLag({ endOffset: rate.sources[0]!.startOffset, latestOffset: rate.sources[0]!.endOffset }), 100n);

  // A Kafka source in this form keeps every digit of offsets inside the strings.
  const kafka = parseProgress(
    CONNECT_FILE.replace('"FileStreamSource[file:/tmp/docchk/in]"', '"KafkaV2[Subscribe[orders]]"')
      .replace('"endOffset":"{\\"logOffset\\":0}"', '"endOffset":"{\\"orders\\":{\\"0\\":9223372036854775800}}"')
      .replace('"latestOffset":null', '"latestOffset":"{\\"orders\\":{\\"0\\":9223372036854775807}}"'),
  );
  t.deepEqual(kafka.sources[0]!.endOffset, { orders: { "0": MAX_LONG - 7n } });
  t.is(offsetLag(kafka.sources[0]!), 7n);
  // Jackson writes a NaN rate as the string "NaN".
  const nan = parseProgress(CONNECT_FILE.replace('"inputRowsPerSecond":0.0', '"inputRowsPerSecond":"NaN"'));
  t.true(Number.isNaN(nan.sources[0]!.inputRowsPerSecond));
  t.is(nan.inputRowsPerSecond, undefined);
});

test("state operators and observed metrics in the form Spark Connect servers send", (t) => {
  const p = parseProgress(CONNECT_STATEFUL);
  t.is(p.batchId, 4n);
  t.deepEqual(p.eventTime, {
    min: "1970-01-01T00:00:04.000Z",
    avg: "1970-01-01T00:00:04.000Z",
    watermark: "1970-01-01T00:00:02.000Z",
    max: "1970-01-01T00:00:04.000Z",
  });
  t.like(p.stateOperators[0], { operatorName: "stateStoreSave", numRowsTotal: 3n, numRowsRemoved: 1n, numStateStoreInstances: 2n });
  t.is(p.stateOperators[0]!.customMetrics["SnapshotLastUploaded.partition_0_default"], -1n);
  // {"values":[10,49],"schema":{...}} is read as the row it stands for.
  t.deepEqual(p.observedMetrics, { seen: { rows: 10, max_value: 49 } });
  t.deepEqual(parseProgress(KAFKA).observedMetrics, { orders_seen: { rows: 1200, max_amount: 9999.5 } });
  t.is(offsetLag({ endOffset: p.sources[0]!.startOffset, latestOffset: p.sources[0]!.endOffset }), 10n);
});
