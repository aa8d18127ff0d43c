import { Data } from "effect";

type Fields = { readonly message: string; readonly cause?: unknown; readonly retryDelayMs?: number };

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
  abstract readonly _tag: string;
  /** The wait the server asked for before a retry (google.rpc.RetryInfo), if it did. */
  declare readonly retryDelayMs?: number;
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
    super(fields);
    this.code = fields.code;
  }
  /** Whether the failure is of a kind that a later attempt may not see (UNAVAILABLE). */
  get isRetryable(): boolean {
    return this.code === 14;
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
}

/**
 * An error raised by Spark while parsing, analysing or running a query. Subclasses
 * narrow it by the server's exception class.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof SparkError) console.log(e.errorClass, e.sqlState); }
 * ```
 */
export class SparkError extends SparkConnectError {
  readonly _tag: string = "SparkError";
  readonly errorClass: string | undefined;
  readonly sqlState: string | undefined;
  readonly messageParameters: Readonly<Record<string, string>>;
  readonly classes: readonly string[];
  readonly errorId: string | undefined;
  constructor(fields: Fields & SparkErrorDetails) {
    super(fields);
    this.errorClass = fields.errorClass;
    this.sqlState = fields.sqlState;
    this.messageParameters = fields.messageParameters;
    this.classes = fields.classes;
    this.errorId = fields.errorId;
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

/** The local Spark Connect server could not be found, started or stopped. */
export class LocalServerError extends SparkConnectError {
  readonly _tag = "LocalServerError";
}
