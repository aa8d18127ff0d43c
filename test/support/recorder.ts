// Records every request message the client sends, through a grpc-js interceptor.
import { InterceptingCall, type Interceptor } from "@grpc/grpc-js";
import { toJson, type DescMessage } from "@bufbuild/protobuf";
import { SparkConnectService } from "../../generated/spark/connect/base_pb.js";

export interface Recorded {
  readonly method: string;
  readonly request: unknown;
}

const inputs = new Map<string, DescMessage>(
  SparkConnectService.methods.map((m) => [`/${SparkConnectService.typeName}/${m.name}`, m.input]),
);

/** Fields that differ on every run, replaced by placeholders. */
const VOLATILE: Record<string, string> = {
  sessionId: "<session-id>",
  operationId: "<operation-id>",
  clientType: "<client-type>",
  clientObservedServerSideSessionId: "<server-side-session-id>",
  userId: "<user-id>",
};

function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = k in VOLATILE && typeof v === "string" ? VOLATILE[k] : normalize(v);
    return out;
  }
  return value;
}

/** An interceptor plus the log it fills. */
export function recorder(): { interceptor: Interceptor; log: Recorded[] } {
  const log: Recorded[] = [];
  const interceptor: Interceptor = (options, next) =>
    new InterceptingCall(next(options), {
      sendMessage(message, send) {
        const path = options.method_definition.path;
        const schema = inputs.get(path);
        log.push({ method: path.split("/").pop()!, request: schema ? normalize(toJson(schema, message)) : null });
        send(message);
      },
    });
  return { interceptor, log };
}
