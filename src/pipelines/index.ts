/**
 * `spark-connect-ts/pipelines`: tools that pipelines build on Spark, as Effect services
 * with Promise forms (docs/pipelines.md).
 *
 * - A crash-safe restart-state store: `RestartStateStore` (Promise), `RestartState` /
 *   `makeRestartState` (Effect).
 * - A pipeline log writer with data quality, anomalies, reports and Delta table
 *   maintenance: `LogWriter` (Promise), `PipelineLog` / `makeLogWriter` (Effect).
 */
export * from "./errors.js";
export {
  ExecutionContextSchema,
  ExecutionMode,
  ExecutionResultSchema,
  LOG_COLUMNS,
  LOG_TABLE_DDL,
  LogRowInputSchema,
  NAME_PLACEHOLDERS,
  parseWriterConfig,
  Phase,
  RestartEntrySchema,
  SchemaValidationMode,
  StepResultSchema,
  TableFormat,
  WriteMode,
  writerConfig,
  WriterConfigSchema,
  type ExecutionContext,
  type ExecutionResult,
  type LogRow,
  type LogRowInput,
  type RestartEntry,
  type StepResult,
  type WriterConfig,
  type WriterConfigInput,
} from "./models.js";
export { generateTableName, type TableNameParts } from "./naming.js";
export { DEFAULT_RULES, rule, type DataQualityReport, type QualityRule, type QualityRules, type RuleInput, type RuleResult } from "./quality.js";
export {
  isTransient,
  makeLogWriter,
  PipelineLog,
  type Anomaly,
  type AnomalyReport,
  type BatchReport,
  type BatchWriteOptions,
  type BatchWriteReport,
  type ColumnInfo,
  type ColumnStatistics,
  type ExportFormat,
  type ExportOptions,
  type ExportResult,
  type LogWriterService,
  type MaintainOptions,
  type MaintainResult,
  type OptimizeOptions,
  type OptimizeResult,
  type SchemaCheck,
  type SummaryReport,
  type TableHistory,
  type TableInfo,
  type TableVersion,
  type TrendDay,
  type TrendReport,
  type WriteOptions,
  type WriteResult,
  type WriterMetrics,
} from "./logWriter.js";
export { LogWriter } from "./LogWriterClass.js";
export { makeRestartState, RestartState, RestartStateStore, RestartStoreOptionsSchema, SENTINEL, type RestartStateService, type RestartStoreOptions } from "./restartStore.js";
