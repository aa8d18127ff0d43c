// The streaming commands of the protocol: starting a streaming write
// (WriteStreamOperationStart), commands on one query (StreamingQueryCommand) and on the
// session's query manager (StreamingQueryManagerCommand). Each is one ExecutePlan call.
import { create } from "@bufbuild/protobuf";
import * as Effect from "effect/Effect";
import * as PubSub from "effect/PubSub";
import * as Scope from "effect/Scope";
import * as Stream from "effect/Stream";
import { PlanSchema } from "../../../generated/spark/connect/base_pb.js";
import { type StreamingQueryCommandResult, type StreamingQueryEventType, type StreamingQueryManagerCommandResult } from "../../../generated/spark/connect/commands_pb.js";
import { ProtocolError, type SparkConnectError } from "../../../runtime/errors.js";
import { FEATURES, requireServer } from "../../../runtime/internal/serverFeatures.js";
import type { PlanNode } from "../../plan/PlanNode.js";
import type { SessionHandle } from "../handle.js";
import type { ExecOptions } from "./action.js";
import { command, type CommandInit, encoded, responses } from "./execute.js";

/** A running query's identity: `id` survives restarts from the checkpoint, `runId` is this run's. */
export interface QueryInstance {
  readonly id: string;
  readonly runId: string;
  readonly name: string | undefined;
}

/** What a streaming write sends, besides its input. */
export interface StreamSpec {
  readonly format: string | undefined;
  readonly options: Readonly<Record<string, string>>;
  readonly partitionBy: readonly string[];
  readonly clusterBy: readonly string[];
  readonly outputMode: string | undefined;
  readonly queryName: string | undefined;
  readonly trigger:
    | { readonly case: "processingTimeInterval"; readonly value: string }
    | { readonly case: "availableNow"; readonly value: true }
    | { readonly case: "once"; readonly value: true }
    | { readonly case: "continuousCheckpointInterval"; readonly value: string }
    | undefined;
  readonly destination: { readonly case: "path"; readonly value: string } | { readonly case: "tableName"; readonly value: string } | undefined;
}

/** Starts a streaming write of `plan`; the server answers with the query's identity. */
export function startStream(handle: SessionHandle, plan: PlanNode, spec: StreamSpec, options: ExecOptions): Effect.Effect<QueryInstance, SparkConnectError> {
  const build = (e: Parameters<Parameters<typeof command>[1]>[0]): CommandInit => ({
    commandType: {
      case: "writeStreamOperationStart",
      value: {
        input: e.relation(plan),
        format: spec.format ?? "",
        options: { ...spec.options },
        partitioningColumnNames: [...spec.partitionBy],
        clusteringColumnNames: [...spec.clusterBy],
        outputMode: spec.outputMode ?? "",
        queryName: spec.queryName ?? "",
        trigger: spec.trigger === undefined ? { case: undefined } : { ...spec.trigger },
        sinkDestination: spec.destination === undefined ? { case: undefined } : { ...spec.destination },
      },
    },
  });
  return Effect.flatMap(command(handle, build, options), (responses) => {
    for (const res of responses) {
      if (res.responseType.case === "writeStreamOperationStartResult") {
        const r = res.responseType.value;
        if (r.queryId === undefined) break;
        // Present when the session listens to its bus: the started event is not sent on the bus.
        const announce = r.queryStartedEventJson === undefined ? Effect.void : Effect.asVoid(PubSub.publish(startedEvents(handle), { eventType: "started", eventJson: r.queryStartedEventJson }));
        return Effect.as(announce, { id: r.queryId.id, runId: r.queryId.runId, name: r.name === "" ? undefined : r.name });
      }
    }
    return Effect.fail(new ProtocolError({ message: "The server answered a streaming write without the started query (write_stream_operation_start_result)." }));
  });
}

/** The command of a query, as the protocol's oneof. */
export type QueryCommand = NonNullable<Extract<CommandInit["commandType"], { case: "streamingQueryCommand" }>["value"]>["command"];

/** Runs one command on a query and returns its result. */
export function queryCommand(handle: SessionHandle, query: QueryInstance, cmd: QueryCommand, options: ExecOptions): Effect.Effect<StreamingQueryCommandResult, SparkConnectError> {
  return Effect.flatMap(
    command(handle, () => ({ commandType: { case: "streamingQueryCommand", value: { queryId: { id: query.id, runId: query.runId }, command: cmd } } }), options),
    (responses) => {
      for (const res of responses) if (res.responseType.case === "streamingQueryCommandResult") return Effect.succeed(res.responseType.value);
      return Effect.fail(new ProtocolError({ message: "The server answered a streaming query command without its result (streaming_query_command_result)." }));
    },
  );
}

