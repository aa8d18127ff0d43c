// What gRPC can carry in a header, checked before grpc-js sees a value (its own errors
// quote the value, which may be a secret). Problems are described, never quoted.

/**
 * Why a text value cannot be sent as a (non-binary) gRPC header value, or undefined when
 * it can: HTTP/2 field values are printable ASCII here, without line breaks, control
 * characters, or spaces at either end.
 */
export function headerValueProblem(value: string): string | undefined {
  if (/[\r\n]+$/.test(value)) {
    return (
      "ends with a line break, as a secret read from a file does: trim it " +
      '(for example readFileSync(path, "utf8").trim())'
    );
  }
  if (/[\r\n]/.test(value)) return "contains a line break, which a gRPC header cannot carry: remove it";
  if (/[\x00-\x1f\x7f]/.test(value)) return "contains a control character, which a gRPC header cannot carry: remove it";
  if (/[^\x20-\x7e]/.test(value)) {
    return "contains a non-ASCII character; gRPC headers carry printable ASCII only: percent-encode or base64 it";
  }
  if (/^\s|\s$/.test(value)) return "starts or ends with a space: trim it";
  return undefined;
}

/** Header names that HTTP/2 or gRPC set themselves. */
const RESERVED_HEADERS = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "transfer-encoding",
  "upgrade",
  "te",
  "host",
  "content-type",
  "content-length",
  "user-agent",
]);

/**
 * Why a key cannot be sent as a gRPC metadata key from a connection string, or undefined
 * when it can.
 */
export function headerKeyProblem(key: string): string | undefined {
  if (!/^[A-Za-z0-9_.-]+$/.test(key)) return `cannot be sent as gRPC metadata; use only letters, digits, "-", "_" and "."`;
  const k = key.toLowerCase();
  if (k.endsWith("-bin")) return `names a binary header ("-bin"), which takes bytes, not text; pass it through an interceptor`;
  if (k.startsWith("grpc-")) return `is reserved by gRPC ("grpc-" headers); choose another name`;
  if (RESERVED_HEADERS.has(k)) {
    return k === "user-agent" ? `is set by the client; use user_agent=... instead` : `is set by HTTP/2 itself; choose another name`;
  }
  return undefined;
}
