import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { type Plan, PlanSchema } from "../../generated/spark/connect/base_pb.js";
import { type Expression, type Expression_Alias, type Expression_SortOrder, ExpressionSchema } from "../../generated/spark/connect/expressions_pb.js";
import {
  Aggregate_GroupType,
  Join_JoinType,
  type Relation,
  RelationSchema,
  SetOperation_SetOpType,
} from "../../generated/spark/connect/relations_pb.js";
import { encodeExpression, encodeLiteral, type ExprContext } from "../expr/encodeExpression.js";
import type { ExprNode } from "../expr/ExprNode.js";
import type { LiteralValue } from "../expr/LiteralNode.js";
import { InvalidPlanError } from "../../runtime/errors.js";
import { inlineIPC } from "../internal/localRelation.js";
import type { JoinType } from "./JoinNode.js";
import type { LocalRelationNode } from "./LocalRelationNode.js";
import { LimitNode } from "./LimitNode.js";
import { nesting } from "./nesting.js";
import type { PlanNode } from "./PlanNode.js";
import { SetOpNode } from "./SetOpNode.js";
import type { SqlNode } from "./SqlNode.js";
import { encodeDataType } from "../expr/encodeDataType.js";
import type { StatRequest } from "./StatRequest.js";

/** One relation's type and body, as the encoders build it. */
export type RelType = MessageInitShape<typeof RelationSchema>["relType"];

const JOIN_TYPES: Record<JoinType, Join_JoinType> = {
  inner: Join_JoinType.INNER,
  left: Join_JoinType.LEFT_OUTER,
  right: Join_JoinType.RIGHT_OUTER,
  full: Join_JoinType.FULL_OUTER,
  semi: Join_JoinType.LEFT_SEMI,
  anti: Join_JoinType.LEFT_ANTI,
  cross: Join_JoinType.CROSS,
};

const SET_OPS = { union: SetOperation_SetOpType.UNION, intersect: SetOperation_SetOpType.INTERSECT, except: SetOperation_SetOpType.EXCEPT };

const GROUP_TYPES = {
  groupBy: Aggregate_GroupType.GROUPBY,
  rollup: Aggregate_GroupType.ROLLUP,
  cube: Aggregate_GroupType.CUBE,
  pivot: Aggregate_GroupType.PIVOT,
  groupingSets: Aggregate_GroupType.GROUPING_SETS,
};

function scalar(v: LiteralValue) {
  if (Array.isArray(v)) throw new InvalidPlanError({ message: "Arrays are not accepted here; pass scalar values." });
  return encodeLiteral(v as Exclude<LiteralValue, readonly LiteralValue[]>);
}

/**
 * Plan ids: each plan node gets its own id the first time it is encoded or referenced,
 * kept for the node's lifetime. A DataFrame sent twice is the same plan to the server
 * (whose plan cache may then reuse its analysis, as PySpark's clients get), while two
 * DataFrames built alike are different plans: a re-read of a path after a write lists
 * the files again.
 */
const planIds = new WeakMap<object, bigint>();
let nextPlanId = 0n;

function planIdOf(plan: object): bigint {
  let id = planIds.get(plan);
  if (id === undefined) {
    id = nextPlanId++;
    planIds.set(plan, id);
  }
  return id;
}

/**
 * The ids of the WithRelations relations that wrap nodes using subqueries: the wrapper has
 * an id of its own (the node keeps its id inside it), kept for the node's lifetime.
 */
const withRelationKeys = new WeakMap<PlanNode, object>();

function withRelationsIdOf(node: PlanNode): bigint {
  let key = withRelationKeys.get(node);
  if (key === undefined) {
    key = {};
    withRelationKeys.set(node, key);
  }
  return planIdOf(key);
}

/**
 * The right sides of intersects and excepts by name, aligned to their left sides: made once
 * per node, so a DataFrame sent twice is the same plan, plan ids included.
 */
const alignedRights = new WeakMap<SetOpNode, PlanNode>();

