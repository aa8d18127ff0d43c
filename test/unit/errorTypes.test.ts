// The error classes' type tests live in test/types/errors.types.ts: a type test that fails
// is a type error, which fails the build (and so `npm test`). This test puts them in the
// test count and checks at runtime what the types promise: every class of the
// SparkConnectFailure union has its own literal `_tag`, equal to its class name.
import test from "ava";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as errors from "../../runtime/errors.js";
import type { SparkConnectFailure, SparkErrorDetails } from "../../runtime/errors.js";

const compiled = fileURLToPath(new URL("../types/errors.types.js", import.meta.url));

test("the error type tests compiled (test/types/errors.types.ts)", (t) => {
  t.true(existsSync(compiled), "dist/test/types/errors.types.js is missing: run `npm run build`");
});

const details: SparkErrorDetails = { errorClass: undefined, sqlState: undefined, messageParameters: {}, classes: [], errorId: undefined };
const m = { message: "m" };

// One instance per tag of the union: the mapped type makes a missing or extra tag a type error.
const instances: { readonly [K in SparkConnectFailure["_tag"]]: Extract<SparkConnectFailure, { readonly _tag: K }> } = {
  InvalidConnectionStringError: new errors.InvalidConnectionStringError(m),
  TransportError: new errors.TransportError({ ...m, code: 14 }),
  AuthenticationError: new errors.AuthenticationError(m),
  SparkError: new errors.SparkError({ ...m, ...details }) as Extract<SparkConnectFailure, { readonly _tag: "SparkError" }>,
  ParseError: new errors.ParseError({ ...m, ...details }),
  AnalysisError: new errors.AnalysisError({ ...m, ...details }),
  ArithmeticError: new errors.ArithmeticError({ ...m, ...details }),
  NumberFormatError: new errors.NumberFormatError({ ...m, ...details }),
  IllegalArgumentError: new errors.IllegalArgumentError({ ...m, ...details }),
  DateTimeError: new errors.DateTimeError({ ...m, ...details }),
  UnsupportedOperationError: new errors.UnsupportedOperationError({ ...m, ...details }),
  QueryExecutionError: new errors.QueryExecutionError({ ...m, ...details }),
  StreamingQueryError: new errors.StreamingQueryError({ ...m, ...details }),
  SparkRuntimeError: new errors.SparkRuntimeError({ ...m, ...details }),
  SparkUpgradeError: new errors.SparkUpgradeError({ ...m, ...details }),
  InvalidPlanInputError: new errors.InvalidPlanInputError({ ...m, ...details }),
  SessionClosedError: new errors.SessionClosedError(m),
  SessionChangedError: new errors.SessionChangedError(m),
  InterruptedError: new errors.InterruptedError(m),
  InvalidPlanError: new errors.InvalidPlanError(m),
  ProtocolError: new errors.ProtocolError(m),
  InvalidOptionError: new errors.InvalidOptionError(m),
  ResultLimitError: new errors.ResultLimitError(m),
  LocalServerError: new errors.LocalServerError(m),
  ArtifactError: new errors.ArtifactError({ ...m, path: "/jars/x.jar" }),
  OperationTimeoutError: new errors.OperationTimeoutError({ ...m, timeoutMs: 5000 }),
  UnsupportedByServerError: new errors.UnsupportedByServerError({ ...m, feature: "GetStatus" }),
  RowConversionError: new errors.RowConversionError({ ...m, column: "a.b", dataType: "Int64" }),
};

test("every class of the union has a distinct literal _tag equal to its class name", (t) => {
  const tags = new Set<string>();
  for (const [key, error] of Object.entries(instances)) {
    t.is(error._tag, key);
    t.is(error.constructor.name, key);
    t.is(error.name, key);
    t.true(error instanceof errors.SparkConnectError, key);
    t.is(error.message, "m");
    tags.add(error._tag);
  }
  t.is(tags.size, Object.keys(instances).length);
});

test("the union lists every concrete error class the module exports", (t) => {
  const exported = Object.entries(errors)
    .filter(([name, value]) => typeof value === "function" && value.prototype instanceof errors.SparkConnectError && name !== "SparkConnectError")
    .map(([name]) => name)
    .sort();
  t.deepEqual(exported, Object.keys(instances).sort());
});

test("SparkError is the base of the Spark error classes and a class of its own", (t) => {
  for (const error of Object.values(instances)) {
    const isSpark = error instanceof errors.SparkError;
    t.is(isSpark, "errorClass" in error, error._tag);
  }
  t.is(instances.SparkError.constructor, errors.SparkError);
  t.false(instances.ParseError.constructor === errors.SparkError);
});

test("the new classes carry their fields", (t) => {
  t.is(instances.OperationTimeoutError.timeoutMs, 5000);
  t.is(new errors.OperationTimeoutError(m).timeoutMs, undefined);
  t.is(instances.UnsupportedByServerError.feature, "GetStatus");
  t.is(instances.UnsupportedByServerError.serverVersion, undefined);
  t.is(new errors.UnsupportedByServerError({ ...m, serverVersion: "4.0.1" }).serverVersion, "4.0.1");
  t.is(instances.RowConversionError.column, "a.b");
  t.is(instances.RowConversionError.dataType, "Int64");
  for (const error of [instances.OperationTimeoutError, instances.UnsupportedByServerError, instances.RowConversionError]) t.false(error.isRetryable);
});
