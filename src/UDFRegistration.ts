import * as E from "./effect/udf.js";
import type { OperationOptions } from "./internal/ops/action.js";
import { run } from "./internal/run.js";
import type { SparkSession } from "./SparkSession.js";
import type { DataType } from "./types/DataType.js";

/**
 * Functions of the session backed by JVM classes (`spark.udf`), as PySpark's
 * `spark.udf.registerJavaFunction` and `registerJavaUDAF`. The class must be on the
 * server's class path: add its jar with `spark.addArtifacts(...)` first. Registered
 * functions are called by name from SQL or with `callUdf`.
 *
 * @example
 * ```ts
 * await spark.addArtifacts("/jars/udfs.jar");
 * await spark.udf.registerJavaFunction("strlen", "com.example.StrLen", "INT");
 * await spark.sql("SELECT strlen('abc') AS n").collect(); // [{ n: 3 }]
 * ```
 */
export class UDFRegistration {
  /** @internal */
  constructor(readonly spark: SparkSession) {}

  /**
   * Registers a Java class implementing one of `org.apache.spark.sql.api.java.UDF0`..`UDF22`
   * as the function `name`. `returnType` is a DDL type (`"INT"`, `"ARRAY<STRING>"`) or a
   * DataType; without it Spark infers it from the class's `call` method.
   *
   * @example
   * ```ts
   * await spark.udf.registerJavaFunction("strlen", "com.example.StrLen", "INT");
   * spark.range(3).select(callUdf("strlen", col("id").cast("string")));
   * ```
   */
  registerJavaFunction(name: string, javaClassName: string, returnType?: string | DataType, options?: OperationOptions): Promise<void> {
    return run(this.spark.handle, () => E.registerJavaFunction(this, name, javaClassName, returnType, options));
  }

  /**
   * Registers a Java class extending `org.apache.spark.sql.expressions.UserDefinedAggregateFunction`
   * as the aggregate function `name`.
   *
   * @example
   * ```ts
   * await spark.udf.registerJavaUDAF("my_avg", "com.example.MyAverage");
   * ```
   */
  registerJavaUDAF(name: string, javaClassName: string, options?: OperationOptions): Promise<void> {
    return run(this.spark.handle, () => E.registerJavaUDAF(this, name, javaClassName, options));
  }
}
