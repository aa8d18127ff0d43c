// The compile errors of the query DSL: a stable numeric code each, a message that names
// the rule and shows the fix in DSL syntax. docs/dsl.md lists them all.
import { ARRAY_METHODS, STRING_METHODS } from "./constructs.js";

const first = (table: Readonly<Record<string, unknown>>, n: number) => Object.keys(table).slice(0, n).join(", ");
/** The supported calls, as the messages list them (from the table of transformer/constructs.ts; docs/dsl.md has all). */
const SUPPORTED_CALLS =
  `methods of strings (${first(STRING_METHODS, 6)}, ...), arrays (${first(ARRAY_METHODS, 4)}), Dates (getTime, getUTCFullYear, ...), ` +
  `Math.${"*"}, String(x), Number.isNaN/isFinite/isInteger and [..].includes(x), as listed in docs/dsl.md`;

/** Stable diagnostic codes (reported by tsc/tspc as `error TS<code>`). */
export const Code = {
  FreeVariable: 91001,
  PinReadsRow: 91002,
  UnknownFunction: 91003,
  BlockBody: 91004,
  NotInline: 91005,
  LooseEquality: 91006,
  Assignment: 91007,
  OptionalChaining: 91008,
  InOperator: 91009,
  WholeRow: 91010,
  AggregateOutsideAgg: 91011,
  NonBooleanLogic: 91012,
  BadParameters: 91013,
  BadShape: 91014,
  SortOutsideOrderBy: 91015,
  NestedAggregate: 91016,
  BadArguments: 91017,
  MixedTypes: 91018,
  NonNullAssertion: 91019,
  NonFiniteNumber: 91020,
  BigIntOutOfRange: 91021,
  TooDeep: 91022,
  AsyncLambda: 91023,
  MarkerOutsideLambda: 91024,
  ObjectEquality: 91025,
  ObjectText: 91026,
  DuplicateField: 91027,
  LocalTime: 91028,
  NotGrouped: 91029,
  WindowOutsideOver: 91030,
  Internal: 91098,
  Unsupported: 91099,
} as const;

/** One problem found in a query lambda: where, which rule, and the message. */
export interface DslProblem {
  readonly code: number;
  readonly node: { getStart(): number; getEnd(): number };
  readonly message: string;
}

