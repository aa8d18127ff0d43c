import test, { type ExecutionContext } from "ava";
import { Effect, Redacted } from "effect";
import {
  AnalysisError,
  ArithmeticError,
  DateTimeError,
  NumberFormatError,
  ParseError,
  SparkConnectError,
  SparkError,
  SparkSession,
} from "../../src/index.js";
import * as Spark from "../../src/effect.js";
import { SparkRuntimeError, SparkUpgradeError } from "../../runtime/errors.js";
import { parseConnectionString } from "../../runtime/ConnectionString.js";
import { connect, testUrl } from "../support/server.js";

const spark = await connect();
test.after.always(() => spark.close());
test.before(async () => {
  // Spark 4 has ANSI mode on by default; set it anyway so the arithmetic and cast cases hold.
  await spark.sql("SET spark.sql.ansi.enabled=true").collect();
});

/** The session answers a plain query after the error. */
async function stillUsable(t: ExecutionContext, session: SparkSession = spark): Promise<void> {
  t.deepEqual(await session.sql("SELECT 1 AS ok").collect(), [{ ok: 1 }], "the session stays usable");
}

function hasStackTrace(t: ExecutionContext, err: SparkError): void {
  // Spark 4.1 always sends the server stack trace with FetchErrorDetails.
  t.regex(err.serverStackTrace ?? "", /^ {2}at org\.apache\.spark\.\S+\(\S+\.scala:\d+\)$/m);
}

test("invalid SQL: ParseError PARSE_SYNTAX_ERROR 42601, position in message and parameters", async (t) => {
  const err = await t.throwsAsync(spark.sql("SELEC 1").collect(), { instanceOf: ParseError });
  t.true(err instanceof SparkConnectError);
  t.is(err._tag, "ParseError");
  t.is(err.errorClass, "PARSE_SYNTAX_ERROR");
  t.is(err.sqlState, "42601");
  t.deepEqual(err.messageParameters, { error: "'SELEC'", hint: "" });
  t.deepEqual(err.classes.slice(0, 2), ["org.apache.spark.sql.catalyst.parser.ParseException", "org.apache.spark.sql.AnalysisException"]);
  // Spark sends no query context for parse errors: the position is in the message.
  t.deepEqual(err.queryContext, []);
  t.true(err.message.startsWith("[PARSE_SYNTAX_ERROR] Syntax error at or near 'SELEC'. SQLSTATE: 42601 (line 1, pos 0)"));
  t.regex(err.message, /== SQL ==\nSELEC 1\n\^\^\^/);
  t.truthy(err.errorId);
  t.deepEqual(err.causes, []);
  hasStackTrace(t, err);
  await stillUsable(t);
});

test("a parse error at the end of input points there", async (t) => {
  const err = await t.throwsAsync(spark.sql("SELECT 1 +").collect(), { instanceOf: ParseError });
  t.is(err.messageParameters["error"], "end of input");
  t.regex(err.message, /\(line 1, pos 10\)/);
  t.regex(err.message, /SELECT 1 \+\n-{10}\^\^\^/);
  await stillUsable(t);
});

test("unknown column: AnalysisError UNRESOLVED_COLUMN.WITH_SUGGESTION with proposal and query context", async (t) => {
  const query = "SELECT nope FROM VALUES (1, 2) AS t(id, idx)";
  const err = await t.throwsAsync(spark.sql(query).collect(), { instanceOf: AnalysisError });
  t.is(err.errorClass, "UNRESOLVED_COLUMN.WITH_SUGGESTION");
  t.is(err.sqlState, "42703");
  t.deepEqual(err.messageParameters, { objectName: "`nope`", proposal: "`id`, `idx`" });
  t.is(err.classes[0], "org.apache.spark.sql.catalyst.ExtendedAnalysisException");
  t.is(err.queryContext.length, 1);
  const ctx = err.queryContext[0]!;
  t.like(ctx, { contextType: "SQL", objectType: "", objectName: "", startIndex: 7, stopIndex: 10, fragment: "nope", callSite: "" });
  t.is(query.slice(ctx.startIndex, ctx.stopIndex + 1), ctx.fragment);
  t.regex(ctx.summary, /^== SQL \(line 1, position 8\) ==\n/);
  hasStackTrace(t, err);
  await stillUsable(t);
});

test("errors of AnalyzePlan calls (schema()) are enriched too", async (t) => {
  const err = await t.throwsAsync(spark.sql("SELECT nope FROM range(1)").schema(), { instanceOf: AnalysisError });
  t.is(err.messageParameters["proposal"], "`id`");
  t.is(err.queryContext[0]?.fragment, "nope");
  hasStackTrace(t, err);
  await stillUsable(t);
});

