/**
 * Spark's StreamingQueryProgress and StreamingQueryStatus JSON as typed values, without
 * losing precision.
 *
 * `JSON.parse` turns integers past 2^53 into the nearest double, which corrupts Kafka
 * offsets, file-source log offsets and long counters. {@link parseJsonExact} keeps them: an
 * integer that is not a safe integer becomes a `bigint`. Fields Spark declares as `Long`
 * (batchId, row counts, durations, state metrics) are always `bigint` in
 * {@link StreamingQueryProgress}; fields it declares as `Double` are `number`.
 */
import { ProtocolError } from "../../runtime/errors.js";

/** A JSON value; integers beyond `Number.MAX_SAFE_INTEGER` are `bigint`. */
export type JsonValue = null | boolean | number | bigint | string | readonly JsonValue[] | JsonObject;
/** A JSON object. */
export interface JsonObject {
  readonly [key: string]: JsonValue;
}

/** Default nesting limit of {@link parseJsonExact}. */
const MAX_DEPTH = 512;

function syntaxError(text: string, pos: number, what: string): never {
  const near = JSON.stringify(text.slice(Math.max(0, pos - 20), pos + 20));
  throw new ProtocolError({
    message:
      `Malformed JSON at offset ${pos} (near ${near}): ${what}. ` +
      `Pass the JSON text exactly as Spark produced it (e.g. one entry of a query's recentProgress).`,
  });
}

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
const WS = /[ \t\n\r]*/y;

/**
 * Parses JSON text like `JSON.parse`, except that integers that are not safe integers
 * become `bigint` (with every digit kept) and object keys are always own properties
 * (`"__proto__"` included). Throws `ProtocolError` on malformed text, naming the offset.
 *
 * @example
 * ```ts
 * parseJsonExact('{"t":{"0":9223372036854775807}}'); // { t: { "0": 9223372036854775807n } }
 * parseJsonExact("1.5e3");                            // 1500
 * ```
 */
export function parseJsonExact(text: string): JsonValue {
  if (typeof text !== "string") {
    throw new ProtocolError({ message: `parseJsonExact needs a string, got ${typeof text}; pass the JSON text.` });
  }
  let pos = 0;
  const skip = () => {
    WS.lastIndex = pos;
    WS.exec(text);
    pos = WS.lastIndex;
  };
  const readString = (): string => {
    const start = pos;
    pos++; // opening quote
    for (;;) {
      if (pos >= text.length) syntaxError(text, start, "unterminated string");
      const c = text.charCodeAt(pos);
      if (c === 0x22) break;
      if (c === 0x5c) pos += 2;
      else if (c < 0x20) syntaxError(text, pos, "control character in string");
      else pos++;
    }
    pos++;
    try {
      return JSON.parse(text.slice(start, pos)) as string;
    } catch {
      return syntaxError(text, start, "invalid escape in string");
    }
  };
  const value = (depth: number): JsonValue => {
    if (depth > MAX_DEPTH) syntaxError(text, pos, `nesting deeper than ${MAX_DEPTH}`);
    skip();
    const c = text[pos];
    switch (c) {
      case "{": {
        pos++;
        const obj: Record<string, JsonValue> = {};
        skip();
        if (text[pos] === "}") {
          pos++;
          return obj;
        }
        for (;;) {
          skip();
          if (text[pos] !== '"') syntaxError(text, pos, "expected a property name in double quotes");
          const key = readString();
          skip();
          if (text[pos] !== ":") syntaxError(text, pos, 'expected ":" after a property name');
          pos++;
          const v = value(depth + 1);
          Object.defineProperty(obj, key, { value: v, enumerable: true, writable: true, configurable: true });
          skip();
          if (text[pos] === ",") {
            pos++;
            continue;
          }
          if (text[pos] === "}") {
            pos++;
            return obj;
          }
          syntaxError(text, pos, 'expected "," or "}" in an object');
        }
      }
      case "[": {
        pos++;
        const arr: JsonValue[] = [];
        skip();
        if (text[pos] === "]") {
          pos++;
          return arr;
        }
        for (;;) {
          arr.push(value(depth + 1));
          skip();
          if (text[pos] === ",") {
            pos++;
            continue;
          }
          if (text[pos] === "]") {
            pos++;
            return arr;
          }
          syntaxError(text, pos, 'expected "," or "]" in an array');
        }
      }
      case '"':
        return readString();
      case "t":
      case "f":
      case "n": {
        for (const [word, v] of [["true", true], ["false", false], ["null", null]] as const) {
          if (text.startsWith(word, pos)) {
            pos += word.length;
            return v;
          }
        }
        return syntaxError(text, pos, "unexpected token");
      }
      default: {
        NUMBER.lastIndex = pos;
        const m = NUMBER.exec(text);
        if (m === null) return syntaxError(text, pos, pos >= text.length ? "unexpected end of input" : "unexpected token");
        pos = NUMBER.lastIndex;
        const n = Number(m[0]);
        if (m[1] === undefined && m[2] === undefined && !Number.isSafeInteger(n)) return BigInt(m[0]);
        return n;
      }
    }
  };
  const result = value(0);
  skip();
  if (pos < text.length) syntaxError(text, pos, "unexpected text after the JSON value");
  return result;
}

