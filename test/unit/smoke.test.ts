import test from "ava";
import { create, toBinary, fromBinary } from "@bufbuild/protobuf";
import { ExecutePlanRequestSchema } from "../../generated/spark/connect/base_pb.js";

test("generated messages round-trip", (t) => {
  const req = create(ExecutePlanRequestSchema, { sessionId: "s", operationId: "o" });
  const back = fromBinary(ExecutePlanRequestSchema, toBinary(ExecutePlanRequestSchema, req));
  t.is(back.sessionId, "s");
});
