import * as Effect from "effect/Effect";
import { InvalidPlanError, type SparkConnectError } from "../../../runtime/errors.js";
import type { DataType } from "../../types/DataType.js";
import { typeDDL } from "../../types/ddl.js";
import type { SessionHandle } from "../handle.js";
import { type ExecOptions } from "./action.js";
import { command } from "./execute.js";

/**
 * Registers a Java (or Scala) class as a function of the session (a RegisterFunction
 * command with a JavaUDF, as PySpark's registerJavaFunction and registerJavaUDAF send it):
 * a UDF implements one of `org.apache.spark.sql.api.java.UDF0`..`UDF22`, a UDAF extends
 * `UserDefinedAggregateFunction`. The class must be on the server's class path, e.g. from a
 * jar added with addArtifacts. `returnType` (a UDF's) is a DDL type such as `"INT"`;
 * without it Spark infers it from the class.
 */
export function registerJava(
  handle: SessionHandle,
  name: string,
  className: string,
  returnType: string | DataType | undefined,
  aggregate: boolean,
  options: ExecOptions,
): Effect.Effect<void, SparkConnectError> {
  return Effect.suspend(() => {
    const what = aggregate ? "registerJavaUDAF()" : "registerJavaFunction()";
    if (typeof name !== "string" || name === "") return Effect.fail(new InvalidPlanError({ message: `${what}: give the name to register the function as.` }));
    if (typeof className !== "string" || className === "") {
      return Effect.fail(new InvalidPlanError({ message: `${what}: give the fully qualified name of the Java class, e.g. "com.example.StrLen".` }));
    }
    let ddl: string | undefined;
    if (typeof returnType === "string") ddl = returnType;
    else if (returnType !== undefined) {
      if (typeof returnType !== "object" || returnType === null || typeof (returnType as { kind?: unknown }).kind !== "string") {
        return Effect.fail(new InvalidPlanError({ message: `${what}: the return type is a DDL type such as "INT" or "ARRAY<STRING>", or a DataType.` }));
      }
      ddl = typeDDL(returnType);
    }
    const javaUdf = { className, aggregate, ...(ddl !== undefined ? { outputType: { kind: { case: "unparsed" as const, value: { dataTypeString: ddl } } } } : {}) };
    return Effect.asVoid(
      command(handle, () => ({ commandType: { case: "registerFunction", value: { functionName: name, function: { case: "javaUdf", value: javaUdf } } } }), options),
    );
  });
}
