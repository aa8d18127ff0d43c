// How the functions module encodes its calls: names, literal vs column arguments,
// DISTINCT aggregates, lambdas with fresh parameter names, optional arguments.
import test from "ava";
import { toJson } from "@bufbuild/protobuf";
import { ExpressionSchema } from "../../generated/spark/connect/expressions_pb.js";
import type { Column } from "../../src/Column.js";
import { encodeExpression } from "../../src/expr/encodeExpression.js";
import * as F from "../../src/functions/index.js";
import { col, lit } from "../../src/functions/index.js";
import { InvalidPlanError } from "../../runtime/errors.js";

const json = (c: Column) => toJson(ExpressionSchema, encodeExpression(c.node)) as Record<string, any>;
const attr = (name: string) => ({ unresolvedAttribute: { unparsedIdentifier: name } });
const int = (n: number) => ({ literal: { integer: n } });
const text = (s: string) => ({ literal: { string: s } });
const call = (functionName: string, ...args: unknown[]) => ({ unresolvedFunction: { functionName, arguments: args } });

test("calls Spark's SQL name, with column names as attributes", (t) => {
  t.deepEqual(json(F.upper("name")), call("upper", attr("name")));
  t.deepEqual(json(F.dateAdd(col("d"), 1)), call("date_add", attr("d"), int(1)));
  t.deepEqual(json(F.timestampDiff("DAY", "a", "b")), call("timestampdiff", text("DAY"), attr("a"), attr("b")));
  t.deepEqual(json(F.pow("x", 2)), call("power", attr("x"), int(2)));
});

test("literal parameters take plain values; ColumnOrName parameters take column names, as in PySpark", (t) => {
  t.deepEqual(json(F.regexpExtract("s", "(a+)", 1)), call("regexp_extract", attr("s"), text("(a+)"), int(1)));
  t.deepEqual(json(F.rlike("s", "pattern")), call("rlike", attr("s"), attr("pattern")));
  t.deepEqual(json(F.rlike("s", lit("^a"))), call("rlike", attr("s"), text("^a")));
  t.deepEqual(json(F.dateAdd("d", "n")), call("date_add", attr("d"), attr("n")));
  t.deepEqual(json(F.arrayContains("tags", "a")), call("array_contains", attr("tags"), text("a")));
  t.deepEqual(json(F.arrayContains("tags", col("t"))), call("array_contains", attr("tags"), attr("t")));
  t.deepEqual(json(F.percentile("x", [0.25, 0.75])).unresolvedFunction.arguments[1], call("array", { literal: { double: 0.25 } }, { literal: { double: 0.75 } }));
});

test("optional trailing parameters are left out when not given", (t) => {
  t.deepEqual(json(F.round("x")), call("round", attr("x")));
  t.deepEqual(json(F.round("x", 2)), call("round", attr("x"), int(2)));
  t.deepEqual(json(F.toDate("s")), call("to_date", attr("s")));
  t.deepEqual(json(F.lag("x")), call("lag", attr("x"), int(1)));
  t.deepEqual(json(F.lag("x", 2, 0)), call("lag", attr("x"), int(2), int(0)));
});

test("defaults PySpark fills in are sent, and trim takes the characters first", (t) => {
  t.deepEqual(json(F.mask("s")), call("mask", attr("s"), text("X"), text("x"), text("n"), { literal: { null: { null: {} } } }));
  t.deepEqual(json(F.trim("s", lit("x"))), call("trim", text("x"), attr("s")));
  t.deepEqual(json(F.makeYmInterval({ months: "m" })), call("make_ym_interval", int(0), attr("m")));
});

test("DISTINCT aggregates are one call with isDistinct", (t) => {
  t.deepEqual(json(F.countDistinct("a", "b")), { unresolvedFunction: { functionName: "count", arguments: [attr("a"), attr("b")], isDistinct: true } });
  t.deepEqual(json(F.sumDistinct("x")), { unresolvedFunction: { functionName: "sum", arguments: [attr("x")], isDistinct: true } });
  t.is(json(F.sum("x")).unresolvedFunction.isDistinct, undefined);
});

test("count('*') counts rows as count(1); '*' elsewhere is every column", (t) => {
  t.deepEqual(json(F.count("*")), call("count", int(1)));
  t.deepEqual(json(F.hash("*")), call("hash", { unresolvedStar: {} }));
});

test("a lambda gets fresh parameter names, bound in its body", (t) => {
  const fn = json(F.transform("arr", (x) => x.plus(1))).unresolvedFunction;
  const lambda = fn.arguments[1].lambdaFunction;
  t.is(lambda.arguments.length, 1);
  const [name] = lambda.arguments[0].nameParts;
  t.regex(name, /^x_\d+$/);
  t.deepEqual(lambda.function, call("+", { unresolvedNamedLambdaVariable: { nameParts: [name] } }, int(1)));

  const again = json(F.transform("arr", (x) => x)).unresolvedFunction.arguments[1].lambdaFunction;
  t.not(again.arguments[0].nameParts[0], name);
});

test("lambda arity: as the callback declares for transform/filter, fixed for the others", (t) => {
  const arity = (c: Column, at = 1) => json(c).unresolvedFunction.arguments[at].lambdaFunction.arguments.length;
  t.is(arity(F.filter("arr", (x) => x.gt(0))), 1);
  t.is(arity(F.filter("arr", (_x, i) => i.gt(0))), 2);
  t.is(arity(F.zipWith("a", "b", (x) => x), 2), 2);
  t.is(arity(F.mapZipWith("a", "b", (k) => k), 2), 3);
  const agg = json(F.aggregate("arr", lit(0), (acc, x) => acc.plus(x), (acc) => acc)).unresolvedFunction.arguments;
  t.deepEqual([agg[2].lambdaFunction.arguments.length, agg[3].lambdaFunction.arguments.length], [2, 1]);
  const names = agg[2].lambdaFunction.arguments.map((a: { nameParts: string[] }) => a.nameParts[0]);
  t.is(new Set(names).size, 2);
});

test("a callback that does not return a Column is refused", (t) => {
  t.throws(() => F.transform("arr", () => 1 as unknown as Column), { instanceOf: InvalidPlanError, message: /must return a Column/ });
});

test("random functions get a client-chosen seed unless given one", (t) => {
  t.deepEqual(json(F.rand(42)), call("rand", int(42)));
  const seeded = json(F.rand()).unresolvedFunction.arguments;
  t.is(seeded.length, 1);
  t.truthy(seeded[0].literal);
});

test("reader options become a map of strings", (t) => {
  t.deepEqual(
    json(F.fromJson("js", "a INT", { allowComments: true })),
    call("from_json", attr("js"), text("a INT"), call("map", text("allowComments"), text("true"))),
  );
});
