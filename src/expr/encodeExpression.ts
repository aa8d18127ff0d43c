import { create, type MessageInitShape } from "@bufbuild/protobuf";
import {
  type Expression,
  type Expression_Literal,
  Expression_LiteralSchema,
  Expression_Cast_EvalMode,
  SubqueryExpression_SubqueryType,
  Expression_SortOrder_NullOrdering,
  Expression_SortOrder_SortDirection,
  type Expression_SortOrder,
  Expression_Window_WindowFrame_FrameType,
  type Expression_Window_WindowFrame_FrameBoundary,
  ExpressionSchema,
} from "../../generated/spark/connect/expressions_pb.js";
import { DataTypeSchema, DataType_NULLSchema } from "../../generated/spark/connect/types_pb.js";
import { InvalidPlanError } from "../../runtime/errors.js";
import { SparkTimestamp } from "../../runtime/arrow/SparkTimestamp.js";
import type { ExprNode } from "./ExprNode.js";
import type { LiteralValue } from "./LiteralNode.js";
import type { SortOrderNode } from "./SortOrderNode.js";
import type { FrameBoundary } from "./WindowNode.js";
import { type Nesting, nesting } from "../plan/nesting.js";
import type { PlanNode } from "../plan/PlanNode.js";
import { encodeDataType } from "./encodeDataType.js";
import type { FunctionCallNode } from "./FunctionCallNode.js";
import type { SubqueryType } from "./SubqueryNode.js";

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** What expression encoding needs from the plan encoder: the id of a referenced plan. */
export interface ExprContext {
  readonly planId: (plan: object) => bigint;
  /** The plan and expression nodes on the path being encoded, shared with the plan encoder. */
  readonly nesting?: Nesting;
  /**
   * Records that the relation being encoded reads `plan` in a subquery expression, and
   * gives the plan's id (the relation is then sent inside a WithRelations with `plan` as a
   * reference). Absent where no relation is being encoded.
   */
  readonly subquery?: (plan: PlanNode) => bigint;
}

const NO_PLANS: ExprContext = {
  planId: () => {
    throw new InvalidPlanError({ message: "A column tied to a DataFrame (df.col(...)) was used outside any plan." });
  },
};

const SUBQUERY_TYPES: Record<SubqueryType, SubqueryExpression_SubqueryType> = {
  scalar: SubqueryExpression_SubqueryType.SCALAR,
  exists: SubqueryExpression_SubqueryType.EXISTS,
  in: SubqueryExpression_SubqueryType.IN,
  table_arg: SubqueryExpression_SubqueryType.TABLE_ARG,
};

function subqueryExpression(node: FunctionCallNode, ctx: ExprContext): Expression {
  const s = node.subquery!;
  if (ctx.subquery === undefined) {
    throw new InvalidPlanError({
      message: "A subquery (df.scalar(), df.exists(), col.isin(df), df.asTable()) can only be used in a DataFrame operation such as select, filter or withColumn.",
    });
  }
  const planId = ctx.subquery(s.plan);
  const t = s.tableArg;
  return create(ExpressionSchema, {
    exprType: {
      case: "subqueryExpression",
      value: {
        planId,
        subqueryType: SUBQUERY_TYPES[s.type],
        ...(t !== undefined
          ? {
              tableArgOptions: {
                partitionSpec: t.partitionBy.map((p) => encodeExpression(p, ctx)),
                orderSpec: t.orderBy.map((o) => sortOrder(o, ctx)),
                ...(t.withSinglePartition !== undefined ? { withSinglePartition: t.withSinglePartition } : {}),
              },
            }
          : {}),
        inSubqueryValues: s.type === "in" ? node.args.map((a) => encodeExpression(a, ctx)) : [],
      },
    },
  });
}

