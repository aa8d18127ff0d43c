import type { Column } from "../Column.js";
import { isCompiledLambda } from "./ir.js";
import { notCompiled } from "./notCompiled.js";
import { bodyColumn, bodyFields, bodyList, type RowSource } from "./lower.js";

/** Whether a DataFrame method argument is a query lambda (compiled, or a function that was not). */
export function isLambdaArg(v: unknown): boolean {
  return typeof v === "function" || isCompiledLambda(v);
}

function compiled(method: string, v: unknown) {
  if (!isCompiledLambda(v)) return notCompiled(method);
  return v;
}

/** The Column of a single-expression query lambda. */
export function lambdaColumn(method: string, v: unknown, rows: readonly RowSource[]): Column {
  return bodyColumn(compiled(method, v), rows);
}

/** The named Columns of an object-returning query lambda. */
export function lambdaFields(method: string, v: unknown, rows: readonly RowSource[]): [string, Column][] {
  return bodyFields(compiled(method, v), rows);
}

/** The Columns of a list-returning query lambda. */
export function lambdaList(method: string, v: unknown, rows: readonly RowSource[]): Column[] {
  return bodyList(compiled(method, v), rows);
}

/** Rows of a single-DataFrame lambda: columns resolve by name against the input. */
export const UNQUALIFIED: readonly RowSource[] = [{ plan: undefined }];