/** The command of the query manager, as the protocol's oneof. */
export type ManagerCommand = NonNullable<Extract<CommandInit["commandType"], { case: "streamingQueryManagerCommand" }>["value"]>["command"];

/** Runs one command on the session's streaming query manager and returns its result. */
export function managerCommand(handle: SessionHandle, cmd: ManagerCommand, options: ExecOptions): Effect.Effect<StreamingQueryManagerCommandResult, SparkConnectError> {
  return Effect.flatMap(command(handle, () => ({ commandType: { case: "streamingQueryManagerCommand", value: { command: cmd } } }), options), (responses) => {
    for (const res of responses) if (res.responseType.case === "streamingQueryManagerCommandResult") return Effect.succeed(res.responseType.value);
    return Effect.fail(new ProtocolError({ message: "The server answered a streaming query manager command without its result." }));
  });
}

/**
 * A listener event: the bus's (progress, idle, terminated), or "started", which the
 * server returns with the start command instead of sending it on the bus.
 */
export interface ListenerEvent {
  readonly eventType: StreamingQueryEventType | "started";
  readonly eventJson: string;
}

/** The shared listener-bus stream of each session (Spark keeps one bus listener per session). */
const shared = new WeakMap<SessionHandle, Stream.Stream<ListenerEvent, SparkConnectError>>();

/** Each session's started events, published by startStream for the readers of its events. */
const started = new WeakMap<SessionHandle, PubSub.PubSub<ListenerEvent>>();
function startedEvents(handle: SessionHandle): PubSub.PubSub<ListenerEvent> {
  let pubsub = started.get(handle);
  if (pubsub === undefined) {
    pubsub = Effect.runSync(PubSub.unbounded<ListenerEvent>());
    started.set(handle, pubsub);
  }
  return pubsub;
}

/** Fails with UnsupportedByServerError on a server without the listener bus (before Spark 4.0). */
export function requireListenerBus(handle: SessionHandle): Effect.Effect<void, SparkConnectError> {
  const f = FEATURES["spark.connect.Command.streaming_query_listener_bus_command"]!;
  return requireServer(handle.core.ctx, f.feature, f.since);
}

/**
 * The session's streaming query events (progress, idle, terminated), from the server's
 * listener bus: one long-running ExecutePlan that the server answers with events as they
 * happen; merged with the started events of the queries this client starts meanwhile. Spark keeps one bus listener per session, so every consumer of a session reads
 * one shared subscription: it starts with the first consumer, and when the last one
 * stops, the request ends and the bus listener is removed.
 */
export function listenerEvents(handle: SessionHandle): Stream.Stream<ListenerEvent, SparkConnectError> {
  const bus = (c: "addListenerBusListener" | "removeListenerBusListener") =>
    ({ commandType: { case: "streamingQueryListenerBusCommand", value: { command: { case: c, value: true } } } }) as const;
  const plan = encoded(handle, () => create(PlanSchema, { opType: { case: "command", value: bus("addListenerBusListener") } }));
  const fromBus = responses(handle, plan, {}).pipe(
    Stream.flatMap((res) =>
      res.responseType.case === "streamingQueryListenerEventsResult"
        ? Stream.fromIterable(res.responseType.value.events.map((e): ListenerEvent => ({ eventType: e.eventType, eventJson: e.eventJson })))
        : Stream.empty,
    ),
    Stream.ensuring(Effect.ignore(command(handle, () => bus("removeListenerBusListener"), {}))),
  );
  // The bus decides the end: the started events only ride along.
  const source = Stream.merge(fromBus, Stream.fromPubSub(startedEvents(handle)), { haltStrategy: "left" });
  return Stream.unwrap(
    Effect.suspend(() => {
      const known = shared.get(handle);
      if (known !== undefined) return Effect.succeed(known);
      // The share lives as long as the session; its upstream runs only while someone reads.
      return Effect.flatMap(Scope.make(), (scope) =>
        Effect.map(Scope.provide(Stream.share(source, { capacity: "unbounded" }), scope), (stream) => {
          shared.set(handle, stream);
          return stream;
        }),
      );
    }),
  );
}
