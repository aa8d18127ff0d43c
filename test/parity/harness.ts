// Differential parity harness: each case runs one operation through this client and
// through PySpark Connect (test/parity/pyspark_worker.py, started once per test file with
// the whole batch of cases) against the same Spark Connect server, and compares column
// names, column types (simpleString and nullability), rows, returned values or the
// errorClass and sqlState of the failure.
//
// Values of both clients are brought to one canonical form before comparing:
//   null, true/false          as is
//   numbers (int, long, float, double, day-time intervals in µs)
//                             "#<JavaScript's String(n)>", "#NaN", "#Infinity", "#-Infinity", "#-0"
//   strings and decimals      "'<text>" (decimals with exactly `scale` fractional digits)
//   dates                     "@dYYYY-MM-DD"
//   timestamps (both kinds)   "@t<microseconds since the epoch>" (NTZ: the wall clock read as UTC)
//   binary                    "0x<hex>"
//   arrays                    arrays
//   maps                      { map: [[key, value], ...] } sorted by entry
//   structs and rows          { struct: [[name, value], ...] } in field order
// Rows are compared in order only for cases marked `ordered`; otherwise both sides'
// rows are sorted canonically first.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import test from "ava";
import { DataFrame, SparkError, SparkSession, SparkTimestamp, simpleString, type DataType, type StructType } from "../../src/index.js";
import { connect, testUrl, TEST_RETRY } from "../support/server.js";
import { FIXTURES } from "./fixtures.js";

/** What a case's TypeScript side gets: the session, the fixture DataFrames, a fresh directory and a unique tag. */
export interface Ctx {
  readonly spark: SparkSession;
  readonly fx: Readonly<Record<keyof typeof FIXTURES, DataFrame>>;
  /** A fresh empty directory, removed after the case. */
  readonly tmp: string;
  /** A unique suffix for table names (Python's `tag`). */
  readonly tag: string;
}

export interface Case {
  readonly name: string;
  /** PySpark side: an expression, or statements assigning `result`. */
  readonly py: string;
  /** This client's side: a DataFrame, or an action's value. */
  readonly ts: (ctx: Ctx) => unknown;
  /** The rows' order is part of the answer (an orderBy at the end). */
  readonly ordered?: boolean;
  /** Session configuration set for this case only (both clients get a session of its own). */
  readonly conf?: Readonly<Record<string, string>>;
  /** Both sides must fail (with the same errorClass and sqlState). */
  readonly error?: boolean;
  /** Compare floating-point numbers to this many significant digits (results of non-associative sums). */
  readonly digits?: number;
}

/**
 * Differences the suite found between this client and PySpark Connect, by case name. Each
 * entry pins both answers as they are now (canonical JSON, see above): the case fails if
 * either side's answer changes, so a fix (or a change in PySpark) shows up here and the
 * entry is then removed. Described in scratch/parity-diffs.md.
 */
