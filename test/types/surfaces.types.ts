// Type test: the Effect API has a function for every Promise operation of the public
// classes. Compiled by the main build; a Promise method without an Effect form of the
// same name fails the build (test/unit/surfaces.test.ts checks the same at run time).
import type { Catalog } from "../../src/Catalog.js";
import type { DataFrame } from "../../src/DataFrame.js";
import type { DataFrameStatFunctions } from "../../src/DataFrameStatFunctions.js";
import type { DataFrameWriter } from "../../src/DataFrameWriter.js";
import type { DataFrameWriterV2 } from "../../src/DataFrameWriterV2.js";
import type { RuntimeConfig } from "../../src/RuntimeConfig.js";
import type { SparkSession } from "../../src/SparkSession.js";
import type * as Spark from "../../src/effect.js";

/** The names of T's methods that return a Promise. */
type PromiseMethods<T> = { [K in keyof T & string]-?: T[K] extends (...args: never[]) => Promise<unknown> ? K : never }[keyof T & string];

/** Compiles only when every Promise method of T has a function of the same name in M. */
type Covered<T, M> = [Exclude<PromiseMethods<T>, keyof M>] extends [never] ? true : Exclude<PromiseMethods<T>, keyof M>;

export const dataFrame: Covered<DataFrame, typeof Spark> = true;
export const session: Covered<SparkSession, typeof Spark> = true;
export const catalog: Covered<Catalog, typeof Spark.catalog> = true;
export const writer: Covered<DataFrameWriter, typeof Spark.write> = true;
export const writerV2: Covered<DataFrameWriterV2, typeof Spark.writeTo> = true;
export const conf: Covered<RuntimeConfig, typeof Spark.conf> = true;
export const stat: Covered<DataFrameStatFunctions<unknown>, typeof Spark.stat> = true;

// The check is not vacuous: a type with a Promise method the Effect API lacks fails it.
// @ts-expect-error `notAnOperation` has no Effect form
export const notCovered: Covered<{ notAnOperation(): Promise<void> }, typeof Spark> = true;
