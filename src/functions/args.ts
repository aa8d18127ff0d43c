// Internal argument helpers of the functions module (not re-exported by its index).
import { Column, type ColumnOrValue } from "../Column.js";
import { LambdaNode } from "../expr/LambdaNode.js";
import type { LiteralValue } from "../expr/LiteralNode.js";
import { type DataType, simpleString } from "../types/DataType.js";
import { InvalidPlanError } from "../../runtime/errors.js";
import { col, fn, lit } from "./core.js";

/** A column, or the name of one (PySpark's `ColumnOrName`). */
export type ColumnOrName = Column | string;

/** A column given as a Column or a column name. */
export function c(x: ColumnOrName): Column {
  return x instanceof Column ? x : col(x);
}

/** A Column as is, a string as a column name, any other value as a literal. */
export function cv(x: ColumnOrName | Exclude<LiteralValue, string>): Column {
  return x instanceof Column ? x : typeof x === "string" ? col(x) : lit(x);
}

/** The arguments up to the last one given: optional trailing parameters left out are not sent. */
export function opt(...args: (ColumnOrValue | undefined)[]): ColumnOrValue[] {
  let n = args.length;
  while (n > 0 && args[n - 1] === undefined) n--;
  const out = args.slice(0, n);
  const gap = out.indexOf(undefined);
  if (gap >= 0) throw new InvalidPlanError({ message: `Argument ${gap + 1} is missing while a later one is given.` });
  return out as ColumnOrValue[];
}

/** A column name or Column, or undefined as is (for optional column parameters). */
export function oc(x: ColumnOrName | undefined): Column | undefined {
  return x === undefined ? undefined : c(x);
}

/** Reader/writer options as Spark's `map(k1, v1, ...)` of strings. */
export function options(o: Readonly<Record<string, string | number | boolean>> | undefined): Column[] {
  if (o === undefined) return [];
  return [fn("map", ...Object.entries(o).flatMap(([k, v]) => [k, String(v)]))];
}

/** A schema given as DDL text, a Column, or a DataType (sent as its DDL string). */
export function schemaArg(schema: string | Column | DataType): ColumnOrValue {
  return typeof schema === "string" || schema instanceof Column ? schema : simpleString(schema);
}

/** A seed chosen by the client when none is given, as PySpark does (stable over re-analysis). */
export function seed(s: number | bigint | Column | undefined): number | bigint | Column {
  return s ?? Math.floor(Math.random() * Number.MAX_SAFE_INTEGER);
}

const PARAMS = ["x", "y", "z"];
let lambdaCounter = 0;

/**
 * A lambda for a higher-order function: calls `f` with `arity` fresh placeholder
 * columns (`x_1`, `y_2`, ...) and wraps its result.
 */
export function lambda(f: (...args: Column[]) => Column, arity: number): Column {
  const names = Array.from({ length: arity }, (_, i) => `${PARAMS[i] ?? `p${i}`}_${++lambdaCounter}`);
  const body = f(...names.map((n) => new Column(LambdaNode.variable(n))));
  if (!(body instanceof Column)) {
    throw new InvalidPlanError({ message: `A higher-order function's callback must return a Column, got ${typeof body}.` });
  }
  return new Column(LambdaNode.create(names, body.node));
}
