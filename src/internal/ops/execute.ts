import { randomUUID } from "node:crypto";
import { create, type MessageInitShape } from "@bufbuild/protobuf";
import * as Effect from "effect/Effect";
import * as Stream from "effect/Stream";
import { type RecordBatch, Table } from "apache-arrow";
import { type ExecutePlanResponse, type Plan, PlanSchema } from "../../../generated/spark/connect/base_pb.js";
import type { CommandSchema } from "../../../generated/spark/connect/commands_pb.js";
import { tableToRows, type RowOptions } from "../../../runtime/arrow/rows.js";
import { InvalidOptionError, InvalidPlanError, ProtocolError, ResultLimitError, SparkConnectError } from "../../../runtime/errors.js";
import { arrowBatches } from "../../../runtime/Results.js";
import { type PlanEncoder, planEncoder } from "../../plan/encodeRelation.js";
import type { Relation } from "../../../generated/spark/connect/relations_pb.js";
import type { PlanNode } from "../../plan/PlanNode.js";
import type { SqlNode } from "../../plan/SqlNode.js";
import { AggregateNode } from "../../plan/AggregateNode.js";
import { AliasNode } from "../../expr/AliasNode.js";
import { FunctionCallNode } from "../../expr/FunctionCallNode.js";
import { LiteralNode } from "../../expr/LiteralNode.js";
import type { SessionHandle } from "../handle.js";
import type { ResultLimits } from "../../ResultLimits.js";
import type { ExecOptions } from "./action.js";
import { type ExecutionInfo, executionInfoRecorder } from "./executionInfo.js";
import { namesMatchedIn, recordNamesMatched, withSetOpHint } from "./setOpHint.js";
import { sqlRelation } from "./sql.js";
import { localRelation, resolvedLocal } from "./localRelations.js";
import { withProgressHandlers } from "./progressHandlers.js";

/** A client-side failure as a typed failure: the library's errors as they are, anything else named. */
export function clientFailure(what: string): (e: unknown) => SparkConnectError {
  return (e) =>
    e instanceof SparkConnectError
      ? e
      : new InvalidPlanError({ message: `${what} failed on the client: ${e instanceof Error ? e.message : String(e)}`, cause: e });
}

/**
 * Encodes relations for a request. A `spark.sql()` relation among them is replaced by the
 * relation its SQL command answered with (the command is sent first if it has not been,
 * and only once per DataFrame); the rows of a createDataFrame go inline or, past the
 * session's cache threshold, are uploaded first and referred to by hash (decided once per
 * DataFrame); encoding errors fail in the typed channel. A request with set operations by
 * name is recorded, so an error about their column names gets its hint.
 */
export function encoded<T>(handle: SessionHandle, build: (encoder: PlanEncoder) => T): Effect.Effect<T, SparkConnectError> {
  const attempt = Effect.try({
    try: () => {
      const encoder = planEncoder(
        (node) => resolvedSql(handle, node),
        (node) => resolvedLocal(handle, node),
      );
      const value = build(encoder);
      recordNamesMatched(value, encoder.namesMatched);
      return { value, pending: encoder.pending, pendingLocal: encoder.pendingLocal };
    },
    catch: clientFailure("Encoding the plan"),
  });
  return Effect.flatMap(attempt, ({ value, pending, pendingLocal }) =>
    pending.length === 0 && pendingLocal.length === 0
      ? Effect.succeed(value)
      : Effect.andThen(
          Effect.andThen(
            Effect.forEach(pending, (node) => sqlRelation(handle, node), { discard: true }),
            Effect.forEach(new Set(pendingLocal), (node) => localRelation(handle, node), { discard: true }),
          ),
          Effect.map(attempt, (again) => again.value),
        ),
  );
}

/** A query plan as sent to the server (see `encoded`). */
export function encodePlan(handle: SessionHandle, plan: PlanNode): Effect.Effect<Plan, SparkConnectError> {
  return encoded(handle, (e) => create(PlanSchema, { opType: { case: "root", value: e.relation(plan) } }));
}

function resolvedSql(handle: SessionHandle, node: SqlNode): Relation | undefined {
  return handle.sqlCommands.get(node)?.relation;
}

/** The responses of a plan run as a reattachable operation, reported to the session's progress handlers. */
export function responses(
  handle: SessionHandle,
  plan: Effect.Effect<Plan, SparkConnectError>,
  options: ExecOptions,
): Stream.Stream<ExecutePlanResponse, SparkConnectError> {
  return Stream.unwrap(
    Effect.map(plan, (p) =>
      withProgressHandlers(handle.core, p, options.operationId, Stream.mapError(handle.core.execute(p, options), withSetOpHint(namesMatchedIn(p)))),
    ),
  );
}

/** The Arrow record batches of a plan's result, streamed with backpressure. */
export function batches(
  handle: SessionHandle,
  plan: PlanNode,
  options: ExecOptions = {},
  info?: (info: ExecutionInfo) => void,
): Stream.Stream<RecordBatch, SparkConnectError> {
  return Stream.suspend(() => {
    const operationId = options.operationId ?? randomUUID();
    const recorder = executionInfoRecorder(operationId, info);
    const raw = responses(handle, encodePlan(handle, plan), { ...options, operationId }).pipe(Stream.tap(recorder.record));
    return arrowBatches(raw, options.onProgress).pipe(Stream.ensuring(recorder.finish));
  });
}

function checkLimits(action: string, limits: Required<ResultLimits>): Effect.Effect<Required<ResultLimits>, InvalidOptionError> {
  for (const [k, v] of Object.entries(limits)) {
    if (!(v === Infinity || (Number.isSafeInteger(v) && v >= 0))) {
      return Effect.fail(new InvalidOptionError({ message: `${action}(): ${k} must be a whole number >= 0, or Infinity for no limit (got ${String(v)}).` }));
    }
  }
  return Effect.succeed(limits);
}

