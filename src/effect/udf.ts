/**
 * The session's JVM-backed functions (`spark.udf`) as Effects: the same operations as
 * UDFRegistration's Promise methods, with failures in the typed error channel.
 */
import * as Effect from "effect/Effect";
import type { SparkConnectFailure } from "../../runtime/errors.js";
import { execOptions, type OperationOptions } from "../internal/ops/action.js";
import { op } from "../internal/ops/typed.js";
import { registerJava } from "../internal/ops/udf.js";
import type { DataType } from "../types/DataType.js";
import type { UDFRegistration } from "../UDFRegistration.js";

type Eff<A> = Effect.Effect<A, SparkConnectFailure>;

/**
 * Registers a Java class implementing `org.apache.spark.sql.api.java.UDF0`..`UDF22` as the
 * function `name` (its jar added with addArtifacts first).
 *
 * @example
 * ```ts
 * yield* Spark.addArtifacts(spark, "/jars/udfs.jar");
 * yield* Spark.udf.registerJavaFunction(spark.udf, "strlen", "com.example.StrLen", "INT");
 * ```
 */
export const registerJavaFunction = (
  udf: UDFRegistration,
  name: string,
  javaClassName: string,
  returnType?: string | DataType,
  options?: OperationOptions,
): Eff<void> =>
  op("udf.registerJavaFunction", options, () => Effect.flatMap(execOptions(options), (o) => registerJava(udf.spark.handle, name, javaClassName, returnType, false, o)));

/**
 * Registers a Java class extending `UserDefinedAggregateFunction` as the aggregate function `name`.
 *
 * @example
 * ```ts
 * yield* Spark.udf.registerJavaUDAF(spark.udf, "my_avg", "com.example.MyAverage");
 * ```
 */
export const registerJavaUDAF = (udf: UDFRegistration, name: string, javaClassName: string, options?: OperationOptions): Eff<void> =>
  op("udf.registerJavaUDAF", options, () => Effect.flatMap(execOptions(options), (o) => registerJava(udf.spark.handle, name, javaClassName, undefined, true, o)));
