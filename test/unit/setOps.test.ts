// Set operations by name without a server: how an intersect or except by name is encoded
// (its right side aligned to the left's columns), which encodings are recorded for the
// error hint, and the hint itself.
import test from "ava";
import { toJson } from "@bufbuild/protobuf";
import { type Relation, RelationSchema } from "../../generated/spark/connect/relations_pb.js";
import { AnalysisError, ParseError } from "../../runtime/errors.js";
import { SparkSession } from "../../src/index.js";
import { encodeRelation, planEncoder } from "../../src/plan/encodeRelation.js";
import type { PlanNode } from "../../src/plan/PlanNode.js";
import { namesMatchedIn, recordNamesMatched, withSetOpHint } from "../../src/internal/ops/setOpHint.js";

const spark = await SparkSession.connect("sc://127.0.0.1:1", { retry: { maxRetries: 0 } });
test.after.always(() => spark.close());

const a = spark.table("a");
const b = spark.table("b");

function setOp(r: Relation) {
  if (r.relType.case !== "setOp") throw new Error(`not a set operation: ${r.relType.case}`);
  return r.relType.value;
}

test("union is sent as a union by name; unionByPosition as a positional union", (t) => {
  const byName = setOp(encodeRelation(a.union(b).plan));
  t.like(byName, { isAll: true, byName: true, allowMissingColumns: false });
  t.like(setOp(encodeRelation(a.unionAll(b).plan)), { isAll: true, byName: true });
  t.like(setOp(encodeRelation(a.unionByPosition(b).plan)), { isAll: true, byName: false, allowMissingColumns: false });
});

test("an intersect or except by name is sent with its right side as (left without rows) union by name (right)", (t) => {
  for (const [df, type, all] of [
    [a.intersect(b), "SET_OP_TYPE_INTERSECT", false],
    [a.intersectAll(b), "SET_OP_TYPE_INTERSECT", true],
    [a.subtract(b), "SET_OP_TYPE_EXCEPT", false],
    [a.exceptAll(b), "SET_OP_TYPE_EXCEPT", true],
  ] as const) {
    const outer = setOp(encodeRelation(df.plan));
    const json = toJson(RelationSchema, encodeRelation(df.plan)) as { setOp: Record<string, unknown> };
    t.like(json.setOp, { setOpType: type, isAll: all, byName: false, allowMissingColumns: false });
    const aligned = setOp(outer.rightInput!);
    t.like(aligned, { isAll: true, byName: true, allowMissingColumns: false });
    const empty = aligned.leftInput!;
    t.is(empty.relType.case, "limit");
    const limit = empty.relType.value as { limit: number; input: Relation };
    t.is(limit.limit, 0);
    t.is(limit.input.common?.planId, outer.leftInput!.common?.planId, "the left side itself, under a limit 0");
    t.is(aligned.rightInput!.common?.planId, encodeRelation(b.plan).common?.planId);
    // One DataFrame always encodes the same, the aligned side's ids included.
    t.deepEqual(toJson(RelationSchema, encodeRelation(df.plan)), json as never);
  }
});

test("the encoder records the set operations that need the same names on both sides", (t) => {
  const namesOf = (df: { plan: PlanNode }) => {
    const e = planEncoder();
    e.relation(df.plan);
    return [...e.namesMatched].sort();
  };
  t.deepEqual(namesOf(a.union(b).intersect(b).exceptAll(a)), ["exceptAll", "intersect", "union"]);
  t.deepEqual(namesOf(a.unionByName(b)), ["unionByName"]);
  t.deepEqual(namesOf(a.unionByName(b, { allowMissingColumns: true })), [], "missing names are nulls, not errors");
  t.deepEqual(namesOf(a.unionByPosition(b)), []);
  t.deepEqual(namesOf(a.join(b, "id")), []);
});

test("a request is recorded with its set operations by name, and found by it or by its plan", (t) => {
  const plan = {};
  const request = { analyze: { case: "schema", value: { plan } } };
  recordNamesMatched(plan, new Set(["union", "subtract"]));
  t.deepEqual(namesMatchedIn(request, ...Object.values(request.analyze.value)), ["union", "subtract"]);
  const other = {};
  recordNamesMatched(other, new Set());
  t.deepEqual(namesMatchedIn(other, undefined, "x"), []);
});

const details = { sqlState: "42826", messageParameters: { firstNumColumns: "2" }, classes: ["org.apache.spark.sql.AnalysisException"], errorId: "e1" };

test("a Spark error about mismatched names gets the hint of each set operation, keeping its class and details", (t) => {
  const e = new AnalysisError({ message: "[NUM_COLUMNS_MISMATCH] UNION can only be performed on ...\n", errorClass: "NUM_COLUMNS_MISMATCH", grpcCode: 13, ...details });
  const hinted = withSetOpHint(["union", "intersect"])(e);
  t.true(hinted instanceof AnalysisError);
  t.is(hinted._tag, "AnalysisError");
  t.like(hinted, { errorClass: "NUM_COLUMNS_MISMATCH", grpcCode: 13, ...details });
  t.is(
    hinted.message,
    "[NUM_COLUMNS_MISMATCH] UNION can only be performed on ...\n" +
      "union() matches columns by name, not by position as PySpark's union does, so both sides need the same column names, each once. " +
      "Rename columns to match (select, withColumnRenamed or toDF), or combine them by position with unionByPosition(other).\n" +
      "intersect() matches columns by name, not by position as PySpark's intersect does, so both sides need the same column names, each once. " +
      "Rename columns to match (select, withColumnRenamed or toDF), or, to match them by position, give the other side this side's names first: intersect(other.toDF(...names)).",
  );
  const missing = new AnalysisError({ message: 'Cannot resolve column name "name" among (city, nme).', errorClass: "_LEGACY_ERROR_TEMP_1201", ...details });
  t.regex(withSetOpHint(["unionByName"])(missing).message, /allowMissingColumns: true/);
  const missing42 = new AnalysisError({ message: '[UNRESOLVED_COLUMN_AMONG_FIELD_NAMES] Cannot resolve column name "name" among (city, nme).', ...details, errorClass: "UNRESOLVED_COLUMN_AMONG_FIELD_NAMES" });
  t.regex(withSetOpHint(["union"])(missing42).message, /unionByPosition\(other\)/, "Spark 4.2's class for it");
  // Spark 3.5 sends the same message without an error class.
  const missing35 = new AnalysisError({ message: 'Cannot resolve column name "name" among (city, nme).', ...details, errorClass: undefined });
  t.regex(withSetOpHint(["union"])(missing35).message, /unionByPosition\(other\)/);
  const other35 = new AnalysisError({ message: "Table or view not found: t", ...details, errorClass: undefined });
  t.is(withSetOpHint(["union"])(other35), other35);
});

test("other errors, and errors of plans without set operations by name, pass as they are", (t) => {
  const unresolved = new AnalysisError({ message: "[UNRESOLVED_COLUMN] ...", errorClass: "UNRESOLVED_COLUMN.WITH_SUGGESTION", ...details });
  t.is(withSetOpHint(["union"])(unresolved), unresolved);
  const parse = new ParseError({ message: "[PARSE_SYNTAX_ERROR] ...", errorClass: "PARSE_SYNTAX_ERROR", ...details });
  t.is(withSetOpHint(["union"])(parse), parse);
  const mismatch = new AnalysisError({ message: "[NUM_COLUMNS_MISMATCH] ...", errorClass: "NUM_COLUMNS_MISMATCH", ...details });
  t.is(withSetOpHint([])(mismatch), mismatch);
});
