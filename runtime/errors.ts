import * as Data from "effect/Data";

type Fields = {
  readonly message: string;
  readonly cause?: unknown;
  readonly retryDelayMs?: number;
  readonly grpcCode?: number;
};

/**
 * Base of every error this library produces. The same classes travel in the Effect
 * error channel and as Promise rejections (never wrapped), so `instanceof` and
 * `_tag` checks work in both worlds.
 *
 * @example
 * ```ts
 * try {
 *   await spark.sql("SELEC 1").collect();
 * } catch (e) {
 *   if (e instanceof SparkConnectError) console.error(e._tag, e.message);
 * }
 * ```
 */
export abstract class SparkConnectError extends Data.Error<Fields> {
  /** The class name, as a literal: one of `SparkConnectFailure["_tag"]`. */
  abstract readonly _tag: SparkConnectFailure["_tag"];
  /** The wait the server asked for before a retry (google.rpc.RetryInfo), if it did. */
  declare readonly retryDelayMs?: number;
  /** The gRPC status code the failure arrived with, when it came from the server or channel. */
  declare readonly grpcCode?: number;

  /**
   * Whether a later attempt may succeed, which is when the client retries by itself: the
   * server was unreachable (UNAVAILABLE), the result cursor was disconnected
   * (INVALID_CURSOR.DISCONNECTED), or the server asked for a retry (RetryInfo). Errors
   * about the query itself never are.
   */
  get isRetryable(): boolean {
    if (this.retryDelayMs !== undefined || this.grpcCode === 14) return true;
    const errorClass = (this as { errorClass?: string }).errorClass ?? "";
    return errorClass.startsWith("INVALID_CURSOR.DISCONNECTED") || (this.grpcCode === 13 && this.message.includes("INVALID_CURSOR.DISCONNECTED"));
  }
  constructor(fields: Fields) {
    super(fields);
    Object.defineProperty(this, "name", { value: this.constructor.name, enumerable: false });
  }
}

/**
 * The connection string could not be parsed. The message names the offending part
 * and the accepted form `sc://host[:port]/;key=value;...`.
 *
 * @example
 * ```ts
 * await SparkSession.connect("http://localhost"); // rejects with InvalidConnectionStringError
 * ```
 */
export class InvalidConnectionStringError extends SparkConnectError {
  readonly _tag = "InvalidConnectionStringError";
}

/**
 * The gRPC call failed below Spark: the server could not be reached, the connection
 * dropped, a deadline passed. `code` is the gRPC status code (14 = UNAVAILABLE).
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof TransportError && e.isRetryable) ... }
 * ```
 */
export class TransportError extends SparkConnectError {
  readonly _tag = "TransportError";
  /** gRPC status code. */
  readonly code: number;
  constructor(fields: Fields & { readonly code: number }) {
    super({ ...fields, grpcCode: fields.code });
    this.code = fields.code;
  }
}

/**
 * The server refused the credentials (gRPC UNAUTHENTICATED or PERMISSION_DENIED).
 * The message never contains the token.
 *
 * @example
 * ```ts
 * await SparkSession.connect("sc://localhost/;token=wrong"); // AuthenticationError on first call
 * ```
 */
export class AuthenticationError extends SparkConnectError {
  readonly _tag = "AuthenticationError";
}

/** Where in the query an error was raised (one of Spark's query contexts). */
export interface QueryContext {
  /** `SQL` for SQL text, `DATAFRAME` for a DataFrame API call. */
  readonly contextType: "SQL" | "DATAFRAME";
  /** Object type (e.g. `VIEW`) when the error is inside a named object; empty for the main query. */
  readonly objectType: string;
  /** Object name (e.g. the view's name) when the error is inside a named object; empty for the main query. */
  readonly objectName: string;
  /** Offset of the first character of `fragment` in the query text (0-based). */
  readonly startIndex: number;
  /** Offset of the last character of `fragment` in the query text (0-based, inclusive). */
  readonly stopIndex: number;
  /** The piece of the query the error is about. */
  readonly fragment: string;
  /** The user code that built the failing expression (DataFrame contexts). */
  readonly callSite: string;
  /** A printable summary of the context, as Spark shows it. */
  readonly summary: string;
}

/** One server-side exception in the cause chain of a Spark error. */
export interface SparkErrorCause {
  /** JVM classes of the exception, most specific first. */
  readonly classes: readonly string[];
  readonly message: string;
  readonly errorClass?: string;
  readonly sqlState?: string;
}

