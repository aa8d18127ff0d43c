import * as Effect from "effect/Effect";
import type { AnalyzePlanResponse } from "../../../generated/spark/connect/base_pb.js";
import { ProtocolError, type SparkConnectError } from "../../../runtime/errors.js";
import type { AnalyzeInit } from "../../../runtime/Session.js";
import type { PlanNode } from "../../plan/PlanNode.js";
import { dataTypeFromProto, type StructType } from "../../types/DataType.js";
import type { StorageLevel, StorageLevelInfo } from "../../types/StorageLevel.js";
import type { SessionHandle } from "../handle.js";
import { encoded, encodePlan } from "./execute.js";
import { namesMatchedIn, withSetOpHint } from "./setOpHint.js";

type Result = AnalyzePlanResponse["result"];

/**
 * One AnalyzePlan call; `pick` reads the answer (undefined: the answer was not the one asked
 * for). The plans in the request were encoded by `encoded`, which records set operations by
 * name for the hint of an error about their column names.
 */
function analyze<A>(
  handle: SessionHandle,
  request: Effect.Effect<AnalyzeInit, SparkConnectError>,
  pick: (result: Result) => A | undefined,
): Effect.Effect<A, SparkConnectError> {
  return Effect.flatMap(request, (init) => {
    const hint = withSetOpHint(namesMatchedIn(init, ...Object.values(init.analyze?.value ?? {})));
    return Effect.flatMap(Effect.mapError(handle.core.analyze(init), hint), (res) => {
      const out = pick(res.result);
      return out === undefined
        ? Effect.fail(new ProtocolError({ message: `AnalyzePlan(${init.analyze?.case ?? "?"}) was answered with ${res.result.case ?? "nothing"}.` }))
        : Effect.succeed(out);
    });
  });
}

/** The plan's schema (nothing is executed). */
export function schema(handle: SessionHandle, plan: PlanNode): Effect.Effect<StructType, SparkConnectError> {
  return analyze(
    handle,
    Effect.map(encodePlan(handle, plan), (p) => ({ analyze: { case: "schema", value: { plan: p } } })),
    (r) => {
      const dt = r.case === "schema" ? dataTypeFromProto(r.value.schema) : undefined;
      return dt?.kind === "struct" ? dt : undefined;
    },
  );
}

/** The server's Spark version. */
export function sparkVersion(handle: SessionHandle): Effect.Effect<string, SparkConnectError> {
  return analyze(handle, Effect.succeed({ analyze: { case: "sparkVersion", value: {} } }), (r) =>
    r.case === "sparkVersion" ? r.value.version : undefined,
  ).pipe(Effect.tap((v) => Effect.sync(() => handle.core.ctx.rememberServerVersion(v))));
}

/** The AnalyzePlan questions about one plan, with their extra fields and answers. */
export interface PlanQuestions {
  explain: { extra: { explainMode: number }; answer: string };
  treeString: { extra: { level?: number }; answer: string };
  isLocal: { extra: object; answer: boolean };
  isStreaming: { extra: object; answer: boolean };
  inputFiles: { extra: object; answer: string[] };
  semanticHash: { extra: object; answer: number };
}

const answers: { [K in keyof PlanQuestions]: (r: Result) => PlanQuestions[K]["answer"] | undefined } = {
  explain: (r) => (r.case === "explain" ? r.value.explainString : undefined),
  treeString: (r) => (r.case === "treeString" ? r.value.treeString : undefined),
  isLocal: (r) => (r.case === "isLocal" ? r.value.isLocal : undefined),
  isStreaming: (r) => (r.case === "isStreaming" ? r.value.isStreaming : undefined),
  inputFiles: (r) => (r.case === "inputFiles" ? r.value.files : undefined),
  semanticHash: (r) => (r.case === "semanticHash" ? r.value.result : undefined),
};

/** An AnalyzePlan question about one plan. */
export function askPlan<K extends keyof PlanQuestions>(
  handle: SessionHandle,
  plan: PlanNode,
  kind: K,
  extra: PlanQuestions[K]["extra"],
): Effect.Effect<PlanQuestions[K]["answer"], SparkConnectError> {
  return analyze(
    handle,
    Effect.map(encodePlan(handle, plan), (p) => ({ analyze: { case: kind, value: { plan: p, ...extra } } }) as AnalyzeInit),
    answers[kind],
  );
}

/** Whether two plans compute the same thing. */
export function sameSemantics(handle: SessionHandle, target: PlanNode, other: PlanNode): Effect.Effect<boolean, SparkConnectError> {
  return analyze(
    handle,
    Effect.all([encodePlan(handle, target), encodePlan(handle, other)]).pipe(
      Effect.map(([targetPlan, otherPlan]) => ({ analyze: { case: "sameSemantics", value: { targetPlan, otherPlan } } }) as const),
    ),
    (r) => (r.case === "sameSemantics" ? r.value.result : undefined),
  );
}

/** Caches the plan's result with a storage level (lazily, on its next action). */
export function persist(handle: SessionHandle, plan: PlanNode, storageLevel: StorageLevel): Effect.Effect<void, SparkConnectError> {
  return analyze(
    handle,
    encoded(handle, (e) => ({ analyze: { case: "persist", value: { relation: e.relation(plan), storageLevel } } }) as const),
    (r) => (r.case === "persist" ? true : undefined),
  ).pipe(Effect.asVoid);
}

/** Drops the plan's cached result. */
export function unpersist(handle: SessionHandle, plan: PlanNode, blocking: boolean): Effect.Effect<void, SparkConnectError> {
  return analyze(
    handle,
    encoded(handle, (e) => ({ analyze: { case: "unpersist", value: { relation: e.relation(plan), blocking } } }) as const),
    (r) => (r.case === "unpersist" ? true : undefined),
  ).pipe(Effect.asVoid);
}

/** The storage level the plan is cached with. */
export function storageLevel(handle: SessionHandle, plan: PlanNode): Effect.Effect<StorageLevelInfo, SparkConnectError> {
  return analyze(
    handle,
    encoded(handle, (e) => ({ analyze: { case: "getStorageLevel", value: { relation: e.relation(plan) } } }) as const),
    (r) => {
      if (r.case !== "getStorageLevel") return undefined;
      const l = r.value.storageLevel;
      return {
        useDisk: l?.useDisk ?? false,
        useMemory: l?.useMemory ?? false,
        useOffHeap: l?.useOffHeap ?? false,
        deserialized: l?.deserialized ?? false,
        replication: l?.replication ?? 1,
      };
    },
  );
}