/**
 * The right side of an intersect or except by name as rows in the left side's column
 * order: (left without rows) UNION ALL BY NAME (right). The protocol has no by-name
 * intersect or except; Spark's optimizer drops the empty side (OptimizeLimitZero,
 * PropagateEmptyRelation), which leaves a projection of the right side, and a name on
 * one side only fails as it does in a union by name.
 */
function alignedRight(node: SetOpNode): PlanNode {
  let right = alignedRights.get(node);
  if (right === undefined) {
    right = SetOpNode.create(LimitNode.create(node.left, 0), node.right, "union", true, true, false, node.method);
    alignedRights.set(node, right);
  }
  return right;
}

/** Encodes a plan tree; columns tied to a plan (df.col(...)) carry that plan's id. */
/** The relation a `spark.sql()` command answered with, once it has. */
export type SqlResolver = (node: SqlNode) => Relation | undefined;

/**
 * How the rows of a local relation go to the server (inline, or as cached artifacts),
 * once that is decided for the session.
 */
export type LocalResolver = (node: LocalRelationNode) => RelType | undefined;

class RelationEncoder implements ExprContext {
  readonly planId = planIdOf;
  /** `spark.sql()` relations met whose command has not answered yet (encoded as plain SQL meanwhile). */
  readonly pending: SqlNode[] = [];
  /** Local relations with rows met whose way to the server is not decided yet (encoded without rows meanwhile). */
  readonly pendingLocal: LocalRelationNode[] = [];
  /** The methods of the set operations met that match columns by name and need the same names on both sides. */
  readonly namesMatched = new Set<string>();
  /** The nodes on the path being encoded: a plan nested deeper than a server reads fails here (see nesting.ts). */
  readonly nesting = nesting();

  /**
   * For each relation being encoded (innermost last), the plans its own expressions read
   * in subqueries: they become the references of a WithRelations around it.
   */
  private readonly subqueryFrames: PlanNode[][] = [];

  readonly subquery = (plan: PlanNode): bigint => {
    const frame = this.subqueryFrames[this.subqueryFrames.length - 1];
    if (frame === undefined) {
      throw new InvalidPlanError({
        message: "A subquery (df.scalar(), df.exists(), col.isin(df), df.asTable()) can only be used in a DataFrame operation such as select, filter or withColumn.",
      });
    }
    if (!frame.includes(plan)) frame.push(plan);
    return this.planId(plan);
  };

  constructor(
    private readonly resolveSql?: SqlResolver,
    private readonly resolveLocal?: LocalResolver,
  ) {}

  private expr = (e: ExprNode) => encodeExpression(e, this);

  private sortOrder = (e: ExprNode): Expression_SortOrder => {
    const encoded = this.expr(e.kind === "SortOrder" ? e : { kind: "SortOrder", expr: e, direction: "asc", nulls: undefined });
    return encoded.exprType.value as Expression_SortOrder;
  };

  private stat(input: Relation, s: StatRequest): RelType {
    switch (s.type) {
      case "describe":
        return { case: "describe", value: { input, cols: [...s.columns] } };
      case "summary":
        return { case: "summary", value: { input, statistics: [...s.statistics] } };
      case "crosstab":
        return { case: "crosstab", value: { input, col1: s.col1, col2: s.col2 } };
      case "cov":
        return { case: "cov", value: { input, col1: s.col1, col2: s.col2 } };
      case "corr":
        return { case: "corr", value: { input, col1: s.col1, col2: s.col2, method: "pearson" } };
      case "approxQuantile":
        return {
          case: "approxQuantile",
          value: { input, cols: [...s.columns], probabilities: [...s.probabilities], relativeError: s.relativeError },
        };
      case "freqItems":
        return { case: "freqItems", value: { input, cols: [...s.columns], ...(s.support !== undefined ? { support: s.support } : {}) } };
      case "sampleBy":
        return {
          case: "sampleBy",
          value: {
            input,
            col: this.expr({ kind: "ColumnRef", name: s.column, plan: undefined }),
            fractions: s.fractions.map(([stratum, fraction]) => ({ stratum: scalar(stratum), fraction })),
            seed: s.seed,
          },
        };
    }
  }

