import type * as Deferred from "effect/Deferred";
import * as Layer from "effect/Layer";
import * as ManagedRuntime from "effect/ManagedRuntime";
import type { Relation } from "../../generated/spark/connect/relations_pb.js";
import type { RowOptions } from "../../runtime/arrow/rows.js";
import type { SparkConnectError } from "../../runtime/errors.js";
import type { Session } from "../../runtime/Session.js";
import type { SqlNode } from "../plan/SqlNode.js";
import type { LocalRelationNode } from "../plan/LocalRelationNode.js";
import type { LocalRelationState } from "./ops/localRelations.js";
import type { Observation } from "../Observation.js";
import { DEFAULT_LIMITS, type ResultLimits, type ResultLimitSettings } from "../ResultLimits.js";

/** What a DataFrame and the objects around it hold of their session. */
export interface SessionHandle {
  /** The protocol-level session (channel, retries, reattach). */
  readonly core: Session;
  /** Runs the Promise API's effects, with the services of the user's layer. */
  readonly runtime: ManagedRuntime.ManagedRuntime<never, never>;
  /** Row conversion defaults of this session. */
  readonly rows: RowOptions;
  /** Guardrails of this session, defaults filled in. */
  readonly limits: { readonly collect: Required<ResultLimits>; readonly toArrow: Required<ResultLimits> };
  /**
   * SQL commands sent for `spark.sql()` DataFrames: the relation the server answered with,
   * as a fiber that every action over the DataFrame joins (so the command runs once).
   */
  readonly sqlCommands: WeakMap<SqlNode, SqlCommandState>;
  /**
   * How the rows of this session's createDataFrame DataFrames went to the server (inline,
   * or uploaded as artifacts): decided at a DataFrame's first request, then reused.
   */
  readonly localRelations: WeakMap<LocalRelationNode, LocalRelationState>;
  /**
   * The Observations of this session's DataFrames, by name (see DataFrame.observe), held
   * weakly so a long session does not keep every Observation it ever saw.
   */
  readonly observations: Map<string, WeakRef<Observation>>;
  /** The newest SQL command started: the next one waits for it, so commands run in order. */
  lastSqlCommand: SqlCommandState | undefined;
}

/** The SQL command of one `spark.sql()` DataFrame: done once the server answered. */
export interface SqlCommandState {
  readonly done: Deferred.Deferred<Relation, SparkConnectError>;
  relation: Relation | undefined;
}

/** A handle for a session, with the services of `layer` for the Promise API. */
export function makeHandle(
  core: Session,
  options: { readonly layer?: Layer.Layer<never> | undefined; readonly rows?: RowOptions | undefined; readonly limits?: ResultLimitSettings | undefined },
): SessionHandle {
  return {
    // What util.inspect shows of any object holding the handle: never the channel or its headers.
    [Symbol.for("nodejs.util.inspect.custom")]: () => `SessionHandle { sessionId: '${core.sessionId}' }`,
    core,
    runtime: ManagedRuntime.make(options.layer ?? Layer.empty),
    rows: options.rows ?? {},
    limits: {
      collect: { ...DEFAULT_LIMITS.collect, ...options.limits?.collect },
      toArrow: { ...DEFAULT_LIMITS.toArrow, ...options.limits?.toArrow },
    },
    sqlCommands: new WeakMap(),
    localRelations: new WeakMap(),
    observations: new Map(),
    lastSqlCommand: undefined,
  };
}

/** The SparkSession object of each handle (one each), for DataFrame.sparkSession. */
const owners = new WeakMap<SessionHandle, object>();

/** Records the SparkSession a handle belongs to. */
export function setOwner(handle: SessionHandle, session: object): void {
  owners.set(handle, session);
}

/** The SparkSession a handle belongs to. */
export function ownerOf(handle: SessionHandle): object | undefined {
  return owners.get(handle);
}
