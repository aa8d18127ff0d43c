import * as Deferred from "effect/Deferred";
import * as Effect from "effect/Effect";
import * as Exit from "effect/Exit";
import type { Relation } from "../../../generated/spark/connect/relations_pb.js";
import { ProtocolError, type SparkConnectError } from "../../../runtime/errors.js";
import { SqlNode } from "../../plan/SqlNode.js";
import type { SessionHandle, SqlCommandState } from "../handle.js";
import { atCall } from "../run.js";
import { type ExecOptions, execOptions, operation, type OperationOptions } from "./action.js";
import { command } from "./execute.js";

/**
 * Sends a `spark.sql()` text as a SQL command (ExecutePlan with SqlCommand), as PySpark
 * does: the server runs a command (DDL, DML, SET, ...) at once and answers with a
 * relation holding its output; for a query it runs nothing and answers with the query's
 * relation. Either way the DataFrame stands on the relation the server answered with.
 */
function runSqlCommand(handle: SessionHandle, node: SqlNode, options: ExecOptions): Effect.Effect<Relation, SparkConnectError> {
  // The command carries the same text and parameters as a plain SQL relation.
  const plain = SqlNode.create(node.query, node.named, node.positional);
  return Effect.flatMap(
    command(handle, (e) => ({ commandType: { case: "sqlCommand", value: { input: e.relation(plain) } } }), options),
    (responses) => {
      for (const res of responses) {
        if (res.responseType.case === "sqlCommandResult" && res.responseType.value.relation !== undefined) {
          return Effect.succeed(res.responseType.value.relation);
        }
      }
      return Effect.fail(new ProtocolError({ message: "The server answered a SQL command without the relation of its result (sql_command_result)." }));
    },
  ).pipe(Effect.withSpan("spark.sqlCommand", { attributes: { "spark.session_id": handle.core.sessionId, "spark.sql": node.query.slice(0, 200) } }));
}

/**
 * Registers the SQL command of a `spark.sql()` DataFrame, synchronously, so that it is
 * sent once however many actions ask for it. Returns the effect that sends it when this
 * call registered it (undefined when it was registered before). The command waits for
 * the session's previous one, so commands issued in order run in order.
 */
export function registerSql(
  handle: SessionHandle,
  node: SqlNode,
  options: OperationOptions = {},
): { readonly state: SqlCommandState; readonly start?: Effect.Effect<void> } {
  const known = handle.sqlCommands.get(node);
  if (known !== undefined) return { state: known };
  const state: SqlCommandState = { done: Deferred.makeUnsafe<Relation, SparkConnectError>(), relation: undefined };
  const previous = handle.lastSqlCommand;
  handle.sqlCommands.set(node, state);
  handle.lastSqlCommand = state;
  const run = operation(
    "sql",
    Effect.flatMap(execOptions(options), (o) => runSqlCommand(handle, node, o)),
    options,
  );
  const send = previous === undefined ? run : Effect.andThen(Effect.exit(Deferred.await(previous.done)), run);
  const start = Effect.flatMap(Effect.exit(send), (exit) =>
    Effect.sync(() => {
      if (Exit.isSuccess(exit)) state.relation = exit.value;
      Deferred.doneUnsafe(state.done, exit);
      if (handle.lastSqlCommand === state) handle.lastSqlCommand = undefined;
    }),
  );
  return { state, start };
}

/** The relation a `spark.sql()` command answered with, sending the command if needed. */
export function sqlRelation(handle: SessionHandle, node: SqlNode, options?: OperationOptions): Effect.Effect<Relation, SparkConnectError> {
  return Effect.suspend(() => {
    const { state, start } = registerSql(handle, node, options);
    // The command runs in a fiber of its own: it goes to its end even if the action
    // that started it is stopped, since other DataFrames stand on its answer.
    const started = start === undefined ? Effect.void : Effect.asVoid(Effect.forkDetach(start));
    return Effect.andThen(started, Deferred.await(state.done));
  });
}

/** Starts the command of a `spark.sql()` DataFrame now, in the session's runtime (the Promise API). */
export function startSqlNow(handle: SessionHandle, node: SqlNode, options?: OperationOptions): void {
  const { state, start } = registerSql(handle, node, options);
  if (start === undefined) return;
  handle.runtime.runFork(atCall(handle, start)).addObserver((exit) => {
    // The runtime itself could not run it (its layer failed to build): fail the waiters.
    if (Exit.isFailure(exit)) Deferred.doneUnsafe(state.done, Effect.failCause(exit.cause));
  });
}