  private relType(node: PlanNode): RelType {
    switch (node.kind) {
      case "Sql": {
        const resolved = node.command && this.resolveSql ? this.resolveSql(node) : undefined;
        if (resolved !== undefined) return resolved.relType;
        if (node.command && this.resolveSql) this.pending.push(node);
        return {
          case: "sql",
          value: {
            query: node.query,
            namedArguments: Object.fromEntries(Object.entries(node.named).map(([k, v]) => [k, this.expr(v)])),
            posArguments: node.positional.map(this.expr),
          },
        };
      }
      case "Range":
        return {
          case: "range",
          value: {
            start: node.start,
            end: node.end,
            step: node.step,
            ...(node.numPartitions !== undefined ? { numPartitions: node.numPartitions } : {}),
          },
        };
      case "Read":
        return {
          case: "read",
          value: {
            isStreaming: node.streaming,
            readType:
              node.source.type === "table"
                ? { case: "namedTable", value: { unparsedIdentifier: node.source.name, options: { ...node.options } } }
                : {
                    case: "dataSource",
                    value: {
                      ...(node.source.format !== undefined ? { format: node.source.format } : {}),
                      ...(node.source.schema !== undefined ? { schema: node.source.schema } : {}),
                      options: { ...node.options },
                      paths: [...node.source.paths],
                    },
                  },
          },
        };
      case "LocalRelation": {
        const schema = node.schema !== undefined ? { schema: node.schema } : {};
        if (node.table === undefined) return { case: "localRelation", value: schema };
        if (this.resolveLocal) {
          const sent = this.resolveLocal(node);
          if (sent !== undefined) return sent;
          this.pendingLocal.push(node);
          return { case: "localRelation", value: schema };
        }
        return { case: "localRelation", value: { data: inlineIPC(node.table, "the plan was encoded without a session to upload it to"), ...schema } };
      }
      case "Project":
        return { case: "project", value: { input: this.rel(node.input), expressions: node.exprs.map(this.expr) } };
      case "CollectMetrics":
        return { case: "collectMetrics", value: { input: this.rel(node.input), name: node.name, metrics: node.metrics.map(this.expr) } };
      case "Filter":
        return { case: "filter", value: { input: this.rel(node.input), condition: this.expr(node.condition) } };
      case "Join":
        return {
          case: "join",
          value: {
            left: this.rel(node.left),
            right: this.rel(node.right),
            joinType: JOIN_TYPES[node.how],
            usingColumns: [...node.using],
            ...(node.condition ? { joinCondition: this.expr(node.condition) } : {}),
          },
        };
      case "SetOp": {
        if (node.byName && !node.allowMissingColumns) this.namesMatched.add(node.method);
        const union = node.op === "union";
        return {
          case: "setOp",
          value: {
            leftInput: this.rel(node.left),
            rightInput: this.rel(node.byName && !union ? alignedRight(node) : node.right),
            setOpType: SET_OPS[node.op],
            isAll: node.all,
            byName: union && node.byName,
            allowMissingColumns: union && node.allowMissingColumns,
          },
        };
      }
      case "Sort":
        return { case: "sort", value: { input: this.rel(node.input), order: node.orders.map(this.sortOrder), isGlobal: node.global } };
      case "Limit":
        return { case: "limit", value: { input: this.rel(node.input), limit: node.limit } };
      case "Offset":
        return { case: "offset", value: { input: this.rel(node.input), offset: node.offset } };
      case "Tail":
        return { case: "tail", value: { input: this.rel(node.input), limit: node.limit } };
      case "Aggregate": {
        const g = node.grouping;
        return {
          case: "aggregate",
          value: {
            input: this.rel(node.input),
            groupType: GROUP_TYPES[g.type],
            groupingExpressions: node.groupBy.map(this.expr),
            aggregateExpressions: node.aggregates.map(this.expr),
            ...(g.type === "pivot"
              ? { pivot: { col: this.expr(g.column), values: (g.values ?? []).map(scalar) } }
              : {}),
            ...(g.type === "groupingSets" ? { groupingSets: g.sets.map((set) => ({ groupingSet: set.map(this.expr) })) } : {}),
          },
        };
      }
      case "Deduplicate":
        return {
          case: "deduplicate",
          value: {
            input: this.rel(node.input),
            ...(node.columns === undefined ? { allColumnsAsKeys: true } : { columnNames: [...node.columns] }),
            ...(node.withinWatermark ? { withinWatermark: true } : {}),
          },
        };
      case "Sample":
        return {
          case: "sample",
          value: {
            input: this.rel(node.input),
            lowerBound: node.lower,
            upperBound: node.upper,
            withReplacement: node.withReplacement,
            seed: node.seed,
            deterministicOrder: node.deterministicOrder,
          },
        };
      case "SubqueryAlias":
        return { case: "subqueryAlias", value: { input: this.rel(node.input), alias: node.alias } };
      case "Repartition":
        return { case: "repartition", value: { input: this.rel(node.input), numPartitions: node.partitions, shuffle: node.shuffle } };
      case "RepartitionByExpression":
        return {
          case: "repartitionByExpression",
          value: {
            input: this.rel(node.input),
            partitionExprs: node.byId
              ? node.exprs.map((e) => create(ExpressionSchema, { exprType: { case: "directShufflePartitionId", value: { child: this.expr(e) } } }))
              : node.exprs.map(this.expr),
            ...(node.partitions !== undefined ? { numPartitions: node.partitions } : {}),
          },
        };
      case "ToDF":
        return { case: "toDf", value: { input: this.rel(node.input), columnNames: [...node.names] } };
      case "Rename":
        return {
          case: "withColumnsRenamed",
          value: { input: this.rel(node.input), renames: node.renames.map(([colName, newColName]) => ({ colName, newColName })) },
        };
      case "ShowString":
        return {
          case: "showString",
          value: { input: this.rel(node.input), numRows: node.rows, truncate: node.truncate, vertical: node.vertical },
        };
      case "Drop":
        return {
          case: "drop",
          value: { input: this.rel(node.input), columns: node.columns.map(this.expr), columnNames: [...node.names] },
        };
      case "WithColumns":
        return {
          case: "withColumns",
          value: {
            input: this.rel(node.input),
            aliases: node.columns.map((a) => this.expr(a).exprType.value as Expression_Alias),
          },
        };
      case "Hint":
        return { case: "hint", value: { input: this.rel(node.input), name: node.name, parameters: node.params.map(this.expr) } };
      case "Unpivot":
        return {
          case: "unpivot",
          value: {
            input: this.rel(node.input),
            ids: node.ids.map(this.expr),
            ...(node.values !== undefined ? { values: { values: node.values.map(this.expr) } } : {}),
            variableColumnName: node.variableColumn,
            valueColumnName: node.valueColumn,
          },
        };
      case "WithWatermark":
        return {
          case: "withWatermark",
          value: { input: this.rel(node.input), eventTime: node.eventTime, delayThreshold: node.delay },
        };
      case "NAFill":
        // Spark fills with a long, a double, a string or a boolean only: whole numbers go as
        // longs, as PySpark sends a Python int (an INT literal is refused on the server).
        return {
          case: "fillNa",
          value: { input: this.rel(node.input), cols: [...node.columns], values: node.values.map((v) => scalar(typeof v === "number" && Number.isSafeInteger(v) ? BigInt(v) : v)) },
        };
      case "NADrop":
        return {
          case: "dropNa",
          value: {
            input: this.rel(node.input),
            cols: [...node.columns],
            ...(node.minNonNulls !== undefined ? { minNonNulls: node.minNonNulls } : {}),
          },
        };
      case "NAReplace":
        return {
          case: "replace",
          value: {
            input: this.rel(node.input),
            cols: [...node.columns],
            replacements: node.replacements.map(([oldValue, newValue]) => ({ oldValue: scalar(oldValue), newValue: scalar(newValue) })),
          },
        };
      case "Stat":
        return this.stat(this.rel(node.input), node.stat);
      case "Transpose":
        return { case: "transpose", value: { input: this.rel(node.input), indexColumns: node.indexColumns.map(this.expr) } };
      case "ToSchema":
        return { case: "toSchema", value: { input: this.rel(node.input), schema: encodeDataType(node.schema) } };
      case "LateralJoin":
        return {
          case: "lateralJoin",
          value: {
            left: this.rel(node.left),
            right: this.rel(node.right),
            joinType: JOIN_TYPES[node.how],
            ...(node.condition ? { joinCondition: this.expr(node.condition) } : {}),
          },
        };
      case "TableValuedFunction":
        return { case: "unresolvedTableValuedFunction", value: { functionName: node.name, arguments: node.args.map(this.expr) } };
      case "CachedRemoteRelation":
        return { case: "cachedRemoteRelation", value: { relationId: node.relationId } };
    }
  }

