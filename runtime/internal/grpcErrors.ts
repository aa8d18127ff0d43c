import type * as grpc from "@grpc/grpc-js";
import { status as Status } from "@grpc/grpc-js";
import { fromBinary } from "@bufbuild/protobuf";
import { StatusSchema } from "../../generated/google/rpc/status_pb.js";
import { ErrorInfoSchema, type ErrorInfo, RetryInfoSchema } from "../../generated/google/rpc/error_details_pb.js";
import {
  AnalysisError,
  ArithmeticError,
  AuthenticationError,
  DateTimeError,
  IllegalArgumentError,
  InterruptedError,
  InvalidPlanInputError,
  NumberFormatError,
  ParseError,
  SessionChangedError,
  SessionClosedError,
  QueryExecutionError,
  SparkError,
  SparkRuntimeError,
  SparkUpgradeError,
  StreamingQueryError,
  type SparkConnectError,
  type SparkErrorDetails,
  TransportError,
  UnsupportedByServerError,
  UnsupportedOperationError,
} from "../errors.js";

type SparkErrorClass = new (fields: { message: string } & SparkErrorDetails) => SparkError;

/** JVM exception classes to our classes; the first class in the server's chain that is listed wins. */
const byJvmClass: ReadonlyMap<string, SparkErrorClass> = new Map<string, SparkErrorClass>([
  ["org.apache.spark.sql.catalyst.parser.ParseException", ParseError],
  ["org.apache.spark.sql.AnalysisException", AnalysisError],
  ["org.apache.spark.sql.streaming.StreamingQueryException", StreamingQueryError],
  ["org.apache.spark.sql.execution.QueryExecutionException", QueryExecutionError],
  ["java.lang.ArithmeticException", ArithmeticError],
  ["java.lang.NumberFormatException", NumberFormatError],
  ["java.lang.IllegalArgumentException", IllegalArgumentError],
  ["java.lang.UnsupportedOperationException", UnsupportedOperationError],
  ["java.time.DateTimeException", DateTimeError],
  ["org.apache.spark.SparkRuntimeException", SparkRuntimeError],
  ["org.apache.spark.SparkUpgradeException", SparkUpgradeError],
  ["org.apache.spark.sql.connect.common.InvalidPlanInput", InvalidPlanInputError],
]);

const ERROR_INFO_TYPE = "type.googleapis.com/google.rpc.ErrorInfo";
const RETRY_INFO_TYPE = "type.googleapis.com/google.rpc.RetryInfo";

/** The ErrorInfo and RetryInfo delay in a status's `grpc-status-details-bin` trailer. */
function statusDetails(err: grpc.ServiceError): { info?: ErrorInfo; retryDelayMs?: number } {
  const raw = err.metadata?.get("grpc-status-details-bin")[0];
  if (!(raw instanceof Uint8Array)) return {};
  try {
    const out: { info?: ErrorInfo; retryDelayMs?: number } = {};
    for (const d of fromBinary(StatusSchema, raw).details) {
      if (d.typeUrl === ERROR_INFO_TYPE) out.info = fromBinary(ErrorInfoSchema, d.value);
      if (d.typeUrl === RETRY_INFO_TYPE) {
        const delay = fromBinary(RetryInfoSchema, d.value).retryDelay;
        if (delay) out.retryDelayMs = Number(delay.seconds) * 1000 + Math.floor(delay.nanos / 1e6);
      }
    }
    return out;
  } catch {
    return {};
  }
}

