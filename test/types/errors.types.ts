// Type tests of the error classes in the Effect error channel. This file is compiled by the
// main build (`npm run build`): a line marked `@ts-expect-error` that compiles, or an
// exact-type assertion that does not hold, fails the build and so the test run
// (test/unit/errorTypes.test.ts checks that the compiled file exists). The Effect calls sit
// in functions that are never called, so nothing runs.
import { Effect } from "effect";
import {
  AnalysisError,
  type InvalidPlanInputError,
  type ParseError,
  type SparkConnectError,
  type SparkConnectFailure,
  SparkError,
  type SparkErrorTag,
  type RowConversionError,
  type UnsupportedByServerError,
} from "../../runtime/errors.js";

// ---- helpers ----

/** Whether A and B are the same type (not merely mutually assignable). */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;

/** `expectType<T>()(value)` compiles only when the value's type is exactly T. */
const expectType =
  <Expected>() =>
  <Actual>(_value: Actual, ..._mismatch: Equal<Actual, Expected> extends true ? [] : [never]): void => {};

/** The error channel of an Effect. */
type ErrorOf<T> = T extends Effect.Effect<infer _A, infer E, infer _R> ? E : never;

/** A SparkError of no more specific kind, as the union holds it. */
type GenericSparkError = SparkError & { readonly _tag: "SparkError" };

/** An Effect that can fail with any of the library's errors. */
declare const failing: Effect.Effect<number, SparkConnectFailure>;

// The helper itself rejects near misses.
// @ts-expect-error string is not a union of literals
expectType<"a" | "b">()("a" as string);

// ---- the tags ----

export function tags(): void {
  // The tags are literals, not `string`.
  expectType<true>()(true as string extends SparkConnectFailure["_tag"] ? false : true);
  // (Tag types are compared with Equal: a readonly field's literal type widens to string
  // when it is inferred for a type parameter such as expectType's.)
  type AllTags =
    | "InvalidConnectionStringError"
    | "TransportError"
    | "AuthenticationError"
    | "SparkError"
    | "ParseError"
    | "AnalysisError"
    | "ArithmeticError"
    | "NumberFormatError"
    | "IllegalArgumentError"
    | "DateTimeError"
    | "UnsupportedOperationError"
    | "QueryExecutionError"
    | "StreamingQueryError"
    | "SparkRuntimeError"
    | "SparkUpgradeError"
    | "InvalidPlanInputError"
    | "SessionClosedError"
    | "SessionChangedError"
    | "InterruptedError"
    | "InvalidPlanError"
    | "ProtocolError"
    | "InvalidOptionError"
    | "ResultLimitError"
    | "LocalServerError"
    | "ArtifactError"
    | "OperationTimeoutError"
    | "UnsupportedByServerError"
    | "RowConversionError";
  expectType<true>()(true as Equal<SparkConnectFailure["_tag"], AllTags>);
  // The base classes' `_tag`s are unions of those literals too.
  expectType<true>()(true as Equal<SparkConnectError["_tag"], AllTags>);
  expectType<true>()(true as Equal<SparkError["_tag"], SparkErrorTag>);
  expectType<true>()(true as Equal<ParseError["_tag"], "ParseError">);
  expectType<true>()(true as Equal<GenericSparkError["_tag"], "SparkError">);
  // @ts-expect-error the assertion itself fails on a wrong tag
  expectType<true>()(true as Equal<ParseError["_tag"], "AnalysisError">);
  // @ts-expect-error a tag that no class has
  const typo: SparkConnectFailure["_tag"] = "ParsErr0r";
  void typo;
}

// ---- instanceof and new ----

export function classes(e: SparkConnectFailure): void {
  // instanceof SparkError keeps every subclass.
  if (e instanceof SparkError) {
    expectType<string | undefined>()(e.errorClass);
    expectType<true>()(true as Equal<typeof e._tag, SparkErrorTag>);
  }
  // new SparkError(...) is a SparkError and a SparkConnectError.
  const plain = new SparkError({ message: "m", errorClass: undefined, sqlState: undefined, messageParameters: {}, classes: [], errorId: undefined });
  const asBase: SparkConnectError = plain;
  void asBase;
  const analysis: SparkError = new AnalysisError({ message: "m", errorClass: undefined, sqlState: undefined, messageParameters: {}, classes: [], errorId: undefined });
  void analysis;
}