  private rel(node: PlanNode): Relation {
    this.nesting.enter();
    this.subqueryFrames.push([]);
    let references: PlanNode[];
    let root: Relation;
    try {
      root = create(RelationSchema, { common: { planId: this.planId(node) }, relType: this.relType(node) });
    } finally {
      references = this.subqueryFrames.pop()!;
      this.nesting.leave();
    }
    if (references.length === 0) return root;
    // The node reads other plans in subqueries: it goes inside a WithRelations listing
    // them, as PySpark Connect sends it, and the subquery expressions refer to them by id.
    this.nesting.enter();
    try {
      return create(RelationSchema, {
        common: { planId: withRelationsIdOf(node) },
        relType: { case: "withRelations", value: { root, references: references.map((r) => this.rel(r)) } },
      });
    } finally {
      this.nesting.leave();
    }
  }

  /** A plan's root relation; fails with InvalidPlanError when it nests deeper than a server reads. */
  relation(node: PlanNode): Relation {
    return this.nesting.checked(RelationSchema, "The plan", () => this.rel(node));
  }

  /** An expression over the plans encoded (a write's condition or partitioning), checked as `relation` is. */
  expression(e: ExprNode): Expression {
    return this.nesting.checked(ExpressionSchema, "The column expression", () => encodeExpression(e, this));
  }
}

