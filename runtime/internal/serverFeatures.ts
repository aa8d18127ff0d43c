// Which parts of the protocol need which Spark Connect server, and what the client sends
// an older server instead. The client speaks Spark 4.1's protocol. A server ignores the
// fields it does not know, so a plan that uses a newer field would run on an older
// server with that part silently dropped (a TRY cast run as a plain cast, a DataFrame's
// star run as every side's star) or fail with an error that names nothing the user wrote.
// Before a plan goes out, it is read against FEATURES: when it uses a newer part, the
// server's version is asked once per session; where the older protocol has an
// equivalent (SQL parameters that are literal values, renames) the plan is rewritten
// into it; otherwise the call fails before the round trip with UnsupportedByServerError
// naming the feature and both versions. A plan without newer parts costs no round trip.
//
// The table was made by comparing the protocol descriptors pyspark 3.5.9, 4.0.5 and 4.1.1
// carry (scripts/compat.ts provisions them); docs/compatibility.md lists it.
import { clone, type DescMessage, type MessageShape } from "@bufbuild/protobuf";
import { isReflectList, isReflectMap, isReflectMessage, type ReflectMessage, reflect } from "@bufbuild/protobuf/reflect";
import * as Effect from "effect/Effect";
import type { Expression_Literal } from "../../generated/spark/connect/expressions_pb.js";
import type { SQL, WithColumnsRenamed } from "../../generated/spark/connect/relations_pb.js";
import type { SqlCommand } from "../../generated/spark/connect/commands_pb.js";
import type { CallContext } from "../CallContext.js";
import { type SparkConnectError, TransportError, UnsupportedByServerError } from "../errors.js";
import { methods } from "./rpc.js";

/** A part of the protocol and the first Spark version whose server knows it. */
export interface ServerFeature {
  /** The first Spark version that has it ("4.0"). */
  readonly since: string;
  /** What the user wrote that needs it, as the error names it. */
  readonly feature: string;
}

const v40 = (feature: string): ServerFeature => ({ since: "4.0", feature });
const v41 = (feature: string): ServerFeature => ({ since: "4.1", feature });

/**
 * Protocol fields newer than Spark 3.5, by `<message type>.<field>`; a field counts when
 * it is set (a oneof case chosen, a non-default value, a non-empty list or map).
 */
export const FEATURES: Readonly<Record<string, ServerFeature>> = {
  // Spark 4.0
  "spark.connect.Relation.as_of_join": v40("an as-of join"),
  "spark.connect.Relation.lateral_join": v40("`lateralJoin`"),
  "spark.connect.Relation.transpose": v40("`transpose`"),
  "spark.connect.Relation.unresolved_table_valued_function": v40("table-valued functions (`spark.tvf`)"),
  "spark.connect.Relation.with_relations": v40("subqueries (`scalar`, `exists`)"),
  "spark.connect.Relation.common_inline_user_defined_data_source": v40("user-defined data sources"),
  "spark.connect.Relation.ml_relation": v40("ML relations"),
  "spark.connect.Aggregate.grouping_sets": v40("`groupingSets`"),
  "spark.connect.Expression.Cast.eval_mode": v40("`tryCast` (a cast with an evaluation mode)"),
  "spark.connect.Expression.UnresolvedStar.plan_id": v40("one DataFrame's star (`df.col(\"*\")`)"),
  "spark.connect.Expression.UnresolvedAttribute.is_metadata_column": v40("`metadataColumn`"),
  "spark.connect.Expression.UnresolvedFunction.is_internal": v40("internal functions"),
  "spark.connect.Expression.merge_action": v40("`mergeInto`"),
  "spark.connect.Expression.named_argument_expression": v40("named function arguments"),
  "spark.connect.Expression.subquery_expression": v40("subquery expressions"),
  "spark.connect.Expression.typed_aggregate_expression": v40("typed aggregates"),
  "spark.connect.Expression.Literal.specialized_array": v40("specialized array literals"),
  "spark.connect.CommonInlineUserDefinedFunction.is_distinct": v40("DISTINCT user-defined aggregates"),
  "spark.connect.DataType.String.collation": v40("collated string types"),
  "spark.connect.DataType.variant": v40("the VARIANT type"),
  "spark.connect.WriteOperation.clustering_columns": v40("`clusterBy` on a writer"),
  "spark.connect.WriteOperationV2.clustering_columns": v40("`clusterBy` on a writer"),
  "spark.connect.WriteStreamOperationStart.clustering_column_names": v40("`clusterBy` on a stream writer"),
  "spark.connect.SQL.named_arguments": v40("a SQL parameter that is an expression, not a literal value,"),
  "spark.connect.SQL.pos_arguments": v40("a SQL parameter that is an expression, not a literal value,"),
  "spark.connect.SqlCommand.input": v40("a SQL command over a relation"),
  "spark.connect.SqlCommand.named_arguments": v40("a SQL parameter that is an expression, not a literal value,"),
  "spark.connect.SqlCommand.pos_arguments": v40("a SQL parameter that is an expression, not a literal value,"),
  "spark.connect.WithColumnsRenamed.renames": v40("renaming one column twice in one `withColumnsRenamed`"),
  "spark.connect.Command.checkpoint_command": v40("`checkpoint` / `localCheckpoint`"),
  "spark.connect.Command.merge_into_table_command": v40("`mergeInto`"),
  "spark.connect.Command.execute_external_command": v40("external commands"),
  "spark.connect.Command.register_data_source": v40("registering a data source"),
  "spark.connect.Command.remove_cached_remote_relation_command": v40("removing a cached remote relation"),
  "spark.connect.Command.streaming_query_listener_bus_command": v40("streaming query listeners (`spark.streams.addListener`, `spark.streams.events`)"),
  "spark.connect.Command.create_resource_profile_command": v40("resource profiles"),
  "spark.connect.Command.ml_command": v40("ML commands"),
  // Spark 4.1
  "spark.connect.DataType.time": v41("the TIME type"),
  "spark.connect.Expression.Literal.time": v41("TIME literals"),
  "spark.connect.DataType.geography": v41("the GEOGRAPHY type"),
  "spark.connect.DataType.geometry": v41("the GEOMETRY type"),
  "spark.connect.Expression.Literal.data_type": v41("typed literals"),
  "spark.connect.Expression.direct_shuffle_partition_id": v41("`repartitionById`"),
  "spark.connect.SubqueryExpression.in_subquery_values": v41("`isin` over a subquery"),
  // Relation.chunked_cached_local_relation (4.1) is not listed: createDataFrame chooses it
  // only when the server has the chunk settings, which only 4.1 and later have.
  "spark.connect.Plan.compressed_operation": v41("compressed plans"),
  "spark.connect.Command.pipeline_command": v41("declarative pipelines"),
  "spark.connect.GroupMap.transform_with_state_info": v41("`transformWithState`"),
};

