// The size and shape of jsNumberText's expression: it goes into every plan that prints a
// number from a DSL lambda, so its growth is watched here (the values are checked against
// the server in test/integration/dslNumberText.test.ts).
import test from "ava";
import { toBinary } from "@bufbuild/protobuf";
import { ExpressionSchema } from "../../generated/spark/connect/expressions_pb.js";
import { jsNumberText } from "../../src/dsl/jsText.js";
import { ColumnRefNode } from "../../src/expr/ColumnRefNode.js";
import type { ExprNode } from "../../src/expr/ExprNode.js";
import { encodeExpression } from "../../src/expr/encodeExpression.js";

/** Every node of a tree with the number of lambdas around it. */
function* nodes(e: ExprNode, depth = 0): Generator<[ExprNode, number]> {
  yield [e, depth];
  switch (e.kind) {
    case "FunctionCall":
      for (const a of e.args) yield* nodes(a, depth);
      break;
    case "Lambda":
      yield* nodes(e.body, depth + 1);
      break;
    case "Extract":
      yield* nodes(e.expr, depth);
      yield* nodes(e.key, depth);
      break;
  }
}

const input = ColumnRefNode.create("amount");
const expr = jsNumberText(input);
const all = [...nodes(expr)];

test("the expression stays under 600 nodes and 6 KB", (t) => {
  t.true(all.length <= 600, `${all.length} nodes`);
  const bytes = toBinary(ExpressionSchema, encodeExpression(expr)).length;
  t.true(bytes <= 6000, `${bytes} bytes`);
});

test("the input is evaluated once, outside every lambda", (t) => {
  const uses = all.filter(([n]) => n === input);
  t.is(uses.length, 1);
  t.is(uses[0]![1], 0);
});

test("it is built of function calls, literals, lambdas and struct fields only", (t) => {
  const kinds = new Set(all.filter(([n]) => n !== input).map(([n]) => n.kind));
  t.deepEqual([...kinds].sort(), ["Extract", "FunctionCall", "Lambda", "LambdaVar", "Literal"]);
});
