// Records every request message the client sends, through a grpc-js interceptor.
import { InterceptingCall, type Interceptor } from "@grpc/grpc-js";
import { toJson, type DescMessage } from "@bufbuild/protobuf";
import { SparkConnectService } from "../../generated/spark/connect/base_pb.js";

export interface Recorded {
  readonly method: string;
  readonly request: unknown;
}

/** A response message received, as JSON (volatile fields not normalised). */
export interface ReceivedResponse {
  readonly method: string;
  readonly response: unknown;
}

const inputs = new Map<string, DescMessage>(
  SparkConnectService.methods.map((m) => [`/${SparkConnectService.typeName}/${m.name}`, m.input]),
);
const outputs = new Map<string, DescMessage>(
  SparkConnectService.methods.map((m) => [`/${SparkConnectService.typeName}/${m.name}`, m.output]),
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

/** An interceptor plus the logs it fills: requests sent (normalised) and responses received (raw JSON). */
export function recorder(): { interceptor: Interceptor; log: Recorded[]; responses: ReceivedResponse[] } {
  const log: Recorded[] = [];
  const responses: ReceivedResponse[] = [];
  const normalize = normalizer();
  const interceptor: Interceptor = (options, next) => {
    const path = options.method_definition.path;
    const method = path.split("/").pop()!;
    return new InterceptingCall(next(options), {
      sendMessage(message, send) {
        const schema = inputs.get(path);
        log.push({ method, request: schema ? normalize(toJson(schema, message)) : null });
        send(message);
      },
      start(metadata, _listener, start) {
        start(metadata, {
          onReceiveMessage(message, receive) {
            const schema = outputs.get(path);
            if (schema && message && method !== "ExecutePlan" && method !== "ReattachExecute") {
              responses.push({ method, response: toJson(schema, message) });
            }
            receive(message);
          },
        });
      },
    });
  };
  return { interceptor, log, responses };
}
