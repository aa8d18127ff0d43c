import type * as grpc from "@grpc/grpc-js";
import { status as Status } from "@grpc/grpc-js";
import { fromBinary } from "@bufbuild/protobuf";
import { StatusSchema } from "../../generated/google/rpc/status_pb.js";
import { ErrorInfoSchema, type ErrorInfo } from "../../generated/google/rpc/error_details_pb.js";
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
  QueryExecutionError,
  SparkError,
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
  ["org.apache.spark.sql.execution.QueryExecutionException", QueryExecutionError],
  ["java.lang.ArithmeticException", ArithmeticError],
  ["java.lang.NumberFormatException", NumberFormatError],
  ["java.lang.IllegalArgumentException", IllegalArgumentError],
  ["java.lang.UnsupportedOperationException", UnsupportedOperationError],
  ["java.time.DateTimeException", DateTimeError],
  ["org.apache.spark.sql.connect.common.InvalidPlanInput", InvalidPlanInputError],
]);

const ERROR_INFO_TYPE = "type.googleapis.com/google.rpc.ErrorInfo";

function errorInfoOf(err: grpc.ServiceError): ErrorInfo | undefined {
  const raw = err.metadata?.get("grpc-status-details-bin")[0];
  if (!(raw instanceof Uint8Array)) return undefined;
  try {
    const status = fromBinary(StatusSchema, raw);
    const any = status.details.find((d) => d.typeUrl === ERROR_INFO_TYPE);
    return any ? fromBinary(ErrorInfoSchema, any.value) : undefined;
  } catch {
    return undefined;
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
export function fromGrpcError(err: grpc.ServiceError, target: string): SparkConnectError {
  const info = errorInfoOf(err);
  if (info !== undefined && info.domain === "org.apache.spark") {
    const details = sparkDetails(info);
    const Cls = sparkErrorClassFor(details.classes);
    return new Cls({ message: err.details || info.reason, ...details });
  }
  const details = err.details || err.message;
  switch (err.code) {
    case Status.UNAVAILABLE:
      return new TransportError({
        code: err.code,
        message:
          `Cannot reach the Spark Connect server at ${target} (UNAVAILABLE: ${details}). ` +
          `Check that the server is running (for the project's local server: npm run spark:start) ` +
          `and that host and port in the connection string are right.`,
        cause: err,
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
      });
  }
}
