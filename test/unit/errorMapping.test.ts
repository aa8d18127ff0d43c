import test from "ava";
import * as grpc from "@grpc/grpc-js";
import { create, toBinary } from "@bufbuild/protobuf";
import { anyPack } from "@bufbuild/protobuf/wkt";
import { StatusSchema } from "../../generated/google/rpc/status_pb.js";
import { ErrorInfoSchema } from "../../generated/google/rpc/error_details_pb.js";
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
  UnsupportedByServerError,
  UnsupportedOperationError,
} from "../../runtime/errors.js";
import { fromDetails } from "../../runtime/internal/errorDetails.js";
import { fromGrpcError, sparkErrorClassFor } from "../../runtime/internal/grpcErrors.js";

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

// ---- what the server lacks -------------------------------------------------------------------

const where = { target: "sc://localhost:15002", redact: (text: string) => text.split("s3cret").join("<redacted>") };

/** A grpc-js ServiceError as the client sees it; with `info`, a Spark error with its ErrorInfo. */
function serviceError(code: grpc.status, details: string, info?: { reason: string; metadata: Record<string, string> }): grpc.ServiceError {
  const metadata = new grpc.Metadata();
  if (info !== undefined) {
    const errorInfo = anyPack(ErrorInfoSchema, create(ErrorInfoSchema, { domain: "org.apache.spark", ...info }));
    metadata.set("grpc-status-details-bin", Buffer.from(toBinary(StatusSchema, create(StatusSchema, { code, message: details, details: [errorInfo] }))));
  }
  return Object.assign(new Error(`${code} ${grpc.status[code]}: ${details}`), { code, details, metadata });
}

/** ErrorInfo metadata of a Spark error, as the server sends it. */
function sparkInfo(classes: readonly string[], errorClass: string | undefined, messageParameters: Record<string, string>) {
  return {
    reason: classes[0]!,
    metadata: {
      classes: JSON.stringify(classes),
      ...(errorClass === undefined ? {} : { errorClass, sqlState: "XX000" }),
      messageParameters: JSON.stringify(messageParameters),
    },
  };
}

test("UNIMPLEMENTED is an UnsupportedByServerError naming the RPC and the fix", (t) => {
  const err = fromGrpcError(serviceError(grpc.status.UNIMPLEMENTED, "Method not found: spark.connect.SparkConnectService/CloneSession"), where);
  t.true(err instanceof UnsupportedByServerError);
  const e = err as UnsupportedByServerError;
  t.is(e._tag, "UnsupportedByServerError");
  t.is(e.name, "UnsupportedByServerError");
  t.is(e.feature, "CloneSession");
  t.is(e.serverVersion, undefined);
  t.is(e.grpcCode, grpc.status.UNIMPLEMENTED);
  t.false(e.isRetryable);
  t.regex(e.message, /does not implement the CloneSession RPC/);
  t.regex(e.message, /sc:\/\/localhost:15002/);
  t.regex(e.message, /Upgrade the server, or avoid the feature/);
  t.is((e.cause as grpc.ServiceError).code, grpc.status.UNIMPLEMENTED);
});

test("UNIMPLEMENTED: the caller's RPC name wins; without one the message still names the fix", (t) => {
  const named = fromGrpcError(serviceError(grpc.status.UNIMPLEMENTED, ""), { ...where, rpc: "/spark.connect.SparkConnectService/GetStatus" });
  t.true(named instanceof UnsupportedByServerError);
  t.is((named as UnsupportedByServerError).feature, "GetStatus");
  const anonymous = fromGrpcError(serviceError(grpc.status.UNIMPLEMENTED, "not here s3cret"), where);
  t.true(anonymous instanceof UnsupportedByServerError);
  t.is((anonymous as UnsupportedByServerError).feature, undefined);
  t.regex(anonymous.message, /does not implement this call \(UNIMPLEMENTED: not here <redacted>\)\. Upgrade the server/);
});

test("UNIMPLEMENTED with Spark's error details keeps the Spark error as the cause", (t) => {
  const err = fromGrpcError(
    serviceError(grpc.status.UNIMPLEMENTED, "Method not found: spark.connect.SparkConnectService/GetStatus", sparkInfo(["org.apache.spark.SparkException", ...OBJ], "X", {})),
    where,
  );
  t.true(err instanceof UnsupportedByServerError);
  t.is((err as UnsupportedByServerError).feature, "GetStatus");
  t.true(err.cause instanceof SparkError);
  t.is((err.cause as SparkError).errorClass, "X");
});

