import test from "ava";
import { create } from "@bufbuild/protobuf";
import {
  FetchErrorDetailsResponseSchema,
  FetchErrorDetailsResponse_QueryContext_ContextType,
} from "../../generated/spark/connect/base_pb.js";
import {
  AnalysisError,
  ArithmeticError,
  DateTimeError,
  IllegalArgumentError,
  InvalidPlanInputError,
  NumberFormatError,
  ParseError,
  QueryExecutionError,
  SparkConnectError,
  SparkError,
  SparkRuntimeError,
  SparkUpgradeError,
  StreamingQueryError,
  UnsupportedOperationError,
} from "../../runtime/errors.js";
import { fromDetails } from "../../runtime/internal/errorDetails.js";
import { sparkErrorClassFor } from "../../runtime/internal/grpcErrors.js";

const OBJ = ["java.lang.Exception", "java.lang.Throwable", "java.lang.Object"];
const RUNTIME = ["java.lang.RuntimeException", ...OBJ];

// Hierarchies as Spark 4.1.1 reports them (most specific first).
const cases: ReadonlyArray<readonly [string, readonly string[], typeof SparkError]> = [
  ["ParseException", ["org.apache.spark.sql.catalyst.parser.ParseException", "org.apache.spark.sql.AnalysisException", ...OBJ], ParseError],
  ["AnalysisException", ["org.apache.spark.sql.AnalysisException", ...OBJ], AnalysisError],
  ["ExtendedAnalysisException", ["org.apache.spark.sql.catalyst.ExtendedAnalysisException", "org.apache.spark.sql.AnalysisException", ...OBJ], AnalysisError],
  ["StreamingQueryException", ["org.apache.spark.sql.streaming.StreamingQueryException", ...OBJ], StreamingQueryError],
  ["QueryExecutionException", ["org.apache.spark.sql.execution.QueryExecutionException", ...OBJ], QueryExecutionError],
  ["SparkArithmeticException", ["org.apache.spark.SparkArithmeticException", "java.lang.ArithmeticException", ...RUNTIME], ArithmeticError],
  ["SparkNumberFormatException", ["org.apache.spark.SparkNumberFormatException", "java.lang.NumberFormatException", "java.lang.IllegalArgumentException", ...RUNTIME], NumberFormatError],
  ["SparkIllegalArgumentException", ["org.apache.spark.SparkIllegalArgumentException", "java.lang.IllegalArgumentException", ...RUNTIME], IllegalArgumentError],
  ["SparkUnsupportedOperationException", ["org.apache.spark.SparkUnsupportedOperationException", "java.lang.UnsupportedOperationException", ...RUNTIME], UnsupportedOperationError],
  ["SparkDateTimeException", ["org.apache.spark.SparkDateTimeException", "java.time.DateTimeException", ...RUNTIME], DateTimeError],
  ["SparkRuntimeException", ["org.apache.spark.SparkRuntimeException", ...RUNTIME], SparkRuntimeError],
  ["SparkUpgradeException", ["org.apache.spark.SparkUpgradeException", ...RUNTIME], SparkUpgradeError],
  ["InvalidPlanInput", ["org.apache.spark.sql.connect.common.InvalidPlanInput", ...RUNTIME], InvalidPlanInputError],
  ["SparkException", ["org.apache.spark.SparkException", ...OBJ], SparkError],
  ["SparkNoSuchElementException", ["org.apache.spark.SparkNoSuchElementException", "java.util.NoSuchElementException", ...RUNTIME], SparkError],
];

for (const [name, classes, expected] of cases) {
  test(`${name} maps to ${expected.name}`, (t) => {
    const Cls = sparkErrorClassFor(classes);
    t.is(Cls, expected);
    const err = new Cls({ message: "m", errorClass: "X", sqlState: undefined, messageParameters: {}, classes, errorId: undefined });
    t.true(err instanceof SparkConnectError);
    t.true(err instanceof SparkError);
    t.is<string, string>(err._tag, expected.name);
    t.is(err.name, expected.name);
  });
}

test("the first listed class in the server's chain wins", (t) => {
  // NumberFormatException is an IllegalArgumentException: the more specific one comes first.
  t.is(sparkErrorClassFor(["java.lang.NumberFormatException", "java.lang.IllegalArgumentException"]), NumberFormatError);
  t.is(sparkErrorClassFor(["java.lang.IllegalArgumentException", "java.lang.NumberFormatException"]), IllegalArgumentError);
  // ParseException extends AnalysisException.
  t.is(sparkErrorClassFor(["org.apache.spark.sql.AnalysisException", "org.apache.spark.sql.catalyst.parser.ParseException"]), AnalysisError);
  // Unknown classes before a known one are skipped.
  t.is(sparkErrorClassFor(["com.example.Custom", "java.lang.ArithmeticException"]), ArithmeticError);
});

test("unknown or missing classes map to SparkError", (t) => {
  t.is(sparkErrorClassFor([]), SparkError);
  t.is(sparkErrorClassFor(["com.example.Custom", "java.lang.RuntimeException"]), SparkError);
});