export const KNOWN_DIFFERENCES: Readonly<Record<string, { readonly reason: string; readonly ours: string; readonly pyspark: string }>> = {
  "exceptAll by position with swapped columns": {
    reason: "exceptAll() matches columns by name in this client; PySpark's exceptAll is by position",
    ours: "{\"kind\":\"df\",\"columns\":[\"id\",\"age\"],\"types\":\"struct<id:int,age:int>\",\"nulls\":\"<!,!>\",\"rows\":[]}",
    pyspark: "{\"kind\":\"df\",\"columns\":[\"id\",\"age\"],\"types\":\"struct<id:int,age:int>\",\"nulls\":\"<!,!>\",\"rows\":[[\"#1\",\"#30\"],[\"#2\",\"#25\"],[\"#3\",\"#41\"],[\"#4\",\"#35\"],[\"#5\",\"#28\"],[\"#6\",\"#25\"]]}",
  },
  "intersect by position with swapped columns": {
    reason: "intersect() matches columns by name in this client; PySpark's intersect is by position",
    ours: "{\"kind\":\"df\",\"columns\":[\"id\",\"age\"],\"types\":\"struct<id:int,age:int>\",\"nulls\":\"<!,!>\",\"rows\":[[\"#1\",\"#30\"],[\"#2\",\"#25\"],[\"#3\",\"#41\"],[\"#4\",\"#35\"],[\"#5\",\"#28\"],[\"#6\",\"#25\"]]}",
    pyspark: "{\"kind\":\"df\",\"columns\":[\"id\",\"age\"],\"types\":\"struct<id:int,age:int>\",\"nulls\":\"<!,!>\",\"rows\":[]}",
  },
  "literal integral double": {
    reason: "a JavaScript number with an integral value (0.0, 2.0) is the same value as 0, 2: lit() makes it INT (src/expr/LiteralNode.ts), PySpark's float literal is DOUBLE",
    ours: "{\"kind\":\"df\",\"columns\":[\"0\",\"(2 * id)\"],\"types\":\"struct<0:int,(2 * id):bigint>\",\"nulls\":\"<!,!>\",\"rows\":[[\"#0\",\"#0\"]]}",
    pyspark: "{\"kind\":\"df\",\"columns\":[\"0.0\",\"(2.0 * id)\"],\"types\":\"struct<0.0:double,(2.0 * id):double>\",\"nulls\":\"<!,!>\",\"rows\":[[\"#0\",\"#0\"]]}",
  },
  "pivot two aggregates": {
    reason: "count(\"*\") is sent as count(1) by this client (src/functions/aggregate.ts count); PySpark sends count(*) with an unresolved star, which the server refuses inside pivot",
    ours: "{\"kind\":\"df\",\"columns\":[\"region\",\"2023_s\",\"2023_n\",\"2024_s\",\"2024_n\"],\"types\":\"struct<region:string,2023_s:bigint,2023_n:bigint,2024_s:bigint,2024_n:bigint>\",\"nulls\":\"<!,?,?,?,?>\",\"rows\":[[\"'east\",\"#7\",\"#1\",null,null],[\"'north\",\"#30\",\"#2\",\"#30\",\"#2\"],[\"'south\",\"#5\",\"#1\",\"#40\",\"#2\"]]}",
    pyspark: "{\"kind\":\"error\",\"errorClass\":\"INVALID_USAGE_OF_STAR_OR_REGEX\",\"sqlState\":\"42000\"}",
  },
  "union widening types": {
    reason: "union() matches columns by name in this client; PySpark's union is by position, so columns of different names (age, spent) combine there",
    ours: "{\"kind\":\"error\",\"errorClass\":\"_LEGACY_ERROR_TEMP_1201\",\"sqlState\":null}",
    pyspark: "{\"kind\":\"df\",\"columns\":[\"age\"],\"types\":\"struct<age:double>\",\"nulls\":\"<?>\",\"rows\":[[\"#10\"],[\"#100\"],[\"#25\"],[\"#25\"],[\"#28\"],[\"#30\"],[\"#35\"],[\"#41\"],[\"#50.5\"],[\"#50.5\"],[\"#75.25\"],[null]]}",
  },
  "union": {
    reason: "union() matches columns by name in this client (src/DataFrame.ts union/setOp); PySpark's union matches by position (this client's unionByPosition)",
    ours: "{\"kind\":\"error\",\"errorClass\":\"_LEGACY_ERROR_TEMP_1201\",\"sqlState\":null}",
    pyspark: "{\"kind\":\"df\",\"columns\":[\"id\"],\"types\":\"struct<id:int>\",\"nulls\":\"<!>\",\"rows\":[[\"#1\"],[\"#1\"],[\"#1\"],[\"#2\"],[\"#2\"],[\"#3\"],[\"#4\"],[\"#4\"],[\"#5\"],[\"#6\"],[\"#9\"]]}",
  },
  "unionAll by position with swapped columns": {
    reason: "unionAll() matches columns by name in this client; PySpark's unionAll is by position",
    ours: "{\"kind\":\"df\",\"columns\":[\"id\",\"age\"],\"types\":\"struct<id:int,age:int>\",\"nulls\":\"<!,!>\",\"rows\":[[\"#1\",\"#30\"],[\"#1\",\"#30\"],[\"#2\",\"#25\"],[\"#2\",\"#25\"],[\"#3\",\"#41\"],[\"#3\",\"#41\"],[\"#4\",\"#35\"],[\"#4\",\"#35\"],[\"#5\",\"#28\"],[\"#5\",\"#28\"],[\"#6\",\"#25\"],[\"#6\",\"#25\"]]}",
    pyspark: "{\"kind\":\"df\",\"columns\":[\"id\",\"age\"],\"types\":\"struct<id:int,age:int>\",\"nulls\":\"<!,!>\",\"rows\":[[\"#1\",\"#30\"],[\"#2\",\"#25\"],[\"#25\",\"#2\"],[\"#25\",\"#6\"],[\"#28\",\"#5\"],[\"#3\",\"#41\"],[\"#30\",\"#1\"],[\"#35\",\"#4\"],[\"#4\",\"#35\"],[\"#41\",\"#3\"],[\"#5\",\"#28\"],[\"#6\",\"#25\"]]}",
  },
};