/** What Spark says about an error caused by a behaviour change between versions. */
export interface BreakingChangeInfo {
  /** How to migrate the job to the new behaviour. */
  readonly migrationMessages: readonly string[];
  /** A config that restores the old behaviour, when one exists. */
  readonly mitigationConfig?: { readonly key: string; readonly value: string };
  /** True when the change needs a manual look; false when setting `mitigationConfig` suffices. */
  readonly needsAudit?: boolean;
}

/** Structured details of an error raised inside Spark. */
export interface SparkErrorDetails {
  /** Spark's error class, e.g. `PARSE_SYNTAX_ERROR`, `UNRESOLVED_COLUMN.WITH_SUGGESTION`. */
  readonly errorClass: string | undefined;
  /** The SQLSTATE, e.g. `42601`. */
  readonly sqlState: string | undefined;
  /** Parameters of the error class's message template. */
  readonly messageParameters: Readonly<Record<string, string>>;
  /** JVM classes of the server-side exception, most specific first. */
  readonly classes: readonly string[];
  /** Server-side error id, used to fetch the full details. */
  readonly errorId: string | undefined;
  /** Where in the query the error was raised (empty when Spark did not say). */
  readonly queryContext?: readonly QueryContext[];
  /** The server's JVM stack trace, when the server sends it. */
  readonly serverStackTrace?: string | undefined;
  /** The server-side cause chain, outermost first, the error itself excluded. */
  readonly causes?: readonly SparkErrorCause[];
  /** Migration help when the error comes from a breaking change. */
  readonly breakingChangeInfo?: BreakingChangeInfo | undefined;
}

/**
 * The `_tag`s of SparkError and its subclasses. A subclass whose tag is missing here does
 * not compile (its `_tag` must fit the base's), so the list stays complete.
 */
export type SparkErrorTag =
  | "SparkError"
  | "ParseError"
  | "AnalysisError"
  | "ArithmeticError"
  | "NumberFormatError"
  | "IllegalArgumentError"
  | "DateTimeError"
  | "UnsupportedOperationError"
  | "QueryExecutionError"
  | "StreamingQueryError"
  | "SparkRuntimeError"
  | "SparkUpgradeError"
  | "InvalidPlanInputError";

/**
 * An error raised by Spark while parsing, analysing or running a query. Subclasses
 * narrow it by the server's exception class; an instance of SparkError itself (`_tag`
 * `"SparkError"`) is a Spark error of no more specific kind.
 *
 * Typing of `_tag`: as the base of its subclasses, SparkError declares `_tag` as the
 * union `SparkErrorTag`, so `instanceof SparkError` matches every subclass. In the
 * `SparkConnectFailure` union the class appears as `SparkError & { _tag: "SparkError" }`,
 * so `Effect.catchTag("SparkError", ...)` selects only the generic instances and
 * `Effect.catchTag("ParseError", ...)` only ParseError.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof SparkError) console.log(e.errorClass, e.sqlState); }
 * ```
 */
export class SparkError extends SparkConnectError {
  readonly _tag: SparkErrorTag = "SparkError";
  readonly errorClass: string | undefined;
  readonly sqlState: string | undefined;
  readonly messageParameters: Readonly<Record<string, string>>;
  readonly classes: readonly string[];
  readonly errorId: string | undefined;
  /** Where in the query the error was raised: fragment, offsets, object. Empty when unknown. */
  readonly queryContext: readonly QueryContext[];
  /** The JVM stack trace (`  at Class.method(File:line)` lines), if the server sent one. */
  readonly serverStackTrace: string | undefined;
  /** The server-side causes, outermost first (the error itself excluded). */
  readonly causes: readonly SparkErrorCause[];
  /** How to migrate, when Spark reports the error as caused by a breaking change. */
  readonly breakingChangeInfo: BreakingChangeInfo | undefined;
  constructor(fields: Fields & SparkErrorDetails) {
    super(fields);
    this.errorClass = fields.errorClass;
    this.sqlState = fields.sqlState;
    this.messageParameters = fields.messageParameters;
    this.classes = fields.classes;
    this.errorId = fields.errorId;
    this.queryContext = fields.queryContext ?? [];
    this.serverStackTrace = fields.serverStackTrace;
    this.causes = fields.causes ?? [];
    this.breakingChangeInfo = fields.breakingChangeInfo;
  }
}