test("division by zero under ANSI: ArithmeticError DIVIDE_BY_ZERO 22012", async (t) => {
  const err = await t.throwsAsync(spark.sql("SELECT 1/0").collect(), { instanceOf: ArithmeticError });
  t.is(err.errorClass, "DIVIDE_BY_ZERO");
  t.is(err.sqlState, "22012");
  t.deepEqual(err.messageParameters, { config: '"spark.sql.ansi.enabled"' });
  t.deepEqual(err.classes.slice(0, 2), ["org.apache.spark.SparkArithmeticException", "java.lang.ArithmeticException"]);
  t.like(err.queryContext[0], { contextType: "SQL", fragment: "1/0", startIndex: 7, stopIndex: 9 });
  t.regex(err.message, /^\[DIVIDE_BY_ZERO\] Division by zero\. Use `try_divide`/);
  await stillUsable(t);
});

test("a malformed cast under ANSI: NumberFormatError CAST_INVALID_INPUT 22018", async (t) => {
  const err = await t.throwsAsync(spark.sql("SELECT CAST('x' AS INT)").collect(), { instanceOf: NumberFormatError });
  t.is(err.errorClass, "CAST_INVALID_INPUT");
  t.is(err.sqlState, "22018");
  t.like(err.messageParameters, { expression: "'x'", sourceType: '"STRING"', targetType: '"INT"' });
  // SparkNumberFormatException is also an IllegalArgumentException: the more specific class wins.
  t.deepEqual(err.classes.slice(0, 3), [
    "org.apache.spark.SparkNumberFormatException",
    "java.lang.NumberFormatException",
    "java.lang.IllegalArgumentException",
  ]);
  t.is(err.queryContext[0]?.fragment, "CAST('x' AS INT)");
  await stillUsable(t);
});

test("an unparsable date: DateTimeError CANNOT_PARSE_TIMESTAMP 22007", async (t) => {
  const err = await t.throwsAsync(spark.sql("SELECT to_date('x', 'yyyy-MM-dd')").collect(), { instanceOf: DateTimeError });
  t.is(err.errorClass, "CANNOT_PARSE_TIMESTAMP");
  t.is(err.sqlState, "22007");
  t.is(err.classes[0], "org.apache.spark.SparkDateTimeException");
  await stillUsable(t);
});

test("raise_error(): SparkRuntimeError USER_RAISED_EXCEPTION P0001", async (t) => {
  const err = await t.throwsAsync(spark.sql("SELECT raise_error('boom')").collect(), { instanceOf: SparkRuntimeError });
  t.is(err._tag, "SparkRuntimeError");
  t.is(err.errorClass, "USER_RAISED_EXCEPTION");
  t.is(err.sqlState, "P0001");
  t.deepEqual(err.messageParameters, { errorMessage: "boom" });
  t.is(err.message, "[USER_RAISED_EXCEPTION] boom SQLSTATE: P0001");
  t.deepEqual(err.causes, []);
  await stillUsable(t);
});

test("a very long message arrives whole (the gRPC status alone stops at 2048 characters)", async (t) => {
  const name = `t_${"a".repeat(3000)}`;
  const err = await t.throwsAsync(spark.sql(`SELECT * FROM ${name}`).collect(), { instanceOf: AnalysisError });
  t.is(err.errorClass, "TABLE_OR_VIEW_NOT_FOUND");
  t.is(err.sqlState, "42P01");
  t.true(err.message.length > 2 * 3000, `message length ${err.message.length}`);
  t.true(err.message.startsWith(`[TABLE_OR_VIEW_NOT_FOUND] The table or view \`${name}\` cannot be found.`));
  t.is(err.messageParameters["relationName"], `\`${name}\``);
  t.like(err.queryContext[0], { fragment: name, startIndex: 14, stopIndex: 14 + name.length - 1 });
  await stillUsable(t);
});

test("without an errorId (enrichError disabled) the status's own details are kept", async (t) => {
  const other = await connect();
  t.teardown(() => other.close());
  await other.sql("SET spark.sql.connect.enrichError.enabled=false").collect();
  const name = `t_${"b".repeat(3000)}`;
  const long = await t.throwsAsync(other.sql(`SELECT * FROM ${name}`).collect(), { instanceOf: AnalysisError });
  t.is(long.errorId, undefined);
  t.is(long.message.length, 2048, "Spark cuts the status message");
  // The parameters did not fit in the status metadata, so Spark left out errorClass too;
  // the client reads it from the message's "[CLASS]" prefix.
  t.is(long.errorClass, "TABLE_OR_VIEW_NOT_FOUND");
  t.deepEqual(long.queryContext, []);
  t.is(long.serverStackTrace, undefined);
  const short = await t.throwsAsync(other.sql("SELECT nope FROM range(1)").collect(), { instanceOf: AnalysisError });
  t.is(short.errorClass, "UNRESOLVED_COLUMN.WITH_SUGGESTION");
  t.is(short.messageParameters["proposal"], "`id`");
  t.deepEqual(short.queryContext, []);
  await stillUsable(t, other);
});

