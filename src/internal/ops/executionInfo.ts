import * as Effect from "effect/Effect";
import type { ExecutePlanResponse } from "../../../generated/spark/connect/base_pb.js";
import type { Expression_Literal } from "../../../generated/spark/connect/expressions_pb.js";
import { SparkTimestamp } from "../../../runtime/arrow/SparkTimestamp.js";

/** One metric of a plan node, as Spark's SQL UI shows it. */
export interface MetricValue {
  readonly value: bigint;
  /** Spark's metric type: `sum`, `size`, `timing`, `nsTiming`, `average`, ... */
  readonly metricType: string;
}

/** The metrics of one node of the executed physical plan. */
export interface PlanMetrics {
  /** The node's name, e.g. `HashAggregate`, `Scan parquet`. */
  readonly name: string;
  readonly planId: bigint;
  /** The parent node's plan id. */
  readonly parent: bigint;
  /** By metric name, e.g. `numOutputRows`, `peakMemory`. */
  readonly metrics: Readonly<Record<string, MetricValue>>;
}

/**
 * What the server reported about one action after it ran: the physical plan's metrics
 * and the values of the DataFrame's observations (`df.observe(...)`), by observation name.
 */
export interface ExecutionInfo {
  readonly operationId: string;
  readonly metrics: readonly PlanMetrics[];
  readonly observations: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/** A literal of an observed metric as a JS value (the types of docs/types.md where they apply). */
export function literalValue(lit: Expression_Literal): unknown {
  const t = lit.literalType;
  switch (t.case) {
    case undefined:
    case "null":
      return null;
    case "decimal":
      return t.value.value;
    case "date":
      return new Date(t.value * 86_400_000);
    case "timestamp":
    case "timestampNtz":
      return new SparkTimestamp(t.value);
    case "array":
      return t.value.elements.map(literalValue);
    case "struct":
      return t.value.elements.map(literalValue);
    case "map": {
      const m = t.value as unknown as { keys: Expression_Literal[]; values: Expression_Literal[] };
      return new Map(m.keys.map((k, i) => [literalValue(k), literalValue(m.values[i]!)]));
    }
    case "calendarInterval":
      return { months: t.value.months, days: t.value.days, microseconds: t.value.microseconds };
    case "specializedArray":
      return (t.value.valueType.value as { values?: unknown[] } | undefined)?.values ?? [];
    case "time":
      return t.value.nano;
    default:
      return t.value;
  }
}

/**
 * Collects the `metrics` and `observed_metrics` responses of one operation and hands
 * them over once it ends (whether it succeeded or not).
 */
export function executionInfoRecorder(operationId: string, deliver: ((info: ExecutionInfo) => void) | undefined) {
  const metrics: PlanMetrics[] = [];
  const observations: Record<string, Record<string, unknown>> = {};
  return {
    record: (res: ExecutePlanResponse): Effect.Effect<void> =>
      Effect.sync(() => {
        for (const o of res.observedMetrics) {
          observations[o.name] = Object.fromEntries(o.keys.map((k, i) => [k, literalValue(o.values[i]!)]));
        }
        for (const m of res.metrics?.metrics ?? []) {
          metrics.push({
            name: m.name,
            planId: m.planId,
            parent: m.parent,
            metrics: Object.fromEntries(Object.entries(m.executionMetrics).map(([k, v]) => [k, { value: v.value, metricType: v.metricType }])),
          });
        }
      }),
    finish: Effect.sync(() => deliver?.({ operationId, metrics, observations })),
  };
}
