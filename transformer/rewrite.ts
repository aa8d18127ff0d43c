// Builds the replacement of a compiled query lambda: an object literal carrying the IR
// and the pinned expressions, which the DataFrame methods turn into Columns at run time.
import type * as TS from "typescript";
import type { DslBody, DslUse } from "../src/dsl/ir.js";

/** The IR version written (src/dsl/ir.ts DSL_IR_VERSION, which the runtime reads; a unit test keeps them equal). */
export const IR_VERSION = 2;

type Json = string | number | boolean | null | readonly Json[] | { readonly [k: string]: Json };

/** A JSON-like value as a TypeScript expression. */
function literal(f: TS.NodeFactory, ts: typeof TS, v: Json): TS.Expression {
  if (v === null) return f.createNull();
  if (typeof v === "string") return f.createStringLiteral(v);
  if (typeof v === "boolean") return v ? f.createTrue() : f.createFalse();
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new Error(`non-finite number ${v} in DSL IR`);
    return v < 0 || Object.is(v, -0)
      ? f.createPrefixUnaryExpression(ts.SyntaxKind.MinusToken, f.createNumericLiteral(String(-v)))
      : f.createNumericLiteral(String(v));
  }
  if (Array.isArray(v)) return f.createArrayLiteralExpression(v.map((x) => literal(f, ts, x as Json)));
  return f.createObjectLiteralExpression(
    Object.entries(v as Record<string, Json>)
      .filter(([, x]) => x !== undefined)
      .map(([k, x]) => f.createPropertyAssignment(/^[A-Za-z_$][\w$]*$/.test(k) ? f.createIdentifier(k) : f.createStringLiteral(k), literal(f, ts, x))),
  );
}

/**
 * `{ [Symbol.for("spark-connect-ts.dsl.lambda")]: <IR version>, use, body: <IR>, pins: [<pinned expressions>] }`.
 */
export function compiledLambda(ts: typeof TS, f: TS.NodeFactory, use: DslUse, body: DslBody, pins: readonly TS.Expression[]): TS.Expression {
  const marker = f.createComputedPropertyName(
    f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier("Symbol"), "for"), undefined, [
      f.createStringLiteral("spark-connect-ts.dsl.lambda"),
    ]),
  );
  return f.createObjectLiteralExpression(
    [
      f.createPropertyAssignment(marker, f.createNumericLiteral(String(IR_VERSION))),
      f.createPropertyAssignment("use", f.createStringLiteral(use)),
      f.createPropertyAssignment("body", literal(f, ts, body as unknown as Json)),
      f.createPropertyAssignment("pins", f.createArrayLiteralExpression([...pins])),
    ],
    false,
  );
}
