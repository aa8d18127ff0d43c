// The hint added to Spark's error when a set operation that matches columns by name meets
// two sides whose column names differ. Spark's own message names the column but not the
// operation or the fix (`Cannot resolve column name "name" among (city, nme)`, or a
// NUM_COLUMNS_MISMATCH that says UNION for an intersect too).
import { SparkError, type SparkConnectError } from "../../../runtime/errors.js";

/**
 * Spark's error classes for a union by name whose sides do not have the same names: a
 * name missing on the other side, another number of columns, a name twice on one side.
 */
const NAME_MISMATCH: ReadonlySet<string> = new Set([
  "_LEGACY_ERROR_TEMP_1201", // a name missing on the other side, up to Spark 4.1
  "UNRESOLVED_COLUMN_AMONG_FIELD_NAMES", // the same from Spark 4.2
  "NUM_COLUMNS_MISMATCH",
  "COLUMN_ALREADY_EXISTS",
]);

const RENAME = "Rename columns to match (select, withColumnRenamed or toDF)";

/** What to do when the sides of `method` have different column names. */
function hintOf(method: string): string {
  if (method === "unionByName") {
    return (
      `unionByName() needs the same column names on both sides, each once. ${RENAME}, ` +
      `fill columns missing on one side with nulls with unionByName(other, { allowMissingColumns: true }), ` +
      `or combine the columns by position with unionByPosition(other).`
    );
  }
  const byPosition =
    method === "union" || method === "unionAll"
      ? "or combine them by position with unionByPosition(other)"
      : `or, to match them by position, give the other side this side's names first: ${method}(other.toDF(...names))`;
  return (
    `${method}() matches columns by name, not by position as PySpark's ${method} does, so both sides need the same ` +
    `column names, each once. ${RENAME}, ${byPosition}.`
  );
}

/**
 * Adds the hint for each of `methods` (the set operations by name in the failed request's
 * plan) to a Spark error about mismatched column names; other errors pass as they are.
 */
export function withSetOpHint(methods: readonly string[]): (e: SparkConnectError) => SparkConnectError {
  return (e) => {
    if (methods.length === 0 || !(e instanceof SparkError)) return e;
    // Spark 3.5 sends no error class for a missing name: its message is the same as 4.x's _LEGACY_ERROR_TEMP_1201.
    const mismatch = NAME_MISMATCH.has(e.errorClass ?? "") || (e.errorClass === undefined && /Cannot resolve column name "[^"]*" among \(/.test(e.message));
    if (!mismatch) return e;
    return withHint(e, methods.map(hintOf).join("\n"));
  };
}

/** The same Spark error (same class and details) with `hint` on a line after its message. */
export function withHint(e: SparkError, hint: string): SparkError {
  const Cls = e.constructor as new (fields: ConstructorParameters<typeof SparkError>[0]) => SparkError;
  return new Cls({
    message: `${e.message.trimEnd()}\n${hint}`,
    cause: e.cause,
    ...(e.retryDelayMs !== undefined ? { retryDelayMs: e.retryDelayMs } : {}),
    ...(e.grpcCode !== undefined ? { grpcCode: e.grpcCode } : {}),
    errorClass: e.errorClass,
    sqlState: e.sqlState,
    messageParameters: e.messageParameters,
    classes: e.classes,
    errorId: e.errorId,
    queryContext: e.queryContext,
    serverStackTrace: e.serverStackTrace,
    causes: e.causes,
    breakingChangeInfo: e.breakingChangeInfo,
  });
}

/**
 * The requests (Plans, AnalyzePlan requests) encoded with set operations by name, and
 * the methods that made them: `encoded` records them, the calls that send them read them.
 */
const requests = new WeakMap<object, readonly string[]>();

/** Records that `request` was encoded with set operations by name made by `methods`. */
export function recordNamesMatched(request: unknown, methods: ReadonlySet<string>): void {
  if (methods.size > 0 && typeof request === "object" && request !== null) requests.set(request, [...methods]);
}

/** The methods recorded for any of `parts` (a request, or the plans and relations in it). */
export function namesMatchedIn(...parts: unknown[]): string[] {
  const out = new Set<string>();
  for (const p of parts) {
    if (typeof p !== "object" || p === null) continue;
    for (const m of requests.get(p) ?? []) out.add(m);
  }
  return [...out];
}