/** Encodes a scalar JavaScript value as a Spark literal. */
export function encodeLiteral(value: Exclude<LiteralValue, readonly LiteralValue[]>): Expression_Literal {
  let literalType: Expression_Literal["literalType"];
  switch (typeof value) {
    case "boolean":
      literalType = { case: "boolean", value };
      break;
    case "string":
      literalType = { case: "string", value };
      break;
    case "bigint":
      if (value < -(2n ** 63n) || value >= 2n ** 63n) {
        throw new InvalidPlanError({
          message: `The literal ${value}n does not fit in a Spark LONG (64-bit); pass it as a decimal string instead.`,
        });
      }
      literalType = { case: "long", value };
      break;
    case "number":
      if (Object.is(value, -0) || !Number.isSafeInteger(value)) {
        literalType = { case: "double", value };
      } else if (value >= INT32_MIN && value <= INT32_MAX) {
        literalType = { case: "integer", value };
      } else {
        literalType = { case: "long", value: BigInt(value) };
      }
      break;
    default:
      if (value === null) {
        literalType = { case: "null", value: create(DataTypeSchema, { kind: { case: "null", value: create(DataType_NULLSchema) } }) };
      } else if (value instanceof SparkTimestamp) {
        literalType = { case: "timestamp", value: value.epochMicros };
      } else if (value instanceof Date) {
        const ms = value.getTime();
        if (Number.isNaN(ms)) throw new InvalidPlanError({ message: "Cannot send an invalid Date as a Spark literal." });
        literalType = { case: "timestamp", value: BigInt(ms) * 1000n };
      } else if (value instanceof Uint8Array) {
        literalType = { case: "binary", value };
      } else {
        throw new InvalidPlanError({
          message:
            `Cannot send a value of type ${typeof value} as a Spark literal; use null, a boolean, number, bigint, ` +
            `string, Date, Uint8Array or an array of those.`,
        });
      }
  }
  return create(Expression_LiteralSchema, { literalType });
}

function literal(value: LiteralValue, ctx: ExprContext): Expression {
  if (Array.isArray(value)) {
    const n = ctx.nesting!;
    n.enter();
    try {
      return create(ExpressionSchema, {
        exprType: {
          case: "unresolvedFunction",
          value: { functionName: "array", arguments: (value as readonly LiteralValue[]).map((v) => literal(v, ctx)) },
        },
      });
    } finally {
      n.leave();
    }
  }
  return create(ExpressionSchema, {
    exprType: { case: "literal", value: encodeLiteral(value as Exclude<LiteralValue, readonly LiteralValue[]>) },
  });
}

function sortOrder(node: SortOrderNode, ctx: ExprContext): Expression_SortOrder {
  return {
    $typeName: "spark.connect.Expression.SortOrder",
    child: encodeExpression(node.expr, ctx),
    direction: node.direction === "asc" ? Expression_SortOrder_SortDirection.ASCENDING : Expression_SortOrder_SortDirection.DESCENDING,
    nullOrdering:
      node.nulls === "first"
        ? Expression_SortOrder_NullOrdering.SORT_NULLS_FIRST
        : node.nulls === "last"
          ? Expression_SortOrder_NullOrdering.SORT_NULLS_LAST
          : node.direction === "asc"
            ? Expression_SortOrder_NullOrdering.SORT_NULLS_FIRST
            : Expression_SortOrder_NullOrdering.SORT_NULLS_LAST,
  };
}

function boundary(b: FrameBoundary, ctx: ExprContext): Expression_Window_WindowFrame_FrameBoundary {
  const value: Expression_Window_WindowFrame_FrameBoundary["boundary"] =
    b === "currentRow"
      ? { case: "currentRow", value: true }
      : b === "unbounded"
        ? { case: "unbounded", value: true }
        : { case: "value", value: encodeExpression(b, ctx) };
  return { $typeName: "spark.connect.Expression.Window.WindowFrame.FrameBoundary", boundary: value };
}

/**
 * Encodes an expression node to the protocol's Expression message. An expression nested
 * deeper than a Spark Connect server reads fails with InvalidPlanError (see nesting.ts).
 */
