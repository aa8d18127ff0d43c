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
  clientType: "<client-type>",
  clientObservedServerSideSessionId: "<server-side-session-id>",
  userId: "<user-id>",
};

/** Replaces volatile fields; operation ids become <operation-1>, <operation-2>, ... in order of appearance. */
function normalizer(): (value: unknown) => unknown {
  const operations = new Map<string, string>();
  const normalize = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(normalize);
    if (value !== null && typeof value === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        if (k === "operationId" && typeof v === "string") {
          if (!operations.has(v)) operations.set(v, `<operation-${operations.size + 1}>`);
          out[k] = operations.get(v);
        } else out[k] = k in VOLATILE && typeof v === "string" ? VOLATILE[k] : normalize(v);
      }
      return out;
    }
    return value;
  };
  return normalize;
}

/** An interceptor plus the log it fills. */
export function recorder(): { interceptor: Interceptor; log: Recorded[] } {
  const log: Recorded[] = [];
  const normalize = normalizer();
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
