/**
 * A restart-state store: the restart hierarchy of a job (a list of `{ scriptClass, index }`)
 * kept as JSON (or Parquet) files at a path Spark can write (HDFS, S3, a local disk), read
 * and written only through Spark.
 *
 * Crash safety. Two slots hold the state, each a data directory and a one-file commit
 * record: `<path>/data/slot-N` (the entries, each row tagged with its version and
 * position) and `<path>/commits/slot-N` (version, entry count, format). A persist writes
 * the slot that does not hold the current state, data first and the commit record last,
 * so the current state's files are never touched. A load takes the newest commit record
 * whose data holds exactly the rows it records. A persist that fails or is interrupted at
 * any point (the data half written, the commit record missing) leaves the previous state
 * loadable; storage stays at two slots whatever the number of persists.
 */
import * as Context from "effect/Context";
import * as Effect from "effect/Effect";
import * as Exit from "effect/Exit";
import * as Layer from "effect/Layer";
import * as Schema from "effect/Schema";
import * as Semaphore from "effect/Semaphore";
import { AnalysisError, InterruptedError, type SparkConnectFailure } from "../../runtime/errors.js";
import type { OperationOptions } from "../internal/ops/action.js";
import { run } from "../internal/run.js";
import { collect } from "../effect/dataFrame.js";
import { Spark } from "../effect/session.js";
import { save } from "../effect/writer.js";
import type { SparkSession } from "../SparkSession.js";
import { PipelineConfigError, type PipelineFailure, RestartStateError } from "./errors.js";
import { decode, decodeInput, issuesOf, RestartEntrySchema, type RestartEntry, schemaError } from "./models.js";
import { attempt } from "./spark.js";

/** The entry `load()` writes after reading: it marks the state as consumed, so a second load does not restart the same steps. */
export const SENTINEL: RestartEntry = { scriptClass: "nonexistent", index: 0 };

/** Where and how the store keeps its state. */
export const RestartStoreOptionsSchema = Schema.Struct({
  /** A directory on the server's file system (`/tmp/app/restart`, `hdfs://...`, `s3a://...`). */
  path: Schema.String.check(Schema.makeFilter((s: string) => s.trim().length > 0 || "a directory path Spark can write")),
  /** The format of the entries' files (default json); the commit records are always JSON. */
  format: Schema.optionalKey(Schema.Literals(["json", "parquet"])),
  /** Write the sentinel entry after each load (default true). */
  writeSentinel: Schema.optionalKey(Schema.Boolean),
});
export type RestartStoreOptions = typeof RestartStoreOptionsSchema.Type;

const DATA_DDL = "version BIGINT, position INT, scriptClass STRING, index INT";
const COMMIT_DDL = "version BIGINT, slot INT, entries INT, format STRING, committedAt TIMESTAMP";

interface Commit {
  readonly version: number;
  readonly slot: 0 | 1;
  readonly entries: number;
  readonly format: "json" | "parquet";
}

/** The store's operations as Effects (the service of `RestartState`). */
export interface RestartStateService {
  /** The directory the state is kept in. */
  readonly path: string;
  /**
   * Replaces the stored state with `details`, crash-safely: until
   * this succeeds, `load()` returns the previous state. Fails with a PipelineInputError
   * naming the entry when `details` is not a list of `{ scriptClass, index }`.
   */
  readonly persist: (details: readonly RestartEntry[], options?: OperationOptions) => Effect.Effect<void, PipelineFailure>;
  /**
   * The stored entries in the order persisted (`[]` when nothing was persisted yet at the
   * path); then, unless `writeSentinel: false`, persists `[SENTINEL]`.
   */
  readonly load: (options?: OperationOptions) => Effect.Effect<RestartEntry[], PipelineFailure>;
}

/** A PATH_NOT_FOUND from reading a location that does not exist (yet). */
const isNotFound = (e: SparkConnectFailure): boolean => e instanceof AnalysisError && e.errorClass === "PATH_NOT_FOUND";

/** Fails with InterruptedError when the signal was aborted (between the steps of an operation). */
const checkSignal = (options: OperationOptions | undefined) =>
  options?.signal?.aborted ? Effect.fail(new InterruptedError({ message: "The operation was interrupted (its AbortSignal was aborted)." })) : Effect.void;

/**
 * Makes a store at `options.path` on `spark` (nothing is read or written yet). Fails with a
 * PipelineConfigError naming the bad option.
 *
 * @example
 * ```ts
 * const store = yield* makeRestartState(spark, { path: "/tmp/app/exceptionDetails" });
 * yield* store.persist([{ scriptClass: "com.acme.Load", index: 2 }]);
 * const entries = yield* store.load(); // [{ scriptClass: "com.acme.Load", index: 2 }]
 * ```
 */