test("a cause chain: SparkUpgradeError caused by a SparkIllegalArgumentException", async (t) => {
  const err = await t.throwsAsync(spark.sql("SELECT to_timestamp('2020-01-01', 'YYYY-MM-dd')").collect(), {
    instanceOf: SparkUpgradeError,
  });
  t.is(err.errorClass, "INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION");
  t.is(err.sqlState, "42K0B");
  t.regex(err.message, /spark\.sql\.legacy\.timeParserPolicy/);
  t.is(err.causes.length, 1);
  const cause = err.causes[0]!;
  t.deepEqual(cause.classes.slice(0, 2), ["org.apache.spark.SparkIllegalArgumentException", "java.lang.IllegalArgumentException"]);
  t.is(cause.errorClass, "INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_WEEK_BASED_PATTERN");
  t.is(cause.sqlState, "42K0B");
  t.regex(cause.message, /week-based character: Y/);
  await stillUsable(t);
});

test("a cause chain ending in a non-Spark exception (from_json FAILFAST)", async (t) => {
  const err = await t.throwsAsync(spark.sql("SELECT from_json('{', 'a INT', map('mode', 'FAILFAST'))").collect(), {
    instanceOf: SparkError,
  });
  t.is(err.constructor, SparkError, "SparkException has no subclass of its own");
  t.is(err.errorClass, "MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION");
  t.is(err.sqlState, "22023");
  t.is(err.classes[0], "org.apache.spark.SparkException");
  t.true(err.causes.length >= 1);
  const cause = err.causes[0]!;
  t.true(cause.classes.includes("com.fasterxml.jackson.core.JsonParseException"));
  t.is(cause.errorClass, undefined);
  t.regex(cause.message, /Unexpected end-of-input/);
  await stillUsable(t);
});

test("a failed task whose details Spark cannot serialise still rejects with the status's error", async (t) => {
  // Spark 4.1.1's FetchErrorDetails fails (NullPointerException) on causes without a message,
  // like the InvocationTargetException here: the error from the status is kept.
  const err = await t.throwsAsync(spark.sql("SELECT java_method('java.lang.Integer', 'parseInt', 'x')").collect(), {
    instanceOf: SparkError,
  });
  t.is(err.classes[0], "org.apache.spark.SparkException");
  t.regex(err.message, /^Job aborted due to stage failure/);
  t.regex(err.message, /InvocationTargetException/);
  await stillUsable(t);
});

test("the token never appears in messages, parameters or query contexts", async (t) => {
  const config = parseConnectionString(testUrl());
  const token = config.token ? Redacted.value(config.token) : "tok-7c1e9a5d-not-a-real-secret";
  const base = testUrl();
  const url = config.token ? base : `${base.replace(/\/$/, "")}${base.includes("/;") ? "" : "/"};token=${token}`;
  const session = await SparkSession.connect(url);
  t.teardown(() => session.close());
  const err = await t.throwsAsync(session.sql(`SELECT \`${token}\` FROM range(1)`).collect(), { instanceOf: AnalysisError });
  t.is(err.errorClass, "UNRESOLVED_COLUMN.WITH_SUGGESTION");
  t.is(err.messageParameters["objectName"], "`<redacted>`");
  t.is(err.queryContext[0]?.fragment, "`<redacted>`");
  const everything = [String(err), err.message, JSON.stringify(err), JSON.stringify(err.queryContext), err.serverStackTrace ?? ""];
  for (const text of everything) t.false(text.includes(token));
  await stillUsable(t, session);
});

test("Effect API: the same error in the typed error channel, caught by tag", async (t) => {
  const program = Effect.gen(function* () {
    const session = yield* Spark.connect(testUrl());
    const first = yield* Spark.collect(session.sql("SELEC 1")).pipe(
      Effect.map(() => "no error"),
      // The channel is the SparkConnectFailure union: catchTag narrows `e` to ParseError.
      Effect.catchTag("ParseError", (e) => Effect.succeed(`${e._tag} ${e.errorClass}`)),
    );
    const second = yield* Spark.collect(session.sql("SELECT nope FROM range(1)")).pipe(
      Effect.map(() => "no error"),
      Effect.catchTag("AnalysisError", (e) => Effect.succeed(e.queryContext[0]?.fragment)),
    );
    const rows = yield* Spark.collect(session.sql("SELECT 1 AS ok"));
    return { first, second, rows };
  });
  const out = await Effect.runPromise(Effect.scoped(program));
  t.deepEqual(out, { first: "ParseError PARSE_SYNTAX_ERROR", second: "nope", rows: [{ ok: 1 }] });
});
