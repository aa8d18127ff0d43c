export { SparkSession, type ConnectOptions } from "./SparkSession.js";
export { DataFrame, type ActionOptions, type CollectOptions } from "./DataFrame.js";
export type { DataType, StructType, StructField } from "./types/DataType.js";
export { simpleString } from "./types/DataType.js";
export { SparkTimestamp } from "../runtime/arrow/SparkTimestamp.js";
export type { RowOptions } from "../runtime/arrow/rows.js";
export { parseConnectionString, type ConnectionConfig } from "../runtime/ConnectionString.js";
export type { LocalServerOptions } from "../runtime/LocalServer.js";
export {
  SparkConnectError,
  InvalidConnectionStringError,
  TransportError,
  AuthenticationError,
  SparkError,
  type SparkErrorDetails,
  ParseError,
  AnalysisError,
  ArithmeticError,
  NumberFormatError,
  IllegalArgumentError,
  DateTimeError,
  UnsupportedOperationError,
  QueryExecutionError,
  InvalidPlanInputError,
  SessionClosedError,
  SessionChangedError,
  InterruptedError,
  InvalidPlanError,
  ProtocolError,
  LocalServerError,
} from "../runtime/errors.js";
