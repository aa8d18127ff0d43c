import { type DslMarker, marker } from "./brand.js";
import { notCompiled } from "./notCompiled.js";
import type { Column } from "../Column.js";
import type { LiteralValue } from "../expr/LiteralNode.js";

/**
 * Marks a runtime value inside a DSL lambda: it is evaluated in JavaScript when the
 * query is built and sent as a literal. Only valid inside lambdas compiled by the
 * transformer; called at run time it throws with the setup fix.
 *
 * @example
 * ```ts
 * const min = 100;
 * df.where((e) => e.amount > pin(min));
 * ```
 */
export const pin: (<T extends Pinnable>(value: T) => T) & DslMarker<"pin"> = marker("pin", <T extends Pinnable>(_value: T): T =>
  notCompiled("pin"),
);

/** What pin() can send: a literal value, an array or Set of them (for .includes), or a Column. */
export type Pinnable = LiteralValue | ReadonlySet<LiteralValue> | Column;