/**
 * JSON text of a value; `bigint`s are written as integers with every digit (so offsets can
 * be passed back to Spark, e.g. as Kafka's `startingOffsets`).
 *
 * @example
 * ```ts
 * stringifyJsonExact({ t: { "0": 9223372036854775807n } }); // '{"t":{"0":9223372036854775807}}'
 * ```
 */
export function stringifyJsonExact(value: JsonValue): string {
  if (typeof value === "bigint") return value.toString();
  if (value === null || typeof value !== "object") {
    if (typeof value === "number" && !Number.isFinite(value)) {
      throw new ProtocolError({ message: `Cannot write ${value} as JSON; JSON has no NaN or Infinity.` });
    }
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${(value as readonly JsonValue[]).map(stringifyJsonExact).join(",")}]`;
  return `{${Object.entries(value as JsonObject)
    .map(([k, v]) => `${JSON.stringify(k)}:${stringifyJsonExact(v)}`)
    .join(",")}}`;
}

// ---------------------------------------------------------------------------------------
// Typed progress

/** Event-time statistics of a batch (ISO 8601 strings); empty when the query has no watermark/event time. */
export interface EventTimeStats {
  readonly watermark?: string;
  readonly min?: string;
  readonly max?: string;
  readonly avg?: string;
}

/** Progress of one stateful operator in a batch. */
export interface StateOperatorProgress {
  readonly operatorName?: string;
  readonly numRowsTotal: bigint;
  readonly numRowsUpdated: bigint;
  readonly allUpdatesTimeMs?: bigint;
  readonly numRowsRemoved?: bigint;
  readonly allRemovalsTimeMs?: bigint;
  readonly commitTimeMs?: bigint;
  readonly memoryUsedBytes: bigint;
  readonly numRowsDroppedByWatermark?: bigint;
  readonly numShufflePartitions?: bigint;
  readonly numStateStoreInstances?: bigint;
  /** Operator-specific metrics (e.g. `loadedMapCacheHitCount`, `stateOnCurrentVersionSizeBytes`). */
  readonly customMetrics: Readonly<Record<string, bigint>>;
}

/**
 * Progress of one source in a batch. Offsets are source-specific JSON: a number (rate,
 * socket), `{"logOffset": n}` (file), `{"offset": n, "timestamp": t}` (rate-micro-batch),
 * `{"topic": {"partition": offset}}` (Kafka), ... or
 * `null` when unknown (e.g. the start offset of the first batch).
 */
export interface SourceProgress {
  readonly description: string;
  readonly startOffset: JsonValue;
  readonly endOffset: JsonValue;
  /** The newest offset the source had when the batch ran; `null` for sources that do not report it. */
  readonly latestOffset: JsonValue;
  readonly numInputRows: bigint;
  /** Absent when Spark could not compute it (it writes no NaN or Infinity). */
  readonly inputRowsPerSecond?: number;
  readonly processedRowsPerSecond?: number;
  /** Source metrics as Spark reports them (strings, e.g. Kafka's `avgOffsetsBehindLatest`). */
  readonly metrics: Readonly<Record<string, string>>;
}

/** Progress of the sink in a batch. */
export interface SinkProgress {
  readonly description: string;
  /** Rows written, or `-1n` when the sink does not report it. */
  readonly numOutputRows: bigint;
  readonly metrics: Readonly<Record<string, string>>;
}

/**
 * One micro-batch's progress (PySpark's `query.lastProgress`). Spark writes it in two forms,
 * both read here: `StreamingQueryProgress.json` (offsets inline, the query-wide `numInputRows`
 * and rates present, empty maps left out) and the Jackson form Spark Connect servers send
 * (offsets as JSON strings, query-wide counts left out). Query-wide counts and rates that are
 * missing are the sums over the sources, as Spark defines them. Maps and lists left out are
 * empty here; scalars left out (rates that were NaN, fields of older Spark versions) are
 * `undefined`.
 */
export interface StreamingQueryProgress {
  readonly id: string;
  readonly runId: string;
  readonly name: string | null;
  /** When the trigger started, ISO 8601. */
  readonly timestamp: string;
  readonly batchId: bigint;
  readonly batchDuration?: bigint;
  /** Rows read in the batch, over all sources. */
  readonly numInputRows: bigint;
  readonly inputRowsPerSecond?: number;
  readonly processedRowsPerSecond?: number;
  /** Time spent per phase in milliseconds (`triggerExecution`, `addBatch`, `latestOffset`, ...). */
  readonly durationMs: Readonly<Record<string, bigint>>;
  readonly eventTime: EventTimeStats;
  readonly stateOperators: readonly StateOperatorProgress[];
  readonly sources: readonly SourceProgress[];
  readonly sink: SinkProgress;
  /**
   * Metrics of `observe()` calls: by observation name, the row of metric values by metric
   * name (`{ seen: { rows: 10, max_value: 49 } }`), from either form Spark writes.
   */
  readonly observedMetrics: Readonly<Record<string, JsonObject>>;
  /** The whole parsed document, including fields this interface does not name. */
  readonly raw: JsonObject;
}

/** What a streaming query is doing now (PySpark's `query.status`). */
export interface StreamingQueryStatus {
  readonly message: string;
  readonly isDataAvailable: boolean;
  readonly isTriggerActive: boolean;
}

class Reader {
  constructor(
    private readonly obj: JsonObject,
    private readonly path: string,
    private readonly what: string,
  ) {}

  private bad(key: string, expected: string, got: JsonValue | undefined): never {
    const shown = got === undefined ? "nothing" : stringifyJsonExact(got).slice(0, 60);
    throw new ProtocolError({
      message:
        `Malformed ${this.what}: ${this.path}${key} should be ${expected} but is ${shown}. ` +
        `Pass the JSON of a ${this.what} as Spark writes it.`,
    });
  }

  raw(key: string): JsonValue | undefined {
    return Object.prototype.hasOwnProperty.call(this.obj, key) ? this.obj[key] : undefined;
  }

  string(key: string): string {
    const v = this.raw(key);
    return typeof v === "string" ? v : this.bad(key, "a string", v);
  }
  optString(key: string): string | undefined {
    const v = this.raw(key);
    return v === undefined || v === null ? undefined : this.string(key);
  }
  nullableString(key: string): string | null {
    const v = this.raw(key);
    return v === undefined || v === null ? null : this.string(key);
  }
  boolean(key: string): boolean {
    const v = this.raw(key);
    return typeof v === "boolean" ? v : this.bad(key, "true or false", v);
  }
  long(key: string): bigint {
    const v = this.raw(key);
    if (typeof v === "bigint") return v;
    if (typeof v === "number" && Number.isSafeInteger(v)) return BigInt(v);
    return this.bad(key, "an integer", v);
  }
  optLong(key: string): bigint | undefined {
    const v = this.raw(key);
    return v === undefined || v === null ? undefined : this.long(key);
  }
  optDouble(key: string): number | undefined {
    const v = this.raw(key);
    if (v === undefined || v === null) return undefined;
    if (typeof v === "number") return v;
    if (typeof v === "bigint") return Number(v);
    // The Jackson form writes NaN and the infinities as strings.
    if (v === "NaN" || v === "Infinity" || v === "-Infinity") return Number(v);
    return this.bad(key, "a number", v);
  }
  object(key: string, optional = false): Reader {
    const v = this.raw(key);
    if ((v === undefined || v === null) && optional) return new Reader({}, `${this.path}${key}.`, this.what);
    if (v === null || typeof v !== "object" || Array.isArray(v)) return this.bad(key, "an object", v);
    return new Reader(v as JsonObject, `${this.path}${key}.`, this.what);
  }
  array(key: string, optional = false): Reader[] {
    const v = this.raw(key);
    if ((v === undefined || v === null) && optional) return [];
    if (!Array.isArray(v)) return this.bad(key, "an array", v);
    return (v as readonly JsonValue[]).map((item, i) => {
      if (item === null || typeof item !== "object" || Array.isArray(item)) {
        return this.bad(`${key}[${i}]`, "an object", item);
      }
      return new Reader(item as JsonObject, `${this.path}${key}[${i}].`, this.what);
    });
  }
  keys(): string[] {
    return Object.keys(this.obj);
  }
  longMap(): Record<string, bigint> {
    const out: Record<string, bigint> = {};
    for (const k of this.keys()) define(out, k, this.long(k));
    return out;
  }
  stringMap(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const k of this.keys()) {
      const v = this.obj[k]!;
      // Metrics are strings in Spark; accept numbers and keep their text.
      define(out, k, typeof v === "string" ? v : typeof v === "number" || typeof v === "bigint" ? String(v) : this.bad(k, "a string", v));
    }
    return out;
  }
  /**
   * Observed metrics: a row per name, written as `{metric: value}` (StreamingQueryProgress.json)
   * or as `{"values": [...], "schema": {"type": "struct", "fields": [...]}}` (the Jackson form),
   * both read as `{metric: value}`.
   */
  rowMap(): Record<string, JsonObject> {
    const out: Record<string, JsonObject> = {};
    for (const k of this.keys()) {
      const row = this.obj[k]!;
      if (!isObject(row)) this.bad(k, "an object", row);
      define(out, k, Object.freeze(rowFields(row)));
    }
    return out;
  }
  get value(): JsonObject {
    return this.obj;
  }
}

function rowFields(row: JsonObject): JsonObject {
  const { values, schema } = row;
  const keys = Object.keys(row);
  if (keys.length !== 2 || !Array.isArray(values) || !isObject(schema) || schema.type !== "struct") return row;
  const fields = schema.fields;
  if (!Array.isArray(fields) || fields.length !== values.length) return row;
  const out: Record<string, JsonValue> = {};
  for (let i = 0; i < fields.length; i++) {
    const f = (fields as readonly JsonValue[])[i];
    if (!isObject(f) || typeof f.name !== "string") return row;
    define(out, f.name, (values as readonly JsonValue[])[i]!);
  }
  return out;
}

function define<T>(obj: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

function defined<T extends object>(obj: T): T {
  for (const k of Object.keys(obj)) if ((obj as Record<string, unknown>)[k] === undefined) delete (obj as Record<string, unknown>)[k];
  return Object.freeze(obj);
}

/**
 * An offset as a JSON value. Spark writes an offset's JSON inline, or as a string when it
 * could not parse it (and some serializers always write it as a string): a string that
 * holds JSON is read as that JSON, any other string is kept.
 */
function offsetValue(v: JsonValue | undefined): JsonValue {
  if (v === undefined) return null;
  if (typeof v === "string" && /^\s*[[{\d-]/.test(v)) {
    try {
      return parseJsonExact(v);
    } catch {
      return v;
    }
  }
  return v;
}

function readSource(r: Reader): SourceProgress {
  return defined({
    description: r.string("description"),
    startOffset: offsetValue(r.raw("startOffset")),
    endOffset: offsetValue(r.raw("endOffset")),
    latestOffset: offsetValue(r.raw("latestOffset")),
    numInputRows: r.long("numInputRows"),
    inputRowsPerSecond: r.optDouble("inputRowsPerSecond"),
    processedRowsPerSecond: r.optDouble("processedRowsPerSecond"),
    metrics: Object.freeze(r.object("metrics", true).stringMap()),
  });
}

function readStateOperator(r: Reader): StateOperatorProgress {
  return defined({
    operatorName: r.optString("operatorName"),
    numRowsTotal: r.long("numRowsTotal"),
    numRowsUpdated: r.long("numRowsUpdated"),
    allUpdatesTimeMs: r.optLong("allUpdatesTimeMs"),
    numRowsRemoved: r.optLong("numRowsRemoved"),
    allRemovalsTimeMs: r.optLong("allRemovalsTimeMs"),
    commitTimeMs: r.optLong("commitTimeMs"),
    memoryUsedBytes: r.long("memoryUsedBytes"),
    numRowsDroppedByWatermark: r.optLong("numRowsDroppedByWatermark"),
    numShufflePartitions: r.optLong("numShufflePartitions"),
    numStateStoreInstances: r.optLong("numStateStoreInstances"),
    customMetrics: Object.freeze(r.object("customMetrics", true).longMap()),
  });
}

/** Spark's definition of a query-wide rate: the sum over the sources (unknown if any is unknown). */
function sumOverSources(sources: readonly SourceProgress[], key: "inputRowsPerSecond" | "processedRowsPerSecond"): number | undefined {
  let sum = 0;
  for (const s of sources) {
    const v = s[key];
    if (v === undefined) return undefined;
    sum += v;
  }
  return sources.length === 0 || !Number.isFinite(sum) ? undefined : sum;
}

function rootReader(json: string | JsonValue, what: string): Reader {
  const doc = typeof json === "string" ? parseJsonExact(json) : json;
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
    throw new ProtocolError({
      message: `Malformed ${what}: expected a JSON object but got ${doc === null ? "null" : Array.isArray(doc) ? "an array" : typeof doc}. Pass the JSON text of one ${what}.`,
    });
  }
  return new Reader(doc as JsonObject, "", what);
}

/**
 * Parses one StreamingQueryProgress JSON document (an entry of a query's `recentProgress`,
 * or its `lastProgress`). Throws `ProtocolError` when the text is not JSON or a field has
 * the wrong type; the message names the field.
 *
 * @example
 * ```ts
 * const p = parseProgress(json);
 * p.batchId;                       // 42n
 * p.sources[0].endOffset;          // { events: { "0": 9223372036854775807n } }
 * offsetLag(p.sources[0]);         // 120n
 * ```
 */
export function parseProgress(json: string | JsonValue): StreamingQueryProgress {
  const r = rootReader(json, "StreamingQueryProgress");
  const eventTime = r.object("eventTime", true);
  const sink = r.object("sink");
  const sources = Object.freeze(r.array("sources").map(readSource));
  return defined({
    id: r.string("id"),
    runId: r.string("runId"),
    name: r.nullableString("name"),
    timestamp: r.string("timestamp"),
    batchId: r.long("batchId"),
    batchDuration: r.optLong("batchDuration"),
    // Spark defines it as the sum over the sources; some serializers leave it out.
    numInputRows: r.optLong("numInputRows") ?? sources.reduce((sum, s) => sum + s.numInputRows, 0n),
    inputRowsPerSecond: r.optDouble("inputRowsPerSecond") ?? sumOverSources(sources, "inputRowsPerSecond"),
    processedRowsPerSecond: r.optDouble("processedRowsPerSecond") ?? sumOverSources(sources, "processedRowsPerSecond"),
    durationMs: Object.freeze(r.object("durationMs", true).longMap()),
    eventTime: defined({
      watermark: eventTime.optString("watermark"),
      min: eventTime.optString("min"),
      max: eventTime.optString("max"),
      avg: eventTime.optString("avg"),
    }),
    stateOperators: Object.freeze(r.array("stateOperators", true).map(readStateOperator)),
    sources,
    sink: defined({
      description: sink.string("description"),
      numOutputRows: sink.optLong("numOutputRows") ?? -1n,
      metrics: Object.freeze(sink.object("metrics", true).stringMap()),
    }),
    observedMetrics: Object.freeze(r.object("observedMetrics", true).rowMap()),
    raw: r.value,
  });
}

/**
 * Parses a list of progress documents: a JSON array of progress objects, or an array of
 * JSON texts (as Spark Connect returns `recentProgress`).
 *
 * @example
 * ```ts
 * const history = parseProgressList(recentProgressJsonStrings);
 * ```
 */
export function parseProgressList(json: string | readonly string[]): StreamingQueryProgress[] {
  if (typeof json !== "string") return json.map((s) => parseProgress(s));
  const doc = parseJsonExact(json);
  if (!Array.isArray(doc)) {
    throw new ProtocolError({ message: "Malformed progress list: expected a JSON array; pass the JSON of recentProgress, or parse one progress with parseProgress." });
  }
  return (doc as readonly JsonValue[]).map((p) => parseProgress(p));
}

/**
 * Parses a StreamingQueryStatus JSON document (`{"message", "isDataAvailable",
 * "isTriggerActive"}`). Throws `ProtocolError` when a field is missing or mistyped.
 *
 * @example
 * ```ts
 * parseStatus('{"message":"Waiting for data to arrive","isDataAvailable":false,"isTriggerActive":false}');
 * ```
 */
export function parseStatus(json: string | JsonValue): StreamingQueryStatus {
  const r = rootReader(json, "StreamingQueryStatus");
  return Object.freeze({
    message: r.string("message"),
    isDataAvailable: r.boolean("isDataAvailable"),
    isTriggerActive: r.boolean("isTriggerActive"),
  });
}

// ---------------------------------------------------------------------------------------
// Offsets

function asLong(v: JsonValue | undefined): bigint | undefined {
  if (typeof v === "bigint") return v;
  if (typeof v === "number" && Number.isSafeInteger(v)) return BigInt(v);
  // Offsets Spark could not parse as JSON arrive as their text.
  if (typeof v === "string" && /^-?\d+$/.test(v)) return BigInt(v);
  return undefined;
}

function isObject(v: JsonValue | undefined): v is JsonObject {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** One Kafka partition's lag. */
export interface PartitionLag {
  readonly topic: string;
  readonly partition: number;
  readonly endOffset: bigint;
  readonly latestOffset: bigint;
  /** `latestOffset - endOffset`. */
  readonly lag: bigint;
}

/** Whether an offset has Kafka's shape `{ topic: { partition: offset } }`. */
function isKafkaOffset(v: JsonValue): v is JsonObject {
  if (!isObject(v)) return false;
  const topics = Object.values(v);
  return (
    topics.length > 0 &&
    topics.every(
      (parts) => isObject(parts) && Object.entries(parts).every(([p, o]) => /^\d+$/.test(p) && asLong(o) !== undefined),
    )
  );
}

/**
 * Per-partition lag of a Kafka source (`latestOffset - endOffset` for every partition in
 * both), ordered by topic and partition; `undefined` when either offset is missing or not
 * Kafka-shaped.
 *
 * @example
 * ```ts
 * kafkaPartitionLags(progress.sources[0]);
 * // [{ topic: "events", partition: 0, endOffset: 100n, latestOffset: 130n, lag: 30n }, ...]
 * ```
 */
export function kafkaPartitionLags(source: Pick<SourceProgress, "endOffset" | "latestOffset">): PartitionLag[] | undefined {
  const { endOffset: end, latestOffset: latest } = source;
  if (!isKafkaOffset(end) || !isKafkaOffset(latest)) return undefined;
  const out: PartitionLag[] = [];
  for (const topic of Object.keys(end).sort()) {
    const endParts = end[topic] as JsonObject;
    const latestParts = latest[topic];
    if (!isObject(latestParts)) continue;
    const partitions = Object.keys(endParts)
      .filter((p) => Object.prototype.hasOwnProperty.call(latestParts, p))
      .sort((a, b) => Number(a) - Number(b));
    for (const p of partitions) {
      const e = asLong(endParts[p])!;
      const l = asLong(latestParts[p])!;
      out.push(Object.freeze({ topic, partition: Number(p), endOffset: e, latestOffset: l, lag: l - e }));
    }
  }
  return out;
}

/**
 * How far a source is behind: `latestOffset - endOffset`, for the common offset shapes —
 * a plain number (rate, socket, memory), `{"logOffset": n}` (file source),
 * `{"offset": n, "timestamp": t}` (rate-micro-batch), Kafka's `{topic: {partition: offset}}`
 * (summed over the partitions present in both) and continuous rate's
 * `{partition: {"value": n, ...}}` (summed). `undefined` when the source
 * did not report a latest offset, an offset is `null`, or the shape is not one of these.
 *
 * @example
 * ```ts
 * offsetLag({ endOffset: { logOffset: 3n }, latestOffset: { logOffset: 7n } }); // 4n
 * offsetLag({ endOffset: 10, latestOffset: null });                             // undefined
 * ```
 */
export function offsetLag(source: Pick<SourceProgress, "endOffset" | "latestOffset">): bigint | undefined {
  const { endOffset: end, latestOffset: latest } = source;
  if (end === null || latest === null || end === undefined || latest === undefined) return undefined;
  const endLong = asLong(end);
  const latestLong = asLong(latest);
  if (endLong !== undefined && latestLong !== undefined) return latestLong - endLong;
  if (!isObject(end) || !isObject(latest)) return undefined;
  // File source: {"logOffset": n}
  const logOffsetEnd = asLong(end.logOffset);
  const logOffsetLatest = asLong(latest.logOffset);
  if (logOffsetEnd !== undefined && logOffsetLatest !== undefined) return logOffsetLatest - logOffsetEnd;
  // Rate per micro-batch: {"offset": n, "timestamp": t}
  const offsetEnd = asLong(end.offset);
  const offsetLatest = asLong(latest.offset);
  if (offsetEnd !== undefined && offsetLatest !== undefined) return offsetLatest - offsetEnd;
  // Kafka: {topic: {partition: offset}}
  const kafka = kafkaPartitionLags(source);
  if (kafka !== undefined) return kafka.reduce((sum, p) => sum + p.lag, 0n);
  // Continuous rate: {partition: {"value": n, "runTimeMs": t}}
  const endParts = Object.entries(end);
  if (endParts.length > 0 && endParts.every(([, v]) => isObject(v) && asLong(v.value) !== undefined)) {
    let sum = 0n;
    let matched = false;
    for (const [p, v] of endParts) {
      const l = latest[p];
      if (!isObject(l)) continue;
      const lv = asLong(l.value);
      if (lv === undefined) continue;
      sum += lv - asLong((v as JsonObject).value)!;
      matched = true;
    }
    return matched ? sum : undefined;
  }
  return undefined;
}