const PLAN_INPUT = ["org.apache.spark.sql.connect.common.InvalidPlanInput", ...RUNTIME];

test("a plan node the server does not know (Spark 4.1 wording) is an UnsupportedByServerError with the Spark error as cause", (t) => {
  const text = "This oneOf field in spark.connect.Relation is not set: RELTYPE_NOT_SET";
  const err = fromGrpcError(
    serviceError(grpc.status.INTERNAL, `[INTERNAL_ERROR] ${text} SQLSTATE: XX000`, sparkInfo(PLAN_INPUT, "INTERNAL_ERROR", { message: text })),
    where,
  );
  t.true(err instanceof UnsupportedByServerError, String(err));
  const e = err as UnsupportedByServerError;
  t.is(e.feature, "a kind of spark.connect.Relation");
  t.regex(e.message, /does not know a kind of spark\.connect\.Relation/);
  t.regex(e.message, /RELTYPE_NOT_SET/);
  t.regex(e.message, /Upgrade the server, or avoid the feature/);
  t.true(e.cause instanceof InvalidPlanInputError);
  t.is((e.cause as InvalidPlanInputError).errorClass, "INTERNAL_ERROR");
  t.is(e.grpcCode, grpc.status.INTERNAL);
});

test("other wordings of an unknown plan node map the same way", (t) => {
  const cases: [string, ReturnType<typeof sparkInfo>, string][] = [
    [
      "[CONNECT_INVALID_PLAN.INVALID_ONE_OF_FIELD_NOT_SET] The Spark Connect plan is invalid. This oneOf field in spark.connect.Command is not set: COMMANDTYPE_NOT_SET SQLSTATE: 56K00",
      sparkInfo(PLAN_INPUT, "CONNECT_INVALID_PLAN.INVALID_ONE_OF_FIELD_NOT_SET", { fullName: "spark.connect.Command", name: "COMMANDTYPE_NOT_SET" }),
      "a kind of spark.connect.Command",
    ],
    [
      "[CONNECT_INVALID_PLAN.INVALID_ONE_OF_FIELD_NOT_SUPPORTED] The Spark Connect plan is invalid.",
      sparkInfo(PLAN_INPUT, "CONNECT_INVALID_PLAN.INVALID_ONE_OF_FIELD_NOT_SUPPORTED", { fullName: "spark.connect.Relation", name: "ZIP", number: "45" }),
      "ZIP of spark.connect.Relation",
    ],
    [
      "[INTERNAL_ERROR] This oneOf field message in spark.connect.Catalog is not supported: LIST_VIEWS(99) SQLSTATE: XX000",
      sparkInfo(PLAN_INPUT, "INTERNAL_ERROR", {}),
      "LIST_VIEWS of spark.connect.Catalog",
    ],
    ["Expected Relation to be set, but is empty.", sparkInfo(["java.lang.IndexOutOfBoundsException", ...RUNTIME], undefined, {}), "a kind of spark.connect.Relation"],
    ["Expression with ID: 0 is not supported", sparkInfo(PLAN_INPUT, undefined, {}), "a kind of spark.connect.Expression"],
  ];
  for (const [details, info, feature] of cases) {
    const err = fromGrpcError(serviceError(grpc.status.INTERNAL, details, info), where);
    t.true(err instanceof UnsupportedByServerError, details);
    t.is((err as UnsupportedByServerError).feature, feature, details);
    t.true((err as UnsupportedByServerError).cause instanceof SparkError, details);
  }
});

test("other plan errors stay Spark errors", (t) => {
  const err = fromGrpcError(
    serviceError(grpc.status.INTERNAL, "Deduplicate needs a plan input", sparkInfo(PLAN_INPUT, "INTERNAL_ERROR", { message: "Deduplicate needs a plan input" })),
    where,
  );
  t.true(err instanceof InvalidPlanInputError);
  const analysis = fromGrpcError(
    serviceError(grpc.status.INTERNAL, "[UNRESOLVED_COLUMN] x", sparkInfo(["org.apache.spark.sql.AnalysisException", ...OBJ], "UNRESOLVED_COLUMN.WITH_SUGGESTION", {})),
    where,
  );
  t.true(analysis instanceof AnalysisError);
});