/**
 * Configuration of every session of both clients, to make the many small queries cheap:
 * Spark's default of 200 shuffle partitions makes each sort or aggregation run 200 tasks,
 * and generating and compiling code costs more than interpreting a few rows. Neither
 * changes what a query returns.
 */
const SESSION_CONF: Readonly<Record<string, string>> = {
  "spark.sql.shuffle.partitions": "2",
  "spark.sql.codegen.wholeStage": "false",
  "spark.sql.codegen.factoryMode": "NO_CODEGEN",
};

/** A result brought to the canonical form. */
type Outcome =
  | { kind: "df"; columns: string[]; types: string; nulls: string; rows: unknown[] }
  | { kind: "value"; value: unknown }
  | { kind: "error"; errorClass: string | null; sqlState: string | null; exception?: string; message?: string; trace?: string };

const hex = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("hex");

function num(n: number): string {
  if (Number.isNaN(n)) return "#NaN";
  if (n === Infinity) return "#Infinity";
  if (n === -Infinity) return "#-Infinity";
  if (Object.is(n, -0)) return "#-0";
  return `#${String(n)}`;
}

const byJson = (a: unknown, b: unknown): number => {
  const x = JSON.stringify(a);
  const y = JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

/** This client's value in the canonical form. */
export function canonTs(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === "boolean") return v;
  if (typeof v === "bigint") return `#${v}`;
  if (typeof v === "number") return num(v);
  if (typeof v === "string") return `'${v}`;
  if (v instanceof SparkTimestamp) return `@t${v.epochMicros}`;
  if (v instanceof Date) return `@d${v.toISOString().slice(0, 10)}`;
  if (v instanceof Uint8Array) return `0x${hex(v)}`;
  if (Array.isArray(v)) return v.map(canonTs);
  if (v instanceof Map) return { map: [...v.entries()].map(([k, x]) => [canonTs(k), canonTs(x)]).sort(byJson) };
  if (typeof v === "object") return { struct: Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, canonTs(x)]) };
  return { unknown: typeof v, repr: String(v) };
}

/** The Python worker's value (already mostly canonical) in the final canonical form. */
export function canonPy(v: unknown): unknown {
  if (v === null || typeof v === "boolean" || typeof v === "string") return v;
  if (typeof v === "number") return num(v);
  if (Array.isArray(v)) return v.map(canonPy);
  const o = v as Record<string, unknown>;
  if (Array.isArray(o["map"])) return { map: (o["map"] as unknown[][]).map(([k, x]) => [canonPy(k), canonPy(x)]).sort(byJson) };
  if (Array.isArray(o["struct"])) return { struct: (o["struct"] as unknown[][]).map(([k, x]) => [k, canonPy(x)]) };
  return v;
}

/** The worker's outcome with its values in the final canonical form. */
function pyOutcome(raw: unknown): Outcome {
  const rest = { ...(raw as Outcome & { took?: number }) };
  delete rest.took;
  if (rest.kind === "df") return { ...rest, rows: rest.rows.map(canonPy) };
  if (rest.kind === "value") return { ...rest, value: canonPy(rest.value) };
  return rest;
}

/** Rounds every "#<float>" inside a canonical value to `digits` significant digits. */
function roundFloats(v: unknown, digits: number): unknown {
  if (typeof v === "string" && v.startsWith("#")) {
    const n = Number(v.slice(1));
    if (Number.isFinite(n) && !Number.isInteger(n)) return num(Number(n.toPrecision(digits)));
    return v;
  }
  if (Array.isArray(v)) return v.map((x) => roundFloats(x, digits));
  if (v !== null && typeof v === "object") {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, roundFloats(x, digits)]));
  }
  return v;
}

/** Nullability of a type tree (the same signature as nulls() in pyspark_worker.py). */
export function nullSignature(dt: DataType): string {
  switch (dt.kind) {
    case "struct":
      return `<${dt.fields.map((f) => (f.nullable ? "?" : "!") + nullSignature(f.dataType)).join(",")}>`;
    case "array":
      return `[${dt.containsNull ? "?" : "!"}${nullSignature(dt.elementType)}]`;
    case "map":
      return `{${nullSignature(dt.keyType)},${dt.valueContainsNull ? "?" : "!"}${nullSignature(dt.valueType)}}`;
    default:
      return "";
  }
}

