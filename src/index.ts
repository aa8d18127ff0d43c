export { SparkSession, type ConnectOptions, type RangeOptions } from "./SparkSession.js";
export { SparkSessionBuilder } from "./SparkSessionBuilder.js";
export type { ProgressEvent, ProgressHandler } from "./internal/progressEvent.js";
export { UDFRegistration } from "./UDFRegistration.js";
export type { AddArtifactsOptions, ArtifactOptions } from "./ArtifactOptions.js";
export {
  DataFrame,
  type ActionOptions,
  type CallOptions,
  type OperationOptions,
  type CollectOptions,
  type ToArrowOptions,
  type ExplainMode,
  type StorageLevelName,
  type DisplayOptions,
} from "./DataFrame.js";
export { DataFramePreview, type MimeBundle } from "./display/preview.js";
export { progressBar, type ProgressBar, type ProgressBarOptions, type ProgressStream } from "./display/progressBar.js";
export { SqlDataFrame } from "./SqlDataFrame.js";
export { Observation } from "./Observation.js";
export type { ExecutionInfo, PlanMetrics, MetricValue } from "./internal/ops/executionInfo.js";
export type { StorageLevelInfo } from "./types/StorageLevel.js";
export { Column, type ColumnOrValue } from "./Column.js";
export { Window, WindowSpec } from "./Window.js";
export { GroupedData } from "./GroupedData.js";
export { DataFrameNaFunctions, type DropOptions, type Fill, type Replacements, type ReplaceValue, type Subset } from "./DataFrameNaFunctions.js";
export { DataFrameStatFunctions, type SampleFractions } from "./DataFrameStatFunctions.js";
export type { CorrMethod } from "./effect/stat.js";
export { DataFrameReader, type OptionValue } from "./DataFrameReader.js";
export { DataFrameWriter, type SaveMode } from "./DataFrameWriter.js";
export { DataFrameWriterV2 } from "./DataFrameWriterV2.js";
export { TableValuedFunction, TableArg } from "./TableValuedFunction.js";
export { MergeIntoWriter, WhenMatched, WhenNotMatched, WhenNotMatchedBySource } from "./MergeIntoWriter.js";
export type { SortOptions } from "./DataFrame.js";
export type { DataStreamReader } from "./DataFrameReader.js";
export { DataStreamWriter, type OutputMode, type Trigger } from "./streaming/DataStreamWriter.js";
export { StreamingQuery, type StreamingQueryStatus } from "./streaming/StreamingQuery.js";
export { StreamingQueryManager } from "./streaming/StreamingQueryManager.js";
export { TableWriter } from "./streaming/TableWriter.js";
export type { StreamingQueryReport, TableWriteConfig, TableWriteResult, TableWriteWarning } from "./effect/tableWriter.js";
export {
  kafkaPartitionLags,
  offsetLag,
  parseJsonExact,
  parseProgress,
  parseProgressList,
  stringifyJsonExact,
  type EventTimeStats,
  type JsonObject,
  type JsonValue,
  type PartitionLag,
  type SinkProgress,
  type SourceProgress,
  type StateOperatorProgress,
  type StreamingQueryProgress,
} from "./streaming/progress.js";
export {
  DEFAULT_MAX_RANGES,
  formatMicros,
  fromInclusive,
  MICROSECOND,
  nextInclusiveRange,
  nextInclusiveStart,
  nextRange,
  rangeCondition,
  splitTimeRange,
  stepMicros,
  toInclusive,
  toMicros,
  toSparkTimestamp,
  type InclusiveTimeRange,
  type SplitTimeRangeOptions,
  type TimeDuration,
  type TimeInput,
  type TimeRange,
  type TimeStep,
} from "./streaming/timeRanges.js";
export type { StreamingQueryEvent, StreamingQueryListener } from "./effect/streaming.js";
export {
  Catalog,
  type CatalogColumn,
  type CatalogDatabase,
  type CatalogFunction,
  type CatalogMetadata,
  type CatalogTable,
  type CreateTableOptions,
} from "./Catalog.js";
export { fromDDL, toDDL } from "./types/ddl.js";
export { DEFAULT_LIMITS, type ResultLimits, type ResultLimitSettings } from "./ResultLimits.js";
export { col, column, lit, expr, when, callFunction } from "./functions/core.js";
export type { DataType, StructType, StructField } from "./types/DataType.js";
export { simpleString } from "./types/DataType.js";
export { SparkTimestamp } from "../runtime/arrow/SparkTimestamp.js";
export { tableToRows, type RowOptions } from "../runtime/arrow/rows.js";
export type { ArrowTypeMap, ArrowTypeOf } from "./types/arrowTypes.js";
export { parseConnectionString, type ConnectionConfig } from "../runtime/ConnectionString.js";
export type { LocalServerOptions } from "../runtime/LocalServer.js";
export * from "../runtime/errors.js";
export { RuntimeConfig } from "./RuntimeConfig.js";
export type { SessionOptions, TlsOptions, TokenGrant, TokenProvider } from "../runtime/SessionOptions.js";
export { SENSITIVE_KEY_PARTS, isSensitiveKey, redactMetadata, redactSecrets } from "../runtime/Redaction.js";
export { defaultRetryPolicy, type RetryPolicy } from "../runtime/Retry.js";
export type { Progress, ProgressListener } from "../runtime/Results.js";