/** An encoder of relations and expressions over them that resolves `spark.sql()` relations. */
export interface PlanEncoder {
  relation(node: PlanNode): Relation;
  expression(expr: ExprNode): Expression;
  /** The `spark.sql()` relations that could not be resolved yet. */
  readonly pending: readonly SqlNode[];
  /** The local relations with rows whose way to the server is not decided yet. */
  readonly pendingLocal: readonly LocalRelationNode[];
  /** The methods of the set operations encoded that match columns by name (for the hint of a failure about names). */
  readonly namesMatched: ReadonlySet<string>;
}

/**
 * A fresh encoder; `resolveSql` gives the answer of each `spark.sql()` command,
 * `resolveLocal` how each local relation's rows are sent.
 */
export function planEncoder(resolveSql?: SqlResolver, resolveLocal?: LocalResolver): PlanEncoder {
  const encoder = new RelationEncoder(resolveSql, resolveLocal);
  return {
    relation: (node) => encoder.relation(node),
    expression: (e) => encoder.expression(e),
    pending: encoder.pending,
    pendingLocal: encoder.pendingLocal,
    namesMatched: encoder.namesMatched,
  };
}

/** Encodes a plan tree as the protocol's Relation. */
export function encodeRelation(node: PlanNode): Relation {
  return new RelationEncoder().relation(node);
}

/** Encodes a plan tree and expressions over it (a write's condition or partitioning). */
export function encodeRelationWith(node: PlanNode, exprs: readonly ExprNode[]): { relation: Relation; exprs: Expression[] } {
  const encoder = new RelationEncoder();
  const relation = encoder.relation(node);
  return { relation, exprs: exprs.map((e) => encoder.expression(e)) };
}

/** Wraps a plan tree as a root Plan, ready for ExecutePlan or AnalyzePlan. */
export function encodePlan(node: PlanNode): Plan {
  return create(PlanSchema, { opType: { case: "root", value: encodeRelation(node) } });
}
