// Parity sweeps of one-argument built-in functions with PySpark Connect (see harness.ts):
// each case applies a group of functions in one select, so the function names this
// client sends (which become the column names) and the results are compared for many
// functions at a time. PySpark's name of each is the snake_case of ours.
import type { Column, DataFrame } from "../../src/index.js";
import * as F from "../../src/functions/index.js";
import { registerCases, type Case, type Ctx } from "./harness.js";

const snake = (name: string) => name.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`);
const call = F as unknown as Record<string, (c: string) => Column>;

/** A case applying each function to its column of the fixture (or of `prepare`'s DataFrame). */
function sweep(
  name: string,
  fixture: keyof Ctx["fx"],
  fns: readonly (readonly [fn: string, column: string, pyName?: string])[],
  options: { groupBy?: string; prepare?: { py: string; ts: (df: DataFrame) => DataFrame }; conf?: Record<string, string> } = {},
): Case {
  const pyCols = fns.map(([fn, c, py]) => `F.${py ?? snake(fn)}("${c}")`).join(", ");
  const pySource = options.prepare ? `${fixture}${options.prepare.py}` : fixture;
  const py = options.groupBy ? `${pySource}.groupBy("${options.groupBy}").agg(${pyCols})` : `${pySource}.select(${pyCols})`;
  return {
    name,
    py,
    ...(options.conf ? { conf: options.conf } : {}),
    ts: ({ fx }) => {
      const df = options.prepare ? options.prepare.ts(fx[fixture]) : fx[fixture];
      const cols = fns.map(([fn, c]) => {
        const f = call[fn];
        if (typeof f !== "function") throw new Error(`no function ${fn} in spark-connect-ts/functions`);
        return f(c);
      });
      return options.groupBy ? df.groupBy(options.groupBy).agg(...cols) : df.select(...cols);
    },
  };
}

const each = (column: string, fns: string) => fns.split(/\s+/).filter(Boolean).map((fn) => [fn, column] as const);

const cases: Case[] = [
  sweep("sweep string functions", "people", [
    ...each("name", "ascii base64 bitLength charLength characterLength collation initcap isValidUtf8 lcase length lower makeValidUtf8 octetLength quote soundex tryValidateUtf8 ucase upper validateUtf8"),
    ["char", "id"],
  ]),
  sweep("sweep hash functions", "people", each("name", "crc32 md5 sha sha1")),
  sweep("sweep math functions", "pairs", [
    ...each("a", "abs acos acosh asin asinh atan atanh cbrt cos cosh cot csc degrees exp expm1 ln log log10 log1p log2 negative positive radians rint sec sign signum sin sinh sqrt tan tanh"),
    ...each("id", "bin factorial hex"),
  ]),
  sweep("sweep math aliases", "pairs", [["negate", "a"], ["toDegrees", "a", "toDegrees"], ["toRadians", "a", "toRadians"]]),
  sweep("sweep timestamp parts", "times", each("ts", "day dayname dayofmonth dayofweek dayofyear hour minute month monthname quarter second weekday weekofyear year unixMicros unixMillis unixSeconds")),
  sweep("sweep timestamp parts Asia/Kolkata", "times", each("ts", "day dayofweek hour minute quarter weekday year unixSeconds"), { conf: { "spark.sql.session.timeZone": "Asia/Kolkata" } }),
  sweep("sweep date functions", "times", [...each("d", "lastDay unixDate dayname monthname"), ...each("id", "timestampMicros timestampMillis timestampSeconds")]),
  sweep("sweep array functions", "nested", each("arr", "arrayCompact arrayDistinct arrayMax arrayMin arraySize cardinality reverse size")),
  sweep("sweep map functions", "nested", each("m", "mapEntries mapKeys mapValues")),
  sweep("sweep aggregate functions", "pairs", [...each("b", "avg count max mean min product sum sumDistinct tryAvg trySum"), ...each("id", "bitAnd bitOr bitXor"), ...each("flag", "boolAnd boolOr countIf every some")], {
    groupBy: "g",
    prepare: { py: `.withColumn("flag", F.col("a") > 3)`, ts: (df) => df.withColumn("flag", F.col("a").gt(3)) },
  }),
];

registerCases(cases);