async function materialize(df: DataFrame): Promise<Outcome> {
  // The column names are the schema's (columns() itself is compared by its own cases).
  const schema: StructType = await df.schema();
  const columns = schema.fields.map((f) => f.name);
  const target = new Set(columns).size === columns.length ? df : df.toDF(...columns.map((_, i) => `c${i}`));
  const rows = await target.collect();
  return {
    kind: "df",
    columns,
    types: simpleString(schema),
    nulls: nullSignature(schema),
    // By column name, not Object.values: a row object lists integer-like keys ("1", "2") first.
    rows: rows.map((r) => (target === df ? columns : columns.map((_, i) => `c${i}`)).map((k) => canonTs((r as Record<string, unknown>)[k]))),
  };
}

function errorOutcome(e: unknown): Outcome {
  if (e instanceof SparkError) {
    return { kind: "error", errorClass: e.errorClass ?? null, sqlState: e.sqlState ?? null, exception: e._tag, message: e.message.split("\n")[0]!.slice(0, 300) };
  }
  const err = e as { _tag?: string; name?: string; message?: string; stack?: string };
  return { kind: "error", errorClass: null, sqlState: null, exception: err?._tag ?? err?.name ?? typeof e, message: String(err?.message ?? e).slice(0, 300), trace: err?.stack };
}

/** The part of an outcome that is compared (and pinned for known differences). */
function comparable(o: Outcome, c: Case): unknown {
  if (o.kind === "error") return { kind: "error", errorClass: o.errorClass, sqlState: o.sqlState };
  let out: unknown = o;
  if (o.kind === "df" && !c.ordered) out = { ...o, rows: [...o.rows].sort(byJson) };
  return c.digits !== undefined ? roundFloats(out, c.digits) : out;
}

interface WorkerSummary {
  seconds: number;
  poolSeconds: number;
}

/** The PySpark side of a file's cases: each case's outcome as soon as the worker reports it. */
interface PythonRun {
  outcome(name: string): Promise<unknown>;
  /** Settles when the worker has exited. */
  readonly done: Promise<WorkerSummary>;
}

/** Runs the PySpark side of all cases in one Python process. */
function runPython(cases: readonly Case[]): PythonRun {
  const python = process.env["PARITY_PYTHON"] ?? ".spark/venv/bin/python";
  const input = JSON.stringify({
    url: testUrl(),
    fixtures: FIXTURES,
    cases: cases.map((c) => ({ name: c.name, py: c.py, conf: c.conf ?? {} })),
    sessionConf: SESSION_CONF,
    threads: 4,
  });
  const waiting = new Map<string, { resolve: (v: unknown) => void; reject: (e: Error) => void; promise: Promise<unknown> }>();
  for (const c of cases) {
    let resolve!: (v: unknown) => void;
    let reject!: (e: Error) => void;
    const promise = new Promise<unknown>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    promise.catch(() => undefined); // reported by the test that awaits it
    waiting.set(c.name, { resolve, reject, promise });
  }
  const done = new Promise<WorkerSummary>((resolve, reject) => {
    const child = spawn(python, ["test/parity/pyspark_worker.py"], { stdio: ["pipe", "pipe", "pipe"] });
    // The worker ends with its batch; if the test process ends first (a timeout), so does it.
    const stop = () => child.kill();
    process.once("exit", stop);
    child.once("close", () => process.off("exit", stop));
    let pending = "";
    let err = "";
    let summary: WorkerSummary | undefined;
    const fail = (e: Error) => {
      for (const w of waiting.values()) w.reject(e);
      reject(e);
    };
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      pending += d;
      let nl: number;
      while ((nl = pending.indexOf("\n")) >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        if (line.trim() === "") continue;
        const msg = JSON.parse(line) as { name?: string; outcome?: unknown; done?: boolean } & WorkerSummary;
        if (msg.done) summary = msg;
        else if (msg.name !== undefined) waiting.get(msg.name)?.resolve(msg.outcome);
      }
    });
    child.stderr.setEncoding("utf8").on("data", (d: string) => (err += d));
    child.on("error", (e) => fail(new Error(`could not start ${python} (install pyspark with npm run spark:install): ${e.message}`)));
    child.on("close", (code) => {
      if (code !== 0 || summary === undefined) {
        return fail(new Error(`the PySpark worker exited with ${code} before finishing:\n${pending.slice(0, 2000)}\n${err.slice(-4000)}`));
      }
      // Any case left without an outcome fails its test rather than waiting forever.
      for (const w of waiting.values()) w.reject(new Error("the PySpark worker reported no result for this case"));
      resolve(summary);
    });
    child.stdin.end(input);
  });
  done.catch(() => undefined);
  return { outcome: (name) => waiting.get(name)!.promise, done };
}