// ---- Effect.catchTag ----

export function catchTag(): void {
  // @ts-expect-error no error has this tag
  Effect.catchTag(failing, "NoSuchTag", () => Effect.succeed(0));
  // @ts-expect-error a misspelt tag
  Effect.catchTag(failing, "ParsErr0r", () => Effect.succeed(0));

  // A subclass's tag narrows to the subclass.
  const parse = Effect.catchTag(failing, "ParseError", (e) => {
    expectType<ParseError>()(e);
    return Effect.succeed(0);
  });
  expectType<Exclude<SparkConnectFailure, ParseError>>()(undefined as unknown as ErrorOf<typeof parse>);

  // "SparkError" narrows to the generic SparkError only, not to its subclasses.
  const generic = Effect.catchTag(failing, "SparkError", (e) => {
    expectType<GenericSparkError>()(e);
    return Effect.succeed(0);
  });
  type AfterGeneric = ErrorOf<typeof generic>;
  expectType<false>()(false as GenericSparkError extends AfterGeneric ? true : false);
  expectType<true>()(true as ParseError extends AfterGeneric ? true : false);
  expectType<true>()(true as InvalidPlanInputError extends AfterGeneric ? true : false);

  // New classes take part like the others.
  Effect.catchTag(failing, "UnsupportedByServerError", (e) => {
    expectType<UnsupportedByServerError>()(e);
    expectType<string | undefined>()(e.feature);
    return Effect.succeed(0);
  });
  Effect.catchTag(failing, "RowConversionError", (e) => {
    expectType<string>()(e.column);
    return Effect.succeed(0);
  });

  // The data-last form in a pipe checks the tag as well.
  failing.pipe(Effect.catchTag("AnalysisError", (e) => Effect.succeed(e.queryContext.length)));
}

// ---- Effect.catchTags ----

export function catchTags(): void {
  const ok = () => Effect.succeed(0);
  // A handler for every tag leaves no error.
  const all = Effect.catchTags(failing, {
    InvalidConnectionStringError: ok,
    TransportError: ok,
    AuthenticationError: ok,
    SparkError: (e) => {
      expectType<GenericSparkError>()(e);
      return ok();
    },
    ParseError: (e) => {
      expectType<ParseError>()(e);
      return ok();
    },
    AnalysisError: ok,
    ArithmeticError: ok,
    NumberFormatError: ok,
    IllegalArgumentError: ok,
    DateTimeError: ok,
    UnsupportedOperationError: ok,
    QueryExecutionError: ok,
    StreamingQueryError: ok,
    SparkRuntimeError: ok,
    SparkUpgradeError: ok,
    InvalidPlanInputError: ok,
    SessionClosedError: ok,
    SessionChangedError: ok,
    InterruptedError: ok,
    InvalidPlanError: ok,
    ProtocolError: ok,
    InvalidOptionError: ok,
    ResultLimitError: ok,
    LocalServerError: ok,
    ArtifactError: ok,
    OperationTimeoutError: ok,
    UnsupportedByServerError: ok,
    RowConversionError: (e) => {
      expectType<RowConversionError>()(e);
      return ok();
    },
  });
  expectType<Effect.Effect<number, never>>()(all);

  // Handling only the generic SparkError leaves its subclasses.
  const some = Effect.catchTags(failing, { SparkError: ok, TransportError: ok });
  expectType<true>()(true as ParseError extends ErrorOf<typeof some> ? true : false);
  expectType<false>()(false as GenericSparkError extends ErrorOf<typeof some> ? true : false);

  // Every Spark error at once (docs/errors.md): a refinement by instanceof.
  const spark = Effect.catchIf(failing, (e) => e instanceof SparkError, (e) => Effect.succeed(e.errorClass === undefined ? 0 : 1));
  expectType<false>()(false as ParseError extends ErrorOf<typeof spark> ? true : false);
  expectType<false>()(false as GenericSparkError extends ErrorOf<typeof spark> ? true : false);
  expectType<true>()(true as UnsupportedByServerError extends ErrorOf<typeof spark> ? true : false);

  // @ts-expect-error a misspelt tag as a handler key
  Effect.catchTags(failing, { ParseError: ok, AnalysisErorr: ok });
}