export const makeRestartState = (spark: SparkSession, options: RestartStoreOptions): Effect.Effect<RestartStateService, PipelineConfigError> => {
  const exit = restartStateSync(spark, options);
  return Exit.isSuccess(exit) ? Effect.succeed(exit.value) : Effect.fail(configErrorOf(exit));
};

function configErrorOf(exit: Exit.Exit<unknown, PipelineConfigError>): PipelineConfigError {
  if (Exit.isFailure(exit)) for (const r of exit.cause.reasons) if (r._tag === "Fail") return r.error;
  return PipelineConfigError.of("restart store options", [{ path: [], message: "invalid" }]);
}

/** The store, built without running anything (for the Promise class). */
function restartStateSync(spark: SparkSession, input: RestartStoreOptions): Exit.Exit<RestartStateService, PipelineConfigError> {
  const decoded = typeof input === "object" && input !== null ? decode(RestartStoreOptionsSchema, input) : undefined;
  if (decoded === undefined || Exit.isFailure(decoded)) {
    const issues = decoded === undefined ? [{ path: [], message: "expected { path, format?, writeSentinel? }" }] : issuesOf(schemaError(decoded)!);
    return Exit.fail(PipelineConfigError.of("restart store options", issues));
  }
  const opts = decoded.value;
  const root = opts.path.replace(/\/+$/, "");
  const format = opts.format ?? "json";
  const dataDir = (slot: number) => `${root}/data/slot-${slot}`;
  const commitDir = (slot: number) => `${root}/commits/slot-${slot}`;
  const lock = Semaphore.makeUnsafe(1);

  /** The commit records, newest first ([] when none was ever written). */
  const commits = (o?: OperationOptions): Effect.Effect<Commit[], SparkConnectFailure> =>
    attempt(() => spark.read.schema(COMMIT_DDL).json(`${root}/commits/slot-*`)).pipe(
      Effect.flatMap((df) => collect(df, { ...o, longs: "number" })),
      Effect.map((rows) =>
        rows
          .filter((r) => r["version"] !== null && (r["slot"] === 0 || r["slot"] === 1) && r["entries"] !== null)
          .map((r) => ({ version: Number(r["version"]), slot: r["slot"] as 0 | 1, entries: Number(r["entries"]), format: r["format"] === "parquet" ? ("parquet" as const) : ("json" as const) }))
          .sort((a, b) => b.version - a.version),
      ),
      Effect.catchIf(isNotFound, () => Effect.succeed([] as Commit[])),
    );

  /** The entries of a commit when its data holds exactly what it records, else undefined. */
  const entriesOf = (c: Commit, o?: OperationOptions): Effect.Effect<RestartEntry[] | undefined, SparkConnectFailure> =>
    attempt(() => spark.read.schema(DATA_DDL).format(c.format).load(dataDir(c.slot)).where(`version = ${c.version}`)).pipe(
      Effect.flatMap((df) => collect(df, { ...o, longs: "number" })),
      Effect.map((rows) => {
        const sorted = [...rows].sort((a, b) => Number(a["position"]) - Number(b["position"]));
        if (sorted.length !== c.entries || sorted.some((r, i) => r["position"] !== i || typeof r["scriptClass"] !== "string" || typeof r["index"] !== "number")) return undefined;
        return sorted.map((r) => ({ scriptClass: r["scriptClass"] as string, index: r["index"] as number }));
      }),
      Effect.catchIf(isNotFound, () => Effect.succeed(undefined)),
    );

  /** The newest complete state, and the highest version any commit record names. */
  const current = (o?: OperationOptions) =>
    Effect.gen(function* () {
      const all = yield* commits(o);
      for (const c of all) {
        const entries = yield* entriesOf(c, o);
        if (entries !== undefined) return { commit: c as Commit | undefined, entries, maxVersion: all[0]!.version };
      }
      if (all.length > 0) {
        return yield* Effect.fail(
          new RestartStateError({
            path: root,
            message:
              `The restart state at ${root} has commit records (newest: version ${all[0]!.version} in ${commitDir(all[0]!.slot)}) but none whose data ` +
              `(${dataDir(all[0]!.slot)}) holds the rows it records: its files were changed or removed by something other than this store. ` +
              `Restore them, or persist a new state to start over.`,
          }),
        );
      }
      return { commit: undefined as Commit | undefined, entries: [] as RestartEntry[], maxVersion: 0 };
    });

  const write = (details: readonly RestartEntry[], o?: OperationOptions) =>
    Effect.gen(function* () {
      const started = Date.now();
      yield* checkSignal(o);
      const { commit, maxVersion } = yield* current(o);
      const slot: 0 | 1 = commit === undefined ? 0 : commit.slot === 0 ? 1 : 0;
      const version = maxVersion + 1;
      yield* checkSignal(o);
      const rows = details.map((d, position) => ({ version: BigInt(version), position, scriptClass: d.scriptClass, index: d.index }));
      // One file per slot, so that Spark's commit of the data is a single rename.
      const data = yield* attempt(() => spark.createDataFrame(rows, DATA_DDL).coalesce(1).write.mode("overwrite").format(format));
      yield* save(data, dataDir(slot), o);
      yield* checkSignal(o);
      const record = [{ version: BigInt(version), slot, entries: details.length, format, committedAt: new Date() }];
      const marker = yield* attempt(() => spark.createDataFrame(record, COMMIT_DDL).coalesce(1).write.mode("overwrite").format("json"));
      yield* save(marker, commitDir(slot), o);
      yield* Effect.logDebug(`spark-connect-pipelines: persisted ${details.length} restart entries as version ${version} in ${Date.now() - started} ms`).pipe(
        Effect.annotateLogs({ path: root, slot, version, details: JSON.stringify(details) }),
      );
    });

  const service: RestartStateService = {
    path: root,
    persist: (details, o) =>
      Effect.flatMap(decodeInput(Schema.Array(RestartEntrySchema), details, "details"), (checked) => lock.withPermit(write(checked, o))),
    load: (o) =>
      lock.withPermit(
        Effect.gen(function* () {
          const started = Date.now();
          const { commit, entries } = yield* current(o);
          yield* Effect.logDebug(
            commit === undefined
              ? `spark-connect-pipelines: no restart state at ${root} yet (${Date.now() - started} ms)`
              : `spark-connect-pipelines: loaded ${entries.length} restart entries (version ${commit.version}) in ${Date.now() - started} ms`,
          ).pipe(Effect.annotateLogs({ path: root, details: JSON.stringify(entries) }));
          if (opts.writeSentinel !== false) yield* write([SENTINEL], o);
          return entries;
        }),
      ),
  };
  return Exit.succeed(service);
}