/** At most `n` cases of this client run at once. */
function limiter(n: number): <T>(f: () => Promise<T>) => Promise<T> {
  let active = 0;
  const queue: (() => void)[] = [];
  return async <T>(f: () => Promise<T>): Promise<T> => {
    if (active >= n) await new Promise<void>((r) => queue.push(r));
    active++;
    try {
      return await f();
    } finally {
      active--;
      queue.shift()?.();
    }
  };
}

function fixtureFrames(spark: SparkSession): Ctx["fx"] {
  return Object.fromEntries(Object.entries(FIXTURES).map(([k, sql]) => [k, spark.sql(sql)])) as unknown as Ctx["fx"];
}

async function runTs(c: Case, shared: Promise<{ spark: SparkSession; fx: Ctx["fx"] }>): Promise<Outcome> {
  const tmp = mkdtempSync(join(tmpdir(), "parity-ts-"));
  const tag = `ts_${randomBytes(5).toString("hex")}`;
  let own: SparkSession | undefined;
  try {
    let ctx: Ctx;
    if (c.conf) {
      own = await SparkSession.connect(testUrl(), { retry: TEST_RETRY });
      for (const [k, v] of Object.entries({ ...SESSION_CONF, ...c.conf })) await own.conf.set(k, v);
      ctx = { spark: own, fx: fixtureFrames(own), tmp, tag };
    } else {
      const s = await shared;
      ctx = { spark: s.spark, fx: s.fx, tmp, tag };
    }
    const result = await c.ts(ctx);
    if (result instanceof DataFrame) return await materialize(result);
    return { kind: "value", value: canonTs(result) };
  } catch (e) {
    return errorOutcome(e);
  } finally {
    await own?.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Registers one ava test per case. The PySpark worker starts at once with every case of
 * the file; each test runs its case through this client and compares.
 */
export function registerCases(cases: readonly Case[]): void {
  const names = new Set<string>();
  for (const c of cases) {
    if (names.has(c.name)) throw new Error(`duplicate parity case name ${c.name}`);
    names.add(c.name);
  }
  const started = Date.now();
  const python = runPython(cases);
  const tookByCase = new Map<string, number>();
  python.done.then(
    (r) => {
      if (!process.env["PARITY_TIMING"]) return;
      const slow = [...tookByCase].sort((a, b) => b[1] - a[1]).slice(0, 8);
      console.log(
        `PySpark worker: ${r.seconds.toFixed(1)} s inside (pool ${r.poolSeconds.toFixed(1)} s), ${((Date.now() - started) / 1000).toFixed(1)} s in all; ` +
          `slowest: ${slow.map(([k, s]) => `${k} ${s}`).join(", ")}`,
      );
    },
    () => undefined,
  );
  const shared = connect().then(async (spark) => {
    for (const [k, v] of Object.entries(SESSION_CONF)) await spark.conf.set(k, v);
    return { spark, fx: fixtureFrames(spark) };
  });
  shared.catch(() => undefined);
  test.after.always(async () => {
    await (await shared.catch(() => undefined))?.spark.close();
  });
  const limit = limiter(4);

  for (const c of cases) {
    test(c.name, async (t) => {
      const ours = await limit(() => runTs(c, shared));
      const py = await python.outcome(c.name);
      tookByCase.set(c.name, (py as { took?: number }).took ?? 0);
      const theirs = pyOutcome(py);
      const a = comparable(ours, c);
      const b = comparable(theirs, c);
      const known = KNOWN_DIFFERENCES[c.name];
      const detail = () =>
        `ours:    ${JSON.stringify(ours).slice(0, 3000)}\npyspark: ${JSON.stringify(theirs).slice(0, 3000)}\n` +
        `entry for KNOWN_DIFFERENCES: ${JSON.stringify(c.name)}: { reason: "...", ours: ${JSON.stringify(JSON.stringify(a))}, pyspark: ${JSON.stringify(JSON.stringify(b))} },`;
      if (known) {
        t.is(JSON.stringify(a), known.ours, `our answer changed (known difference: ${known.reason})\n${detail()}`);
        t.is(JSON.stringify(b), known.pyspark, `PySpark's answer changed (known difference: ${known.reason})\n${detail()}`);
        t.notDeepEqual(a, b, "the known difference is gone: remove it from KNOWN_DIFFERENCES");
        return;
      }
      if (c.error) {
        t.is(theirs.kind, "error", `PySpark was expected to fail\n${detail()}`);
        t.is(ours.kind, "error", `this client was expected to fail\n${detail()}`);
        t.truthy(theirs.kind === "error" && theirs.errorClass, `PySpark's failure has no errorClass\n${detail()}`);
      } else {
        t.not(theirs.kind, "error", `PySpark failed\n${detail()}`);
      }
      t.deepEqual(a, b, detail());
    });
  }
}