/** SQL text or a DataFrame expression string could not be parsed. */
export class ParseError extends SparkError {
  override readonly _tag = "ParseError";
}

/** The query is well-formed but refers to something that does not exist or does not fit. */
export class AnalysisError extends SparkError {
  override readonly _tag = "AnalysisError";
}

/** Arithmetic failed under ANSI mode (division by zero, overflow). */
export class ArithmeticError extends SparkError {
  override readonly _tag = "ArithmeticError";
}

/** A value could not be converted (cast of a malformed string under ANSI mode). */
export class NumberFormatError extends SparkError {
  override readonly _tag = "NumberFormatError";
}

/** Spark rejected an argument (a function argument of the wrong kind or range). */
export class IllegalArgumentError extends SparkError {
  override readonly _tag = "IllegalArgumentError";
}

/** A date or time value could not be built or parsed. */
export class DateTimeError extends SparkError {
  override readonly _tag = "DateTimeError";
}

/** The server does not support the requested operation. */
export class UnsupportedOperationError extends SparkError {
  override readonly _tag = "UnsupportedOperationError";
}

/** The query failed while running (a task failed). */
export class QueryExecutionError extends SparkError {
  override readonly _tag = "QueryExecutionError";
}

/**
 * A streaming query stopped with an error (Spark's StreamingQueryException); `causes`
 * holds what failed inside it.
 */
export class StreamingQueryError extends SparkError {
  override readonly _tag = "StreamingQueryError";
}

/**
 * A Spark runtime failure with an error class but no more specific kind, e.g.
 * `raise_error()` (USER_RAISED_EXCEPTION) or a failed `assert_true()`.
 */
export class SparkRuntimeError extends SparkError {
  override readonly _tag = "SparkRuntimeError";
}

/**
 * The query depends on behaviour that changed in a Spark upgrade (old datetime patterns,
 * legacy calendar); the message names the config that restores the old behaviour.
 */
export class SparkUpgradeError extends SparkError {
  override readonly _tag = "SparkUpgradeError";
}

/** The server could not turn the plan it received into a query. */
export class InvalidPlanInputError extends SparkError {
  override readonly _tag = "InvalidPlanInputError";
}

/**
 * The session was closed with `close()`; create a new session to go on.
 */
export class SessionClosedError extends SparkConnectError {
  readonly _tag = "SessionClosedError";
}

/**
 * The server-side session changed between calls (the server restarted or the session
 * expired). Results would no longer be consistent; create a new session.
 */
export class SessionChangedError extends SparkConnectError {
  readonly _tag = "SessionChangedError";
}

/** The operation was interrupted (by an AbortSignal, a fiber interrupt or interruptAll). */
export class InterruptedError extends SparkConnectError {
  readonly _tag = "InterruptedError";
}

/** The client refused to build a plan from the given arguments; nothing was sent. */
export class InvalidPlanError extends SparkConnectError {
  readonly _tag = "InvalidPlanError";
}

/** A response could not be understood (for instance an Arrow batch out of order). */
export class ProtocolError extends SparkConnectError {
  readonly _tag = "ProtocolError";
}

/** An option passed to the library is malformed or out of range; the message names it. */
export class InvalidOptionError extends SparkConnectError {
  readonly _tag = "InvalidOptionError";
}

/**
 * `collect()` stopped because the result passed its row or byte limit (`maxRows`,
 * `maxBytes`); the query was interrupted. Iterate with `for await` or use `toArrow()`
 * for large results, or raise the limit.
 */
export class ResultLimitError extends SparkConnectError {
  readonly _tag = "ResultLimitError";
}

/**
 * A local file given to `addArtifacts` or `copyFromLocalToFs` cannot be sent: it does not
 * exist, is a directory, cannot be read, or is not a kind the call accepts. `path` is the
 * file as given. Nothing of the call was sent when the check failed before it; the
 * message names the fix.
 *
 * @example
 * ```ts
 * try {
 *   await spark.addArtifacts("/jars/missing.jar");
 * } catch (e) {
 *   if (e instanceof ArtifactError) console.error(e.path, e.message);
 * }
 * ```
 */
export class ArtifactError extends SparkConnectError {
  readonly _tag = "ArtifactError";
  /** The path as given to the call. */
  readonly path: string;
  constructor(fields: Fields & { readonly path: string }) {
    super(fields);
    this.path = fields.path;
  }
}

/** The local Spark Connect server could not be found, started or stopped. */
export class LocalServerError extends SparkConnectError {
  readonly _tag = "LocalServerError";
}