function parseJson<T>(text: string | undefined, fallback: T): T {
  if (text === undefined) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/**
 * Structured Spark error details carried by an ErrorInfo. Servers before 4.0 send no
 * `errorClass`; Spark writes it at the head of the message (`[PARSE_SYNTAX_ERROR] ...`),
 * where it is read from then.
 */
export function sparkDetails(info: ErrorInfo, message = ""): SparkErrorDetails {
  const md = info.metadata;
  const classes = parseJson<string[]>(md["classes"], []);
  return {
    errorClass: md["errorClass"] ?? /^\s*\[([A-Z][A-Z0-9_]*(?:\.[A-Z0-9_]+)*)\]/.exec(message)?.[1],
    sqlState: md["sqlState"],
    messageParameters: parseJson<Record<string, string>>(md["messageParameters"], {}),
    classes: classes.length > 0 ? classes : [info.reason],
    errorId: md["errorId"],
  };
}

/** The most specific SparkError subclass for a chain of JVM classes. */
export function sparkErrorClassFor(classes: readonly string[]): SparkErrorClass {
  for (const c of classes) {
    const cls = byJvmClass.get(c);
    if (cls !== undefined) return cls;
  }
  return SparkError;
}

/**
 * The plan node a Spark error says the server does not know, or undefined when the error
 * is about something else. A protobuf field the server lacks is dropped when it decodes the
 * plan, so a relation, command or expression type newer than the server arrives as an
 * unset oneof. Spark reports that as `CONNECT_INVALID_PLAN.INVALID_ONE_OF_FIELD_NOT_SET`
 * (newer servers), `[INTERNAL_ERROR] This oneOf field in spark.connect.Relation is not set:
 * RELTYPE_NOT_SET` (4.1), `Expected Relation to be set, but is empty.` or `Expression with
 * ID: 0 is not supported` (older servers); a oneof arm it knows but does not handle as
 * `..._NOT_SUPPORTED` or `This oneOf field message in ... is not supported: NAME(n)`.
 */
export function unknownPlanNode(details: SparkErrorDetails, message: string): string | undefined {
  const params = details.messageParameters;
  const errorClass = details.errorClass ?? "";
  if (errorClass === "CONNECT_INVALID_PLAN.INVALID_ONE_OF_FIELD_NOT_SET" && params["fullName"]) {
    return `a kind of ${params["fullName"]}`;
  }
  if (errorClass === "CONNECT_INVALID_PLAN.INVALID_ONE_OF_FIELD_NOT_SUPPORTED" && params["fullName"]) {
    return `${params["name"] ?? "a kind"} of ${params["fullName"]}`;
  }
  const text = `${message}\n${params["message"] ?? ""}`;
  const notSet = /This oneOf field in (spark\.connect\.[\w.]+) is not set\b/.exec(text);
  if (notSet !== null) return `a kind of ${notSet[1]}`;
  const notSupported = /This oneOf field message in (spark\.connect\.[\w.]+) is not supported: (\w+)/.exec(text);
  if (notSupported !== null) return `${notSupported[2]} of ${notSupported[1]}`;
  if (/Expected Relation to be set, but is empty/.test(text)) return "a kind of spark.connect.Relation";
  if (/Expression with ID: 0 is not supported/.test(text)) return "a kind of spark.connect.Expression";
  return undefined;
}

/** The RPC a grpc-js UNIMPLEMENTED status names (`Method not found: pkg.Service/Method`). */
function rpcOf(details: string): string | undefined {
  return /Method not found:\s*(\S+)/.exec(details)?.[1];
}

/**
 * Where a call went: the connection's target and redaction, and the called RPC's name
 * (`/pkg.Service/Method` or `Method`) when the caller passes it.
 */
type CallSite = { readonly target: string; readonly redact: (text: string) => string; readonly rpc?: string };

/** The error for a gRPC UNIMPLEMENTED status: the server does not implement the called RPC. */
function unimplemented(err: grpc.ServiceError, where: CallSite, cause: unknown): UnsupportedByServerError {
  const details = where.redact(err.details || err.message);
  const rpc = where.rpc ?? rpcOf(details);
  const name = rpc === undefined ? undefined : rpc.slice(rpc.lastIndexOf("/") + 1);
  return new UnsupportedByServerError({
    message:
      `The Spark Connect server at ${where.target} does not implement ${name === undefined ? "this call" : `the ${name} RPC`} ` +
      `(UNIMPLEMENTED: ${details}). Upgrade the server, or avoid the feature that needs it.`,
    grpcCode: err.code,
    cause,
    ...(name === undefined ? {} : { feature: name }),
  });
}

/** The server's protobuf recursion limit by default (see src/plan/nesting.ts, which keeps plans below it). */
const SERVER_NESTING_LIMIT = 1024;

const BREAK_CHAINS =
  "Break long chains: save an intermediate DataFrame as a temp view (df.createOrReplaceTempView(name)) or a table and " +
  "continue from spark.table(name), and build long expressions from a list (greatest(...cols), concat(...cols), " +
  "coalesce(...cols), aggregate(array(...cols), ...)) rather than one operation per element.";

/**
 * The failures a Spark Connect server reports as gRPC UNKNOWN without Spark's ErrorInfo,
 * which deep nesting causes: grpc-java's "Application error processing RPC" when the
 * request cannot be parsed (its nesting passes the server's
 * spark.connect.grpc.marshallerRecursionLimit), and an empty message when the server
 * failed with a Java error that has none (a StackOverflowError, when the plan nests
 * deeper than the server's thread stack takes). Undefined for other UNKNOWN statuses.
 */
function nestingFailure(err: grpc.ServiceError, target: string): SparkConnectError | undefined {
  const details = (err.details ?? "").trim();
  const fields = { grpcCode: err.code, cause: err, errorClass: undefined, sqlState: undefined, messageParameters: {}, classes: [], errorId: undefined };
  if (details === "Application error processing RPC") {
    return new InvalidPlanInputError({
      ...fields,
      message:
        `The Spark Connect server at ${target} could not read the request (UNKNOWN: Application error processing RPC). ` +
        `The usual cause is a plan nested deeper than the server's protobuf recursion limit ` +
        `(spark.connect.grpc.marshallerRecursionLimit, ${SERVER_NESTING_LIMIT} levels by default; this client sends ` +
        `plans of at most 1000 levels, so this server's limit is set lower). ${BREAK_CHAINS} Or raise the server's limit.`,
    });
  }
  if (details === "") {
    return new SparkError({
      ...fields,
      message:
        `The Spark Connect server at ${target} failed without a message (UNKNOWN): a Java error without one, most often a ` +
        `StackOverflowError from a plan nested deeper than the server's thread stack takes (hundreds of chained DataFrame ` +
        `operations or column operations). ${BREAK_CHAINS} Or give the server's driver a larger thread stack ` +
        `(spark.driver.extraJavaOptions=-Xss16m).`,
    });
  }
  return undefined;
}

/**
 * Turns a failed gRPC call into one of the library's errors: Spark's own errors (which
 * arrive with a google.rpc.ErrorInfo) become SparkError subclasses; the rest become
 * transport, authentication or interruption errors with a message naming the fix. What
 * the server lacks (gRPC UNIMPLEMENTED, a plan node it does not know) becomes an
 * UnsupportedByServerError. `where.rpc`, when given, names the called RPC in messages.
 */
export function fromGrpcError(err: grpc.ServiceError, where: CallSite): SparkConnectError {
  const target = where.target;
  const { info, retryDelayMs } = statusDetails(err);
  const retry = { grpcCode: err.code, ...(retryDelayMs === undefined ? {} : { retryDelayMs }) };
  if (info !== undefined && info.domain === "org.apache.spark") {
    const details = sparkDetails(info, err.details ?? "");
    if (details.errorClass === "INVALID_HANDLE.SESSION_CHANGED") {
      return new SessionChangedError({
        message:
          `${where.redact(err.details)} The Spark Connect server at ${target} restarted, so this session's state ` +
          `(temp views, config, cached data) is gone. Open a new session with SparkSession.connect(...).`,
        ...retry,
      });
    }
    if (details.errorClass === "INVALID_HANDLE.SESSION_NOT_FOUND") {
      return new SessionChangedError({
        message:
          `${where.redact(err.details)} The Spark Connect server at ${target} no longer knows this session: it restarted, ` +
          `or the session expired after being idle. Its state (temp views, config, cached data, running operations) is gone. ` +
          `Open a new session with SparkSession.connect(...).`,
        ...retry,
      });
    }
    if (details.errorClass === "INVALID_HANDLE.SESSION_CLOSED") {
      return new SessionClosedError({
        message: `${where.redact(err.details)} The session was closed (by close() or on the server) while this call ran. Open a new session with SparkSession.connect(...).`,
        ...retry,
      });
    }
    const Cls = sparkErrorClassFor(details.classes);
    const sparkError = new Cls({ message: where.redact(err.details || info.reason), ...details, ...retry });
    const feature = unknownPlanNode(details, err.details ?? "");
    if (feature === undefined) return err.code === Status.UNIMPLEMENTED ? unimplemented(err, where, sparkError) : sparkError;
    return new UnsupportedByServerError({
      message:
        `The Spark Connect server at ${target} does not know ${feature} that this client sent in the plan, ` +
        `most likely because the server is older than the feature that built it (${sparkError.message}). ` +
        `Upgrade the server, or avoid the feature.`,
      grpcCode: err.code,
      cause: sparkError,
      feature,
    });
  }
  if (err.code === Status.UNIMPLEMENTED) return unimplemented(err, where, err);
  if (err.code === Status.UNKNOWN) {
    const nested = nestingFailure(err, target);
    if (nested !== undefined) return nested;
  }
  // grpc-js says "Last error: null" when it kept no error of the connection attempt.
  const details = where.redact(err.details || err.message).replace(/\s*Last error: null\.?/, "").replace(/\s*Resolution note:\s*$/, "");
  switch (err.code) {
    case Status.UNAVAILABLE:
      return new TransportError({
        code: err.code,
        message:
          `Cannot reach the Spark Connect server at ${target} (UNAVAILABLE: ${details}). ` +
          `Check that the server is running (a local one: npx spark-connect-ts server start, or SparkSession.connect("local")) ` +
          `and that host and port in the connection string are right.`,
        cause: err,
        ...retry,
      });
    case Status.UNAUTHENTICATED:
    case Status.PERMISSION_DENIED:
      return new AuthenticationError({
        message:
          `The Spark Connect server at ${target} rejected the credentials (${Status[err.code]}: ${details}). ` +
          `Pass the server's token as ;token=... in the connection string or in SPARK_CONNECT_AUTHENTICATE_TOKEN.`,
        cause: err,
      });
    case Status.CANCELLED:
      return new InterruptedError({ message: `The call to ${target} was cancelled: ${details}`, cause: err });
    case Status.DEADLINE_EXCEEDED:
      return new TransportError({
        code: err.code,
        message: `The call to ${target} did not finish within its deadline (${details}). Raise the timeout or check the server's load.`,
        cause: err,
      });
    default:
      return new TransportError({
        code: err.code ?? Status.UNKNOWN,
        message: `The call to ${target} failed with ${Status[err.code] ?? err.code}: ${details}`,
        cause: err,
        ...retry,
      });
  }
}