export function encodeExpression(node: ExprNode, ctx: ExprContext = NO_PLANS): Expression {
  if (ctx.nesting === undefined) {
    const own = { ...ctx, nesting: nesting() };
    return own.nesting.checked(ExpressionSchema, "The column expression", () => encodeExpression(node, own));
  }
  const n = ctx.nesting;
  n.enter();
  try {
    return encodeNode(node, ctx);
  } finally {
    n.leave();
  }
}

function encodeNode(node: ExprNode, ctx: ExprContext): Expression {
  const e = (exprType: MessageInitShape<typeof ExpressionSchema>["exprType"]) => create(ExpressionSchema, { exprType });
  switch (node.kind) {
    case "Literal":
      return literal(node.value, ctx);
    case "ColumnRef":
      if (node.as === "regex") {
        return e({ case: "unresolvedRegex", value: { colName: node.name, ...(node.plan ? { planId: ctx.planId(node.plan) } : {}) } });
      }
      return e({
        case: "unresolvedAttribute",
        value: {
          unparsedIdentifier: node.name,
          ...(node.plan ? { planId: ctx.planId(node.plan) } : {}),
          ...(node.as === "metadata" ? { isMetadataColumn: true } : {}),
        },
      });
    case "Star":
      return e({
        case: "unresolvedStar",
        value: {
          ...(node.target !== undefined ? { unparsedTarget: `${node.target}.*` } : {}),
          ...(node.plan ? { planId: ctx.planId(node.plan) } : {}),
        },
      });
    case "FunctionCall":
      if (node.subquery !== undefined) return subqueryExpression(node, ctx);
      return e({
        case: "unresolvedFunction",
        value: { functionName: node.name, arguments: node.args.map((a) => encodeExpression(a, ctx)), isDistinct: node.distinct },
      });
    case "Alias":
      return e({
        case: "alias",
        value: {
          expr: encodeExpression(node.expr, ctx),
          name: [...node.names],
          ...(node.metadata !== undefined ? { metadata: node.metadata } : {}),
        },
      });
    case "Cast":
      return e({
        case: "cast",
        value: {
          expr: encodeExpression(node.expr, ctx),
          castToType: node.dataType !== undefined ? { case: "type", value: encodeDataType(node.dataType) } : { case: "typeStr", value: node.type },
          evalMode: node.mode === "try" ? Expression_Cast_EvalMode.TRY : Expression_Cast_EvalMode.UNSPECIFIED,
        },
      });
    case "SortOrder":
      return e({ case: "sortOrder", value: sortOrder(node, ctx) });
    case "Window":
      return e({
        case: "window",
        value: {
          windowFunction: encodeExpression(node.fn, ctx),
          partitionSpec: node.partitionBy.map((p) => encodeExpression(p, ctx)),
          orderSpec: node.orderBy.map((o) => sortOrder(o, ctx)),
          ...(node.frame
            ? {
                frameSpec: {
                  frameType:
                    node.frame.type === "rows"
                      ? Expression_Window_WindowFrame_FrameType.ROW
                      : Expression_Window_WindowFrame_FrameType.RANGE,
                  lower: boundary(node.frame.lower, ctx),
                  upper: boundary(node.frame.upper, ctx),
                },
              }
            : {}),
        },
      });
    case "SqlExpr":
      return e({ case: "expressionString", value: { expression: node.sql } });
    case "Extract":
      return e({
        case: "unresolvedExtractValue",
        value: { child: encodeExpression(node.expr, ctx), extraction: encodeExpression(node.key, ctx) },
      });
    case "Lambda":
      return e({
        case: "lambdaFunction",
        value: {
          function: encodeExpression(node.body, ctx),
          arguments: node.params.map((p) => ({ nameParts: [p] })),
        },
      });
    case "LambdaVar":
      return e({ case: "unresolvedNamedLambdaVariable", value: { nameParts: [node.name] } });
    case "UpdateFields":
      return e({
        case: "updateFields",
        value: {
          structExpression: encodeExpression(node.struct, ctx),
          fieldName: node.field,
          ...(node.value ? { valueExpression: encodeExpression(node.value, ctx) } : {}),
        },
      });
  }
}
