import type * as grpc from "@grpc/grpc-js";

/**
 * The parts of a key name that mark its value as a secret. A key is sensitive when,
 * lower-cased and with `-`, `_`, `.` and spaces removed, it contains one of these:
 * `token`, `x-api-key`, `Access_Key`, `session-token`, `Authorization`, `oauth_client`,
 * `db.password`, `private-key` and `Set-Cookie` all are.
 *
 * Every place the library shows a key's value (connection-string errors,
 * `formatConnectionString`, error messages built from server text, `redactMetadata`)
 * shows `<redacted>` instead for these keys, and a credential under any of them turns
 * TLS on for a host that is not local (docs/connection.md).
 *
 * @example
 * ```ts
 * SENSITIVE_KEY_PARTS.includes("apikey"); // true
 * ```
 */
export const SENSITIVE_KEY_PARTS: readonly string[] = Object.freeze([
  "token",
  "secret",
  "password",
  "passwd",
  "passphrase",
  "pwd",
  "auth",
  "apikey",
  "accesskey",
  "privatekey",
  "credential",
  "jwt",
  "cookie",
  "bearer",
  "signature",
]);

/** The text shown in place of a secret. */
export const REDACTED = "<redacted>";

const normalize = (key: string) => key.toLowerCase().replace(/[-_.\s]/g, "");

/**
 * Whether a key's value is a secret (see `SENSITIVE_KEY_PARTS`); case does not matter.
 *
 * @example
 * ```ts
 * isSensitiveKey("X-Api-Key");  // true
 * isSensitiveKey("x-tenant");   // false
 * ```
 */
export function isSensitiveKey(key: string): boolean {
  const k = normalize(key);
  return SENSITIVE_KEY_PARTS.some((part) => k.includes(part));
}

const KEY_VALUE = /([A-Za-z0-9_.-]+)(["']?\s*=\s*)("[^"]*"|'[^']*'|[^\s;,&"'}\]]+)/g;
const QUOTED_KEY_VALUE = /(["'])([A-Za-z0-9_.\s-]+)\1(\s*:\s*)("(?:[^"\\]|\\.)*"|'[^']*'|[^\s,}\]]+)/g;
// Header names are lower-case on the wire; upper-case words before ":" are prose ("UNAUTHENTICATED: ...").
const HEADER_LINE = /^(\s*)([a-z0-9_.-]+)(\s*:[ \t]*)(\S.*)$/gm;
const AUTH_SCHEME = /\b(Bearer|Basic)(\s+)[^\s"',;]+/gi;

/**
 * Removes secrets from text: each of the given secret values wherever it appears (also
 * percent-encoded), the credential after `Bearer`/`Basic`, and the value of every
 * sensitive key written as `key=value`, `"key": value` or a `key: value` header line.
 * Errors and log lines of the library go through it.
 *
 * @example
 * ```ts
 * redactSecrets("x-api-key=abc;tenant=acme"); // "x-api-key=<redacted>;tenant=acme"
 * redactSecrets("authorization: Bearer abc"); // "authorization: <redacted>"
 * redactSecrets("token abc was refused", ["abc"]); // "token <redacted> was refused"
 * ```
 */
export function redactSecrets(text: string, secrets: Iterable<string> = []): string {
  let out = text;
  const values = [...new Set([...secrets].filter((s) => s !== ""))].sort((a, b) => b.length - a.length);
  for (const secret of values) {
    out = out.split(secret).join(REDACTED);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) out = out.split(encoded).join(REDACTED);
  }
  out = out.replace(HEADER_LINE, (all, lead: string, key: string, sep: string) => (isSensitiveKey(key) ? `${lead}${key}${sep}${REDACTED}` : all));
  out = out.replace(QUOTED_KEY_VALUE, (all, q: string, key: string, sep: string) =>
    isSensitiveKey(key) ? `${q}${key}${q}${sep}"${REDACTED}"` : all,
  );
  out = out.replace(KEY_VALUE, (all, key: string, sep: string) => (isSensitiveKey(key) ? `${key}${sep}${REDACTED}` : all));
  out = out.replace(AUTH_SCHEME, (all, scheme: string, space: string) => `${scheme}${space}${REDACTED}`);
  return out;
}

/**
 * gRPC metadata as a plain object for logging, with the values of sensitive keys (and
 * of binary `-bin` keys) shown as `<redacted>`. For interceptors that log calls.
 *
 * @example
 * ```ts
 * const logging: grpc.Interceptor = (options, next) =>
 *   new grpc.InterceptingCall(next(options), {
 *     start: (metadata, listener, start) => {
 *       console.log(options.method_definition.path, redactMetadata(metadata));
 *       start(metadata, listener);
 *     },
 *   });
 * ```
 */
export function redactMetadata(metadata: grpc.Metadata): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, values] of Object.entries(metadata.toJSON())) {
    const shown = values.map((v) => (isSensitiveKey(key) || typeof v !== "string" ? REDACTED : redactSecrets(v)));
    out[key] = shown.length === 1 ? shown[0]! : shown;
  }
  return out;
}