/** RPCs newer than Spark 3.5. */
export const RPC_SINCE: Readonly<Record<string, string>> = { FetchErrorDetails: "4.0", ReleaseSession: "4.0", CloneSession: "4.1" };

/** `a` is older than `b`, as dotted versions ("3.5.9" < "4.0"; "4.1.0-preview1" counts as 4.1.0). */
export function olderThan(a: string, b: string): boolean {
  const pa = a.split(/[.-]/).map((x) => Number.parseInt(x, 10));
  const pb = b.split(/[.-]/).map((x) => Number.parseInt(x, 10));
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = Number.isNaN(pa[i] ?? 0) ? 0 : (pa[i] ?? 0);
    const y = Number.isNaN(pb[i] ?? 0) ? 0 : (pb[i] ?? 0);
    if (x !== y) return x < y;
  }
  return false;
}

/** A newer part found in a message, and the message holding it (for rewrites). */
interface Use {
  readonly key: string;
  readonly holder: ReflectMessage;
}

/** Every field of FEATURES set in `message`, depth first. */
export function featuresUsed<D extends DescMessage>(schema: D, message: MessageShape<D>): Use[] {
  const uses: Use[] = [];
  const visit = (r: ReflectMessage) => {
    const typeName = r.desc.typeName;
    for (const f of r.fields) {
      if (!r.isSet(f)) continue;
      const key = `${typeName}.${f.name}`;
      if (FEATURES[key] !== undefined) uses.push({ key, holder: r });
      if (f.fieldKind === "message") {
        const v = r.get(f);
        if (isReflectMessage(v)) visit(v);
      } else if (f.fieldKind === "list" && f.listKind === "message") {
        const l = r.get(f);
        if (isReflectList(l)) for (const item of l) if (isReflectMessage(item)) visit(item);
      } else if (f.fieldKind === "map" && f.mapKind === "message") {
        const m = r.get(f);
        if (isReflectMap(m)) for (const [, item] of m) if (isReflectMessage(item)) visit(item);
      }
    }
  };
  visit(reflect(schema, message));
  return uses;
}

/** The literal of an expression that is one, else undefined. */
function literalOf(e: { exprType: { case: string | undefined; value?: unknown } }): Expression_Literal | undefined {
  return e.exprType.case === "literal" ? (e.exprType.value as Expression_Literal) : undefined;
}

/**
 * Moves expression parameters that are all literals into the pre-4.0 literal fields
 * (`args`, `pos_args`), which every server reads; leaves them where they are otherwise.
 */
