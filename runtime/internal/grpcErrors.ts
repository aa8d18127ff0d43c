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
  QueryExecutionError,
  SparkError,
  SparkRuntimeError,
  SparkUpgradeError,
  StreamingQueryError,
  type SparkConnectError,
  type SparkErrorDetails,
  TransportError,
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

/** Structured Spark error details carried by an ErrorInfo. */
export function sparkDetails(info: ErrorInfo): SparkErrorDetails {
  const md = info.metadata;
  const classes = parseJson<string[]>(md["classes"], []);
  return {
    errorClass: md["errorClass"],
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
 * Turns a failed gRPC call into one of the library's errors: Spark's own errors (which
 * arrive with a google.rpc.ErrorInfo) become SparkError subclasses; the rest become
 * transport, authentication or interruption errors with a message naming the fix.
 */
export function fromGrpcError(err: grpc.ServiceError, where: { target: string; redact: (text: string) => string }): SparkConnectError {
  const target = where.target;
  const { info, retryDelayMs } = statusDetails(err);
  const retry = { grpcCode: err.code, ...(retryDelayMs === undefined ? {} : { retryDelayMs }) };
  if (info !== undefined && info.domain === "org.apache.spark") {
    const details = sparkDetails(info);
    if (details.errorClass === "INVALID_HANDLE.SESSION_CHANGED") {
      return new SessionChangedError({
        message:
          `${where.redact(err.details)} The Spark Connect server at ${target} restarted, so this session's state ` +
          `(temp views, config, cached data) is gone. Open a new session with SparkSession.connect(...).`,
        ...retry,
      });
    }
    const Cls = sparkErrorClassFor(details.classes);
    return new Cls({ message: where.redact(err.details || info.reason), ...details, ...retry });
  }
  const details = where.redact(err.details || err.message);
  switch (err.code) {
    case Status.UNAVAILABLE:
      return new TransportError({
        code: err.code,
        message:
          `Cannot reach the Spark Connect server at ${target} (UNAVAILABLE: ${details}). ` +
          `Check that the server is running (for the project's local server: npm run spark:start) ` +
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
