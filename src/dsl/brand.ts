// Type-level marks the transformer reads through the checker (they survive aliases,
// re-exports and renamed imports, and need no JSDoc, which tsc does not parse in .ts files).

/** A DataFrame method parameter that takes a query lambda of the given kind. */
export type QueryLambda<Kind extends string, F> = F & { readonly __sparkDslLambda?: Kind };

/** A function that only has meaning inside query lambdas (pin, aggregates, sort keys). */
export type DslMarker<Role extends string> = { readonly __sparkDsl: Role };

/** Attaches a marker role to a function value. */
export function marker<Role extends string, F extends (...args: never[]) => unknown>(role: Role, f: F): F & DslMarker<Role> {
  return Object.assign(f, { __sparkDsl: role });
}
