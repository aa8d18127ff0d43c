import { create } from "@bufbuild/protobuf";
import {
  type Expression,
  type Expression_Literal,
  Expression_LiteralSchema,
  ExpressionSchema,
} from "../../generated/spark/connect/expressions_pb.js";
import { DataTypeSchema, DataType_NULLSchema } from "../../generated/spark/connect/types_pb.js";
import { InvalidPlanError } from "../../runtime/errors.js";
import type { ExprNode } from "./ExprNode.js";
import type { LiteralValue } from "./LiteralNode.js";

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** Encodes a JavaScript value as a Spark literal. */
export function encodeLiteral(value: LiteralValue): Expression_Literal {
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
        break;
      }
      throw new InvalidPlanError({
        message: `Cannot send a value of type ${typeof value} as a Spark literal; use null, a boolean, number, bigint or string.`,
      });
  }
  return create(Expression_LiteralSchema, { literalType });
}

/** Encodes an expression node to the protocol's Expression message. */
export function encodeExpression(node: ExprNode): Expression {
  switch (node.kind) {
    case "Literal":
      return create(ExpressionSchema, { exprType: { case: "literal", value: encodeLiteral(node.value) } });
    case "ColumnRef":
      return create(ExpressionSchema, {
        exprType: { case: "unresolvedAttribute", value: { unparsedIdentifier: node.name } },
      });
    case "FunctionCall":
      return create(ExpressionSchema, {
        exprType: {
          case: "unresolvedFunction",
          value: { functionName: node.name, arguments: node.args.map(encodeExpression), isDistinct: node.distinct },
        },
      });
    case "Alias":
      return create(ExpressionSchema, {
        exprType: { case: "alias", value: { expr: encodeExpression(node.expr), name: [node.name] } },
      });
  }
}