/**
 * The restart-state store as an Effect service. Provide `RestartState.layer(options)`
 * (it needs the `Spark` service of `spark-connect-ts/effect`) and read it with
 * `yield* RestartState`.
 *
 * @example
 * ```ts
 * const program = Effect.gen(function* () {
 *   const store = yield* RestartState;
 *   yield* store.persist([{ scriptClass: "com.acme.Load", index: 2 }]);
 *   return yield* store.load();
 * });
 * Effect.provide(program, RestartState.layer({ path: "/tmp/app/restart" }).pipe(Layer.provide(Spark.layer(url))));
 * ```
 */
export class RestartState extends Context.Service<RestartState, RestartStateService>()("spark-connect-ts/pipelines/RestartState") {
  /** A layer building the store on the `Spark` service's session. */
  static layer(options: RestartStoreOptions): Layer.Layer<RestartState, PipelineConfigError, Spark> {
    return Layer.effect(
      RestartState,
      Effect.gen(function* () {
        return yield* makeRestartState(yield* Spark, options);
      }),
    );
  }
}

/**
 * The restart-state store with Promises (the Effect form is `makeRestartState` /
 * `RestartState`). The constructor never throws: invalid options make every call reject
 * with the PipelineConfigError.
 *
 * @example
 * ```ts
 * const store = new RestartStateStore(spark, { path: "/tmp/app/exceptionDetails" });
 * await store.persist([{ scriptClass: "com.acme.Load", index: 2 }]);
 * const items = await store.load(); // then the store holds [SENTINEL]
 * ```
 */
export class RestartStateStore {
  readonly #spark: SparkSession;
  readonly #store: Exit.Exit<RestartStateService, PipelineConfigError>;

  constructor(spark: SparkSession, options: RestartStoreOptions) {
    this.#spark = spark;
    this.#store = restartStateSync(spark, options);
  }

  #run<A>(f: (s: RestartStateService) => Effect.Effect<A, PipelineFailure>): Promise<A> {
    const store = this.#store;
    return run(this.#spark.handle, () => (Exit.isSuccess(store) ? f(store.value) : Effect.fail(configErrorOf(store))));
  }

  /** Replaces the stored state with `details`, crash-safely. @example await store.persist([{ scriptClass: "a.B", index: 0 }]) */
  persist(details: readonly RestartEntry[], options?: OperationOptions): Promise<void> {
    return this.#run((s) => s.persist(details, options));
  }

  /** The stored entries (`[]` when none), then the sentinel is persisted. @example const items = await store.load() */
  load(options?: OperationOptions): Promise<RestartEntry[]> {
    return this.#run((s) => s.load(options));
  }
}
