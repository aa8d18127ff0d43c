// Case 7: building and encoding big plans on the client (no server involved), through
// the DataFrame API as an application would: a 1,000-column select and a chain of 200
// joins, each built from scratch and encoded to the protocol's Plan bytes, like the
// PySpark side (df.select / df.join, then plan.to_proto().SerializeToString()).
import { toBinary } from "@bufbuild/protobuf";
import { PlanSchema } from "../generated/spark/connect/base_pb.js";
import { col, type DataFrame, type SparkSession } from "../src/index.js";
import { encodePlan } from "../src/plan/encodeRelation.js";

export interface PlanTiming {
  /** Seconds per build + encode, averaged over `inner` builds. */
  readonly seconds: number;
  /** Size of the encoded Plan message. */
  readonly bytes: number;
}

/** `spark.range(10).select((id + i) AS c<i> for i < width)`. */
export function wideSelectFrame(spark: SparkSession, width: number): DataFrame {
  const cols = [];
  for (let i = 0; i < width; i++) cols.push(col("id").plus(i).alias(`c${i}`));
  return spark.range(10).select(cols);
}

/** `spark.range(10)` joined `count` times with `spark.range(10)` using "id". */
export function joinChainFrame(spark: SparkSession, count: number): DataFrame {
  let df: DataFrame = spark.range(10) as DataFrame;
  for (let i = 0; i < count; i++) df = df.join(spark.range(10), "id");
  return df;
}

/** Builds with `build` and encodes to bytes, `inner` times; seconds per build. */
export function timeBuild(inner: number, build: () => DataFrame): PlanTiming {
  let bytes = 0;
  const t0 = performance.now();
  for (let i = 0; i < inner; i++) bytes = toBinary(PlanSchema, encodePlan(build().plan)).byteLength;
  return { seconds: (performance.now() - t0) / 1000 / inner, bytes };
}