test("new fields default to empty when only the status was seen", (t) => {
  const err = new SparkError({ message: "m", errorClass: undefined, sqlState: undefined, messageParameters: {}, classes: [], errorId: undefined });
  t.deepEqual(err.queryContext, []);
  t.deepEqual(err.causes, []);
  t.is(err.serverStackTrace, undefined);
  t.is(err.breakingChangeInfo, undefined);
});

// ---- FetchErrorDetails responses -------------------------------------------------------------

const original = new SparkError({
  message: "truncated",
  errorClass: "OLD",
  sqlState: "00000",
  messageParameters: { a: "1" },
  classes: ["org.apache.spark.SparkException"],
  errorId: "id-1",
});
const redact = (s: string) => s.split("s3cret").join("<redacted>");

test("fromDetails builds the most specific class with the root's details", (t) => {
  const res = create(FetchErrorDetailsResponseSchema, {
    rootErrorIdx: 1,
    errors: [
      { errorTypeHierarchy: ["java.io.IOException", ...OBJ], message: "io s3cret" },
      {
        errorTypeHierarchy: ["org.apache.spark.SparkUpgradeException", ...RUNTIME],
        message: "\nfull message with s3cret\n",
        causeIdx: 2,
        stackTrace: [
          { declaringClass: "a.B", methodName: "run", fileName: "B.scala", lineNumber: 12 },
          { declaringClass: "java.lang.Thread", methodName: "sleep", lineNumber: -2 },
          { declaringClass: "c.D", methodName: "go", lineNumber: -1 },
        ],
        sparkThrowable: {
          errorClass: "INCONSISTENT_BEHAVIOR_CROSS_VERSION.X",
          sqlState: "42K0B",
          messageParameters: { config: "s3cret" },
          queryContexts: [
            {
              contextType: FetchErrorDetailsResponse_QueryContext_ContextType.DATAFRAME,
              fragment: "col(s3cret)",
              startIndex: 1,
              stopIndex: 4,
              callSite: "app.ts:3",
              summary: "sum",
            },
          ],
          breakingChangeInfo: { migrationMessage: ["do it"], mitigationConfig: { key: "k", value: "v" }, needsAudit: false },
        },
      },
      {
        errorTypeHierarchy: ["org.apache.spark.SparkIllegalArgumentException", "java.lang.IllegalArgumentException"],
        message: "cause one",
        causeIdx: 0,
        sparkThrowable: { errorClass: "C1", sqlState: "22000" },
      },
    ],
  });
  const err = fromDetails(res, original, redact);
  t.true(err instanceof SparkUpgradeError);
  t.is(err.message, "full message with <redacted>");
  t.is(err.errorClass, "INCONSISTENT_BEHAVIOR_CROSS_VERSION.X");
  t.is(err.sqlState, "42K0B");
  t.deepEqual(err.messageParameters, { config: "<redacted>" });
  t.is(err.errorId, "id-1");
  t.deepEqual(err.queryContext, [
    {
      contextType: "DATAFRAME",
      objectType: "",
      objectName: "",
      startIndex: 1,
      stopIndex: 4,
      fragment: "col(<redacted>)",
      callSite: "app.ts:3",
      summary: "sum",
    },
  ]);
  t.is(err.serverStackTrace, "  at a.B.run(B.scala:12)\n  at java.lang.Thread.sleep(Native Method)\n  at c.D.go(Unknown Source)");
  t.deepEqual(err.causes, [
    { classes: ["org.apache.spark.SparkIllegalArgumentException", "java.lang.IllegalArgumentException"], message: "cause one", errorClass: "C1", sqlState: "22000" },
    { classes: ["java.io.IOException", ...OBJ], message: "io <redacted>" },
  ]);
  t.deepEqual(err.breakingChangeInfo, { migrationMessages: ["do it"], mitigationConfig: { key: "k", value: "v" }, needsAudit: false });
  t.false(JSON.stringify(err).includes("s3cret"));
  t.false(String(err).includes("s3cret"));
});

test("fromDetails stops at a cause cycle", (t) => {
  const res = create(FetchErrorDetailsResponseSchema, {
    rootErrorIdx: 0,
    errors: [
      { errorTypeHierarchy: ["x.A"], message: "a", causeIdx: 1 },
      { errorTypeHierarchy: ["x.B"], message: "b", causeIdx: 0 },
    ],
  });
  const err = fromDetails(res, original, redact);
  t.deepEqual(err.causes.map((c) => c.message), ["b"]);
  t.is(err.serverStackTrace, undefined);
});

test("fromDetails without a root error returns the original", (t) => {
  t.is(fromDetails(create(FetchErrorDetailsResponseSchema, {}), original, redact), original);
});

test("fromDetails keeps the status's details when the root has none", (t) => {
  const res = create(FetchErrorDetailsResponseSchema, {
    rootErrorIdx: 0,
    errors: [{ errorTypeHierarchy: [], message: "" }],
  });
  const err = fromDetails(res, original, redact);
  t.true(err instanceof SparkError);
  t.is(err.message, "truncated");
  t.is(err.errorClass, "OLD");
  t.deepEqual(err.messageParameters, { a: "1" });
  t.deepEqual(err.classes, ["org.apache.spark.SparkException"]);
});
