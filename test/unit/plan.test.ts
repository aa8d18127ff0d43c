import test from "ava";
import { toJson } from "@bufbuild/protobuf";
import { RelationSchema } from "../../generated/spark/connect/relations_pb.js";
import { encodeLiteral } from "../../src/expr/encodeExpression.js";
import { encodeRelation } from "../../src/plan/encodeRelation.js";
import { RangeNode } from "../../src/plan/RangeNode.js";
import { LimitNode } from "../../src/plan/LimitNode.js";
import { SqlNode } from "../../src/plan/SqlNode.js";
import { InvalidPlanError } from "../../runtime/errors.js";

test("numbers become INT when they fit 32 bits, LONG when they are other safe integers, DOUBLE otherwise", (t) => {
  t.is(encodeLiteral(7).literalType.case, "integer");
  t.is(encodeLiteral(-(2 ** 31)).literalType.case, "integer");
  t.is(encodeLiteral(2 ** 31).literalType.case, "long");
  t.is(encodeLiteral(1.5).literalType.case, "double");
  t.is(encodeLiteral(-0).literalType.case, "double");
  t.is(encodeLiteral(NaN).literalType.case, "double");
  t.is(encodeLiteral(2 ** 53).literalType.case, "double");
});

test("bigint, string, boolean and null literals", (t) => {
  t.deepEqual(encodeLiteral(5n).literalType, { case: "long", value: 5n });
  t.deepEqual(encodeLiteral("x").literalType, { case: "string", value: "x" });
  t.deepEqual(encodeLiteral(true).literalType, { case: "boolean", value: true });
  t.is(encodeLiteral(null).literalType.case, "null");
});

test("a bigint beyond 64 bits is refused with the fix", (t) => {
  t.throws(() => encodeLiteral(2n ** 63n), { instanceOf: InvalidPlanError, message: /decimal string/ });
});

test("values of other types are refused, naming the accepted ones", (t) => {
  t.throws(() => encodeLiteral({} as never), { instanceOf: InvalidPlanError, message: /boolean, number, bigint, string, Date, Uint8Array/ });
});

test("a plan keeps its ids, so one DataFrame always encodes the same", (t) => {
  const plan = LimitNode.create(RangeNode.create(0n, 10n, 1n), 3);
  const a = toJson(RelationSchema, encodeRelation(plan));
  t.deepEqual(a, toJson(RelationSchema, encodeRelation(plan)));
  const limitId = BigInt((a as { common: { planId: string } }).common.planId);
  const rangeId = BigInt((a as { limit: { input: { common: { planId: string } } } }).limit.input.common.planId);
  t.not(limitId, rangeId);
});

test("two plans built alike get different ids, so the server does not reuse one's analysis for the other", (t) => {
  const build = () => toJson(RelationSchema, encodeRelation(RangeNode.create(0n, 10n, 1n)));
  t.notDeepEqual(build(), build());
});

test("plan nodes are frozen", (t) => {
  const node = SqlNode.create("SELECT 1");
  t.true(Object.isFrozen(node));
});