/** Message texts, each naming the rule and the fix. */
export const Message = {
  freeVariable: (name: string, fix: string) =>
    `Cannot use runtime value \`${name}\` directly in a query expression. Wrap it in pin(): \`${fix}\``,
  notPinnable: (name: string, type: string) =>
    `Cannot use runtime value \`${name}\` (of type \`${type}\`) in a query expression, and pin() cannot send it: ` +
    `pin() takes null, a boolean, number, bigint, string, Date or Uint8Array, an array or Set of those, or a Column. ` +
    `Compute such a value before the query and pin that.`,
  valueArgument: (fn: string, position: number, text: string) =>
    `Argument ${position} of \`${fn}()\` is a plain value computed in JavaScript before the query runs (a pattern, a format, a count), ` +
    `so it cannot read the row: \`${text}\`. Write a literal, a const or pin(value).`,
  pinReadsRow: (param: string) =>
    `pin() is evaluated in JavaScript before the query runs, so it cannot read the row \`${param}\`. Use the column directly, without pin().`,
  unknownFunction: (name: string, fix: string) =>
    `\`${name}()\` cannot be translated into a query expression. Inside a query lambda use pin(), the aggregate ` +
    `and sort markers of spark-connect-ts/dsl (sum, avg, min, max, count, countDistinct, first, last, collectList, ` +
    `collectSet, asc, desc), and these methods and functions: ${SUPPORTED_CALLS}. ${fix}`,
  /** The last sentence of unknownFunction, by whether the call can be computed in JavaScript. */
  unknownFunctionFix: {
    pin: (fix: string) => `This call does not read the row, so it can run in JavaScript: \`${fix}\`.`,
    readsRow: () => "This call reads the row, so pin() cannot compute it either: express it with the supported operations.",
    none: () => "Compute the value before the query (a value pin() can send) and pin that.",
  },
  blockBody: () =>
    "A query lambda must be a single expression: write `e => e.amount > 100`, not `e => { return e.amount > 100; }`.",
  notInline: (text: string) =>
    `\`${text}\` is not a lambda written at this call, and the compiler translates only those: write it here, e.g. ` +
    "`df.where(e => e.amount > 100)`. To reuse one, keep it with a call: `const big = where((e: Event) => e.amount > 1000)` " +
    "(where from spark-connect-ts/dsl), then `big(df)`.",
  castLambda: () =>
    "This lambda is cast, so the call does not take it as a query lambda and the compiler cannot translate it: " +
    "remove the cast (`as ...`) and let the DataFrame method type the row, e.g. `df.where(e => e.amount > 100)`.",
  looseEquality: (op: string) =>
    `\`${op}\` is not allowed in query expressions; use \`${op}=\` (null-safe equality). \`x ${op} null\` is allowed for null checks.`,
  assignment: () => "Query expressions cannot assign; compare with `===` instead.",
  optionalChaining: (receiver: string, condition: string, plain: string) =>
    `Optional chaining (\`?.\`) is not supported in query expressions; test for null instead: ` +
    `\`${receiver} !== null && ${condition}\` in a condition, or \`${receiver} === null ? null : ${plain}\` for a value.`,
  inOperator: () =>
    "The `in` operator is not supported in query expressions; test membership with `[a, b].includes(e.x)` or `pin(list).includes(e.x)`.",
  wholeRow: (param: string) =>
    `The row \`${param}\` can only be used through its columns (\`${param}.column\`), not as a whole value.`,
  aggregateOutsideAgg: (name: string) =>
    `The aggregate \`${name}()\` is only allowed in agg(): e.g. \`.groupBy(e => ({ k: e.k })).agg(e => ({ total: ${name}(e.amount) }))\`.`,
  nonBooleanLogic: (op: string, text: string) =>
    `\`${op}\` in a query expression needs boolean operands, but \`${text}\` is not boolean. Compare it explicitly, e.g. \`${text} !== null\`.`,
  badParameters: (expected: string) => `This query lambda takes ${expected}, as plain parameter names without destructuring or defaults.`,
  badShape: (expected: string) => `This query lambda must return ${expected}.`,
  sortOutsideOrderBy: (name: string) => `\`${name}()\` is a sort key: use it only in orderBy/sort lambdas, e.g. \`orderBy(e => [${name}(e.x)])\`.`,
  nestedAggregate: (name: string) => `Aggregates cannot be nested: \`${name}()\` is inside another aggregate.`,
  badArguments: (name: string, expected: string) => `\`${name}\` takes ${expected} in a query expression.`,
  mixedTypes: (op: "?:" | "??", a: string, ta: string, b: string, tb: string) =>
    `The ${op === "?:" ? "branches" : "sides"} of \`${op}\` must have one type in a query expression, but \`${a}\` is ${ta} and \`${b}\` is ${tb}: ` +
    `Spark would convert one to the other's type. Make them match (for text, put the number in a template literal).`,
  objectEquality: (text: string, kind: string, side: string) =>
    `\`${text}\` compares ${kind === "date" ? "Dates" : kind === "array" ? "arrays" : kind === "binary" ? "byte arrays" : "objects"} ` +
    `(\`${side}\`), which JavaScript compares by identity, not by value. ` +
    (kind === "date"
      ? `Compare their times: \`${text.replace(/(\S+)\s*(===|!==)\s*(\S+)/, "$1.getTime() $2 $3.getTime()")}\`.`
      : `Compare their elements or fields instead.`),
  objectText: (text: string, kind: string) =>
    `\`${text}\` is ${kind === "date" ? "a Date, whose text depends on the time zone of the JavaScript process" : kind === "array" ? "an array" : "an object"}, ` +
    `so its text in a query would not be what JavaScript writes. ` +
    (kind === "date" ? `Use its parts, e.g. \`${text}.getUTCFullYear()\`, or \`${text}.getTime()\`.` : kind === "array" ? `Join its elements: \`${text}.join(",")\`.` : `Use its fields.`),
  joinNonText: (text: string, kind: string) =>
    `\`${text}.join()\` joins ${kind} elements, whose text Spark writes differently from JavaScript; join an array of strings.`,
  duplicateField: (name: string, other: string) =>
    `The column \`${name}\` differs from \`${other}\` only in case, and Spark resolves column names case-insensitively: rename one of them.`,
  localTime: (text: string) =>
    `\`${text}\` depends on the time zone of the JavaScript process, which the query does not run in. ` +
    `Use the UTC form (\`getUTCFullYear()\`, \`getUTCHours()\`, ...) or \`getTime()\`.`,
  notGrouped: (text: string, keys: readonly string[]) =>
    `\`${text}\` is neither a grouping key nor inside an aggregate, so each group has many values of it. ` +
    (keys.length > 0 ? `Group by it too, or aggregate it, e.g. \`first(${text})\` (keys: ${keys.join(", ")}).` : `Aggregate it, e.g. \`first(${text})\`.`),
  windowFunctionOutsideOver: (name: string) =>
    `\`${name}()\` is a window function: use it inside over(), e.g. \`over(${name}(), { partitionBy: [e.k], orderBy: [desc(e.amount)] })\`.`,
  windowOutsideSelect: (name: string) =>
    `\`${name}()\` computes over a window of rows, which Spark allows only in select, withColumns and withColumn: compute it there, then filter or aggregate the result.`,
  windowValue: (name: string, text: string) =>
    `The first argument of \`${name}()\` must be an aggregate (sum, avg, count, ...) or a window function of F (F.rowNumber(), F.lag(...)), ` +
    `not \`${text}\`; to compute with it, write the arithmetic around over(): \`${name}(...) + 1\`.`,
  windowSpec: (name: string) =>
    `The window of \`${name}()\` is an object literal \`{ partitionBy: [e.k], orderBy: [desc(e.amount)], rows: [null, 0] }\` (each part optional, lists as array literals).`,
  windowRows: (text: string) =>
    `\`rows: ${text}\` must be two bounds \`[from, to]\`, each an integer literal (negative: rows before, 0: the current row) or null (unbounded).`,
  replacement: (text: string) =>
    `The replacement \`${text}\` must be a string literal without \`$\` (JavaScript gives \`$&\`, \`$1\`, ... special meaning, which a query cannot follow): ` +
    `write the text literally, or use replace() of spark-connect-ts/functions with the Column API.`,
  nonNullAssertion: (x: string) =>
    `A non-null assertion (\`${x}!\`) would let null through where JavaScript and Spark disagree; check it instead: \`${x} !== null && ...\`.`,
  nonFiniteNumber: (text: string, value: number, fix: string) =>
    `\`${text}\` is not a finite number (it reads as ${value}), so it cannot be sent as a literal. ${fix}`,
  bigIntOutOfRange: (text: string) =>
    `\`${text}\` does not fit Spark's LONG (-9223372036854775808n to 9223372036854775807n); use a bigint in that range.`,
  tooDeep: (limit: number) =>
    `This query expression is nested more than ${limit} levels deep; split it, e.g. compute parts with withColumns() first.`,
  asyncLambda: () => "A query lambda cannot be async (or a generator): remove `async`, e.g. `e => e.amount > 100`.",
  markerOutsideLambda: (name: string, example: string) =>
    `\`${name}()\` only has meaning inside a query lambda written at a DataFrame call, e.g. \`${example}\`; outside one it throws when it runs.`,
  internal: (error: string) =>
    `The query lambda could not be analysed (internal error: ${error}). Rewrite it with the Column API, and please report this.`,
  unsupported: (what: string) =>
    `${what} is not supported in query expressions. Supported: column access (e.x, e["x"]), literals, pin(), ` +
    `=== !== < <= > >=, && || !, + - * / % **, template literals, ??, ?:, null checks, ${SUPPORTED_CALLS}, ` +
    `and the markers of spark-connect-ts/dsl.`,
} as const;