function literalParameters(m: SQL | SqlCommand): void {
  const named = Object.entries(m.namedArguments).map(([k, e]) => [k, literalOf(e)] as const);
  const positional = m.posArguments.map(literalOf);
  if (named.some(([, l]) => l === undefined) || positional.some((l) => l === undefined)) return;
  for (const [k, l] of named) m.args[k] = l!;
  m.posArgs.push(...positional.map((l) => l!));
  m.namedArguments = {};
  m.posArguments = [];
}

/** Rewrites the uses that Spark 3.5's protocol can say another way; the others stay. */
function downgradeTo35(uses: readonly Use[]): void {
  for (const { key, holder } of uses) {
    const m = holder.message as unknown;
    if (key === "spark.connect.SQL.named_arguments" || key === "spark.connect.SQL.pos_arguments") {
      literalParameters(m as SQL);
    } else if (key === "spark.connect.SqlCommand.input") {
      // spark.sql(query, args) as a command: 3.5 takes the query and literal parameters directly.
      const c = m as SqlCommand;
      if (c.input?.relType.case !== "sql") continue;
      const sql = c.input.relType.value;
      literalParameters(sql);
      if (Object.keys(sql.namedArguments).length > 0 || sql.posArguments.length > 0) continue;
      c.sql = sql.query;
      c.args = { ...sql.args };
      c.posArgs = [...sql.posArgs];
      c.input = undefined;
    } else if (key === "spark.connect.WithColumnsRenamed.renames") {
      const w = m as WithColumnsRenamed;
      const names = w.renames.map((r) => r.colName);
      if (new Set(names).size !== names.length) continue; // a column renamed twice has no map form
      w.renameColumnsMap = Object.fromEntries(w.renames.map((r) => [r.colName, r.newColName]));
      w.renames = [];
    }
  }
}

/**
 * The server's Spark version, asked once per session (AnalyzePlan SparkVersion, with the
 * session's retries); undefined when the server answers without one.
 */
export function serverVersion(ctx: CallContext): Effect.Effect<string | undefined, SparkConnectError> {
  return Effect.suspend(() => {
    const known = ctx.serverVersion();
    if (known !== undefined) return Effect.succeed(known);
    return ctx.call(methods.analyzePlan, { analyze: { case: "sparkVersion", value: {} } }).pipe(
      Effect.map((res) => (res.result.case === "sparkVersion" ? res.result.value.version : undefined)),
      Effect.tap((v) => Effect.sync(() => v !== undefined && ctx.rememberServerVersion(v))),
      // A server that cannot say (it answers, but not this) is taken as current; only a
      // failure to reach it fails the operation, as the operation itself would.
      Effect.catch((e) => (e instanceof TransportError ? Effect.fail(e) : Effect.succeed(undefined))),
    );
  });
}

/** The error for `feature` on a server of `version`. */
export function unsupported(feature: string, since: string, version: string): UnsupportedByServerError {
  return new UnsupportedByServerError({
    message: `${feature} needs Spark ≥ ${since}; this server is ${version}. Upgrade the server or leave the feature out.`,
    serverVersion: version,
    feature,
  });
}

/** Fails with UnsupportedByServerError when the session's server is older than `since`. */
export function requireServer(ctx: CallContext, feature: string, since: string): Effect.Effect<void, SparkConnectError> {
  return Effect.flatMap(serverVersion(ctx), (v) => (v !== undefined && olderThan(v, since) ? Effect.fail(unsupported(feature, since, v)) : Effect.void));
}

/**
 * The message as this session's server understands it: unchanged when it uses nothing
 * newer than Spark 3.5 or the server is new enough; rewritten into the older protocol
 * where it has an equivalent; else UnsupportedByServerError naming every feature missing.
 */
export function adaptToServer<D extends DescMessage>(ctx: CallContext, schema: D, message: MessageShape<D>): Effect.Effect<MessageShape<D>, SparkConnectError> {
  return Effect.suspend(() => {
    const uses = featuresUsed(schema, message);
    if (uses.length === 0) return Effect.succeed(message);
    return Effect.flatMap(serverVersion(ctx), (version) => {
      if (version === undefined) return Effect.succeed(message);
      const missing = (u: readonly Use[]) => u.filter((x) => olderThan(version, FEATURES[x.key]!.since));
      if (missing(uses).length === 0) return Effect.succeed(message);
      let sent = message;
      if (olderThan(version, "4.0")) {
        sent = clone(schema, message);
        downgradeTo35(featuresUsed(schema, sent));
      }
      const left = missing(featuresUsed(schema, sent));
      if (left.length === 0) return Effect.succeed(sent);
      const byFeature = new Map<string, string>();
      for (const u of left) byFeature.set(FEATURES[u.key]!.feature, FEATURES[u.key]!.since);
      const names = [...byFeature.keys()];
      const since = [...byFeature.values()].sort((a, b) => (olderThan(a, b) ? 1 : -1))[0]!;
      return Effect.fail(unsupported(names.join(", "), since, version));
    });
  });
}