/**
 * Drains the batches within the limits: past one, the query is stopped (interrupted on
 * the server) and the action fails with ResultLimitError naming the setting.
 */
function withinLimits(
  action: "collect" | "toArrow",
  handle: SessionHandle,
  limits: ResultLimits,
  stream: Stream.Stream<RecordBatch, SparkConnectError>,
  onBatch: (batch: RecordBatch) => Effect.Effect<void, SparkConnectError>,
): Effect.Effect<{ rows: number; bytes: number }, SparkConnectError> {
  return Effect.flatMap(checkLimits(action, { ...handle.limits[action], ...limits }), ({ maxRows, maxBytes }) => {
    let rows = 0;
    let bytes = 0;
    return Effect.as(
      Stream.runForEach(stream, (b) => {
        rows += b.numRows;
        bytes += b.data.byteLength;
        if (rows > maxRows || bytes > maxBytes) {
          const what = rows > maxRows ? `${maxRows} rows (maxRows)` : `${maxBytes} bytes of Arrow data (maxBytes)`;
          return Effect.fail(
            new ResultLimitError({
              message:
                `${action}() stopped: the result is larger than ${what}, so the query was interrupted. Iterate it with ` +
                `for await (df.batches() or the DataFrame itself), add a limit(), or raise the guardrail: ` +
                `${action}({ maxRows, maxBytes }) for this call, or SparkSession.connect(url, { limits: { ${action}: { ... } } }) ` +
                `for the session (Infinity turns a limit off).`,
            }),
          );
        }
        return onBatch(b);
      }),
      { rows, bytes },
    ).pipe(Effect.tap(() => Effect.annotateCurrentSpan({ "spark.rows": rows, "spark.bytes": bytes })));
  });
}

/** The whole result as one Arrow table (the batches as they came, not copied), within the toArrow guardrails. */
export function toArrow(
  handle: SessionHandle,
  plan: PlanNode,
  options: ExecOptions & ResultLimits = {},
  info?: (info: ExecutionInfo) => void,
): Effect.Effect<Table, SparkConnectError> {
  return Effect.suspend(() => {
    const out: RecordBatch[] = [];
    const keep = (b: RecordBatch) => Effect.sync(() => void out.push(b));
    return Effect.map(withinLimits("toArrow", handle, limitsOf(options), batches(handle, plan, options, info), keep), () => new Table(out));
  });
}

function limitsOf(options: ResultLimits): ResultLimits {
  return {
    ...(options.maxRows !== undefined ? { maxRows: options.maxRows } : {}),
    ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
  };
}

/** Rows of one batch as JS objects; a conversion problem is a typed failure. */
export function rowsOf<Row>(batch: RecordBatch, options: RowOptions): Effect.Effect<Row[], SparkConnectError> {
  return Effect.try({ try: () => tableToRows<Row>(batch, options), catch: clientFailure("Converting result rows") });
}

/** The whole result as plain JS rows, within the collect guardrails. */
export function collect<Row>(
  handle: SessionHandle,
  plan: PlanNode,
  options: ExecOptions & ResultLimits & RowOptions = {},
  info?: (info: ExecutionInfo) => void,
): Effect.Effect<Row[], SparkConnectError> {
  return Effect.suspend(() => {
    const out: Row[] = [];
    const rowOptions: RowOptions = { ...handle.rows, ...(options.longs ? { longs: options.longs } : {}), ...(options.decimals ? { decimals: options.decimals } : {}) };
    return Effect.as(
      withinLimits("collect", handle, limitsOf(options), batches(handle, plan, options, info), (b) =>
        Effect.map(rowsOf<Row>(b, rowOptions), (rows) => {
          for (const r of rows) out.push(r);
        }),
      ),
      out,
    );
  });
}

/** Number of rows: `count(1)` over the plan, computed by Spark. */
export function count(
  handle: SessionHandle,
  plan: PlanNode,
  options: ExecOptions = {},
  info?: (info: ExecutionInfo) => void,
): Effect.Effect<number, SparkConnectError> {
  const agg = AggregateNode.create(plan, [], [AliasNode.create(FunctionCallNode.create("count", [LiteralNode.create(1)]), "count")]);
  return Effect.flatMap(collect<{ count: bigint }>(handle, agg, options, info), (rows) => {
    const n = rows[0]?.count;
    if (typeof n !== "bigint") {
      return Effect.fail(new ProtocolError({ message: "count() returned no row; the server's answer was not understood." }));
    }
    return Effect.succeed(Number(n));
  });
}

/** A command of the protocol (a write, a view, a SQL command). */
export type CommandInit = MessageInitShape<typeof CommandSchema>;

/**
 * Runs a command and returns its responses (a SQL command's answer is among them). `build`
 * makes the command with the encoder, so `spark.sql()` relations in it are resolved first.
 */
export function command(
  handle: SessionHandle,
  build: (encoder: PlanEncoder) => CommandInit,
  options: ExecOptions = {},
  info?: (info: ExecutionInfo) => void,
): Effect.Effect<ExecutePlanResponse[], SparkConnectError> {
  return Effect.suspend(() => {
    const operationId = options.operationId ?? randomUUID();
    const recorder = executionInfoRecorder(operationId, info);
    const plan = encoded(handle, (e) => create(PlanSchema, { opType: { case: "command", value: build(e) } }));
    return Stream.runCollect(responses(handle, plan, { ...options, operationId }).pipe(Stream.tap(recorder.record))).pipe(
      Effect.map((rs) => [...rs]),
      Effect.ensuring(recorder.finish),
    );
  });
}