/**
 * An action ran longer than its `timeout` option allowed; the operation was interrupted
 * on the server. `timeoutMs` is the limit that passed, when known. Raise the timeout, or
 * make the query cheaper (filter earlier, `limit`, fewer columns).
 *
 * @example
 * ```ts
 * try {
 *   await df.collect({ timeout: 5_000 });
 * } catch (e) {
 *   if (e instanceof OperationTimeoutError) console.error(`gave up after ${e.timeoutMs} ms`);
 * }
 * ```
 */
export class OperationTimeoutError extends SparkConnectError {
  readonly _tag = "OperationTimeoutError";
  /** The timeout that elapsed, in milliseconds. */
  readonly timeoutMs: number | undefined;
  constructor(fields: Fields & { readonly timeoutMs?: number | undefined }) {
    super(fields);
    this.timeoutMs = fields.timeoutMs;
  }
}

/**
 * The server lacks a feature this client used: it does not implement an RPC (gRPC
 * UNIMPLEMENTED), or it does not know a relation, command or expression type of the plan
 * (the server is older than the feature). `feature` names what was missing when known,
 * `serverVersion` the server's Spark version when known; for a Spark error, `cause` is
 * the SparkError the server sent. Upgrade the server or avoid the feature.
 *
 * @example
 * ```ts
 * catch (e) {
 *   if (e instanceof UnsupportedByServerError) console.error(`${e.feature} needs a newer server than ${e.serverVersion}`);
 * }
 * ```
 */
export class UnsupportedByServerError extends SparkConnectError {
  readonly _tag = "UnsupportedByServerError";
  /** The server's Spark version, when known. */
  readonly serverVersion: string | undefined;
  /** What the server lacks (an RPC, a plan node), when known. */
  readonly feature: string | undefined;
  constructor(fields: Fields & { readonly serverVersion?: string | undefined; readonly feature?: string | undefined }) {
    super(fields);
    this.serverVersion = fields.serverVersion;
    this.feature = fields.feature;
  }
}

/**
 * A value of a result could not be converted to a JavaScript value, e.g. a `LongType`
 * value beyond ±(2^53-1) with `{ longs: "number" }`. `column` is the column's path
 * (`a.b` for a struct field, `a[]` for array elements, `m.key`/`m.value` for map entries),
 * `dataType` its Arrow type. The message names the fix: another row option, or
 * `toArrow()` to read the raw Arrow data.
 *
 * @example
 * ```ts
 * try {
 *   await spark.sql("SELECT 9007199254740993L AS n").collect({ longs: "number" });
 * } catch (e) {
 *   if (e instanceof RowConversionError) console.error(e.column, e.dataType); // "n" "Int64"
 * }
 * ```
 */
export class RowConversionError extends SparkConnectError {
  readonly _tag = "RowConversionError";
  /** The column (path, for nested fields) whose value failed. */
  readonly column: string;
  /** The column's Arrow type, e.g. `Int64`. */
  readonly dataType: string;
  constructor(fields: Fields & { readonly column: string; readonly dataType: string }) {
    super(fields);
    this.column = fields.column;
    this.dataType = fields.dataType;
  }
}

/**
 * Every concrete error class. The Effect API types its error channel with this union.
 * Each member has a literal `_tag`, so `Effect.catchTag("ParseError", e => ...)` hands the
 * handler a ParseError, a misspelt tag does not compile, and `Effect.catchTags` with a
 * handler per tag leaves no error. SparkError appears refined to its own tag (see
 * SparkError): `catchTag("SparkError", ...)` catches only Spark errors of no more specific
 * kind.
 */
export type SparkConnectFailure =
  | InvalidConnectionStringError
  | TransportError
  | AuthenticationError
  | (SparkError & { readonly _tag: "SparkError" })
  | ParseError
  | AnalysisError
  | ArithmeticError
  | NumberFormatError
  | IllegalArgumentError
  | DateTimeError
  | UnsupportedOperationError
  | QueryExecutionError
  | StreamingQueryError
  | SparkRuntimeError
  | SparkUpgradeError
  | InvalidPlanInputError
  | SessionClosedError
  | SessionChangedError
  | InterruptedError
  | InvalidPlanError
  | ProtocolError
  | InvalidOptionError
  | ResultLimitError
  | LocalServerError
  | ArtifactError
  | OperationTimeoutError
  | UnsupportedByServerError
  | RowConversionError;
