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

test("plan ids are numbered from the root, so one tree always encodes the same", (t) => {
  const plan = LimitNode.create(RangeNode.create(0n, 10n, 1n), 3);
  const a = toJson(RelationSchema, encodeRelation(plan));
  const b = toJson(RelationSchema, encodeRelation(plan));
  t.deepEqual(a, b);
  t.deepEqual(a, {
    common: { planId: "0" },
    limit: { input: { common: { planId: "1" }, range: { start: "0", end: "10", step: "1" } }, limit: 3 },
  });
});

test("plan nodes are frozen", (t) => {
  const node = SqlNode.create("SELECT 1");
  t.true(Object.isFrozen(node));
});
