import * as Redacted from "effect/Redacted";
import { InvalidConnectionStringError } from "./errors.js";
import { headerKeyProblem, headerValueProblem } from "./internal/headers.js";
import { isSensitiveKey, REDACTED, redactSecrets } from "./Redaction.js";

/** The parsed form of a `sc://host[:port]/;key=value;...` connection string. */
export interface ConnectionConfig {
  /** Host name or address; an IPv6 address is kept without its brackets (`::1`). */
  readonly host: string;
  /** Port, 15002 unless given. */
  readonly port: number;
  /** Bearer token from `token=`, else from env `SPARK_CONNECT_AUTHENTICATE_TOKEN`. */
  readonly token: Redacted.Redacted<string> | undefined;
  /** `use_ssl=true`, or any credential sent to a host other than localhost/127.0.0.1/::1. */
  readonly useSsl: boolean;
  readonly userId: string | undefined;
  /** `user_agent=`, default "spark-connect-ts". */
  readonly userAgent: string;
  /** `session_id=`, a UUID. */
  readonly sessionId: string | undefined;
  readonly grpcMaxMessageSize: number | undefined;
  /** Every other key, in order, to be sent as gRPC metadata. */
  readonly metadata: ReadonlyArray<readonly [string, string]>;
}

/** How to read a connection string beyond its text. */
export interface ParseOptions {
  /**
   * The token comes from elsewhere (the `token` option of `SparkSession.connect`): the
   * string must not carry `token=` or an `authorization` key,
   * `SPARK_CONNECT_AUTHENTICATE_TOKEN` is not read, and the TLS rule counts the token as
   * a credential.
   */
  readonly tokenElsewhere?: boolean;
}

const DEFAULT_PORT = 15002;
const DEFAULT_USER_AGENT = "spark-connect-ts";
const TOKEN_ENV = "SPARK_CONNECT_AUTHENTICATE_TOKEN";
const EXPECTED = "Expected sc://host[:port]/;key=value;... (for example sc://localhost:15002/;token=...)";
const RESERVED = new Set(["token", "use_ssl", "user_id", "user_agent", "session_id", "grpc_max_message_size"]);
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1"]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether a host is this machine by name (`localhost`, `127.0.0.1`, `::1`): the one case
 * where a credential may travel without TLS.
 */
export function isLocalHost(host: string): boolean {
  return LOCAL_HOSTS.has(host.toLowerCase());
}

/**
 * Hides every credential in a raw connection string: user info before `@`, and the value of
 * any sensitive key (see `isSensitiveKey`), including stray `;`-separated pieces that
 * follow it without an `=`.
 */
export function redactConnectionString(url: string): string {
  const withoutUserInfo = url.replace(/^([^/;]*\/\/)[^/;@]*@/, `$1${REDACTED}@`);
  let inSecret = false;
  const segments = withoutUserInfo.split(";").flatMap((segment, i) => {
    const eq = segment.indexOf("=");
    if (i > 0 && eq < 0 && inSecret) return segment === "" ? [segment] : [];
    inSecret = false;
    if (eq < 0 || !isSensitiveKey(segment.slice(0, eq))) return [segment];
    inSecret = true;
    return [`${segment.slice(0, eq)}=${REDACTED}`];
  });
  return redactSecrets(segments.join(";"));
}

const fail = (url: string, problem: string): never => {
  throw new InvalidConnectionStringError({
    message: `Invalid Spark Connect connection string "${redactConnectionString(url)}": ${problem}. ${EXPECTED}`,
  });
};

const parseAuthority = (url: string, authority: string): { host: string; port: number } => {
  if (authority.includes(";")) fail(url, `parameters must follow "/;" after the host, as in sc://host/;key=value`);
  if (authority.includes("@")) fail(url, `user info before "@" is not supported; pass user_id=... or token=... instead`);
  let host: string;
  let port: string | undefined;
  if (authority.startsWith("[")) {
    const m = /^\[([0-9A-Fa-f:.]+)\](?::(.*))?$/.exec(authority);
    if (!m) return fail(url, `"${authority}" is not a valid bracketed IPv6 address; write it as sc://[::1]:15002`);
    [, host, port] = m as unknown as [string, string, string | undefined];
  } else {
    const parts = authority.split(":");
    if (parts.length > 2) fail(url, `an IPv6 address must be written in brackets, as in sc://[::1]:15002`);
    [host, port] = parts as [string, string | undefined];
    if (host === "") fail(url, `the host is empty; name the server, as in sc://localhost`);
    if (!/^[A-Za-z0-9._-]+$/.test(host)) fail(url, `"${host}" is not a valid host name or address`);
  }
  if (port === undefined) return { host, port: DEFAULT_PORT };
  const n = /^\d{1,5}$/.test(port) ? Number(port) : NaN;
  if (!(n >= 1 && n <= 65535)) fail(url, `the port "${port}" must be a number from 1 to 65535`);
  return { host, port: n };
};

const parseParams = (url: string, text: string): Map<string, string> => {
  const params = new Map<string, string>();
  let previousSensitive = false;
  for (const segment of text.split(";")) {
    if (segment === "") continue; // tolerate ";;" and a trailing ";"
    const eq = segment.indexOf("=");
    if (eq < 0) {
      fail(url, previousSensitive
        ? `a parameter without "=" follows a secret value; write a ";" inside a value as %3B`
        : `the parameter "${segment}" has no "="; write it as key=value`);
    }
    const key = segment.slice(0, eq);
    if (key === "") fail(url, `a parameter has an empty key; write it as key=value`);
    if (params.has(key)) fail(url, `the key "${key}" is given twice; keep one`);
    let value: string;
    try {
      value = decodeURIComponent(segment.slice(eq + 1));
    } catch {
      return fail(url, `the value of "${key}" has an invalid percent escape; write "%" as %25`);
    }
    params.set(key, value);
    previousSensitive = isSensitiveKey(key);
  }
  return params;
};

/**
 * Parses a Spark Connect connection string `sc://host[:port]/;key=value;...` (PySpark's
 * format). Keys `token`, `use_ssl`, `user_id`, `user_agent`, `session_id` and
 * `grpc_max_message_size` configure the client; every other key becomes gRPC metadata.
 * A credential (the token, or any key `isSensitiveKey` matches) turns TLS on unless the
 * host is local, and `use_ssl=false` with one to a remote host is refused. Values that a
 * gRPC header cannot carry (line breaks, control characters, non-ASCII, spaces at either
 * end) are refused. Throws `InvalidConnectionStringError`, whose message names the key
 * but never shows a secret value.
 *
 * @example
 * ```ts
 * const config = parseConnectionString("sc://spark.example.com/;token=abc;x-tenant=acme");
 * config.port;     // 15002
 * config.useSsl;   // true (a token implies TLS unless the host is local)
 * config.metadata; // [["x-tenant", "acme"]]
 * ```
 */
export function parseConnectionString(
  url: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
  options: ParseOptions = {},
): ConnectionConfig {
  const input = url.trim();
  if (!input.startsWith("sc://")) fail(input, `the scheme must be "sc://"`);
  const rest = input.slice("sc://".length);
  const slash = rest.indexOf("/");
  const authority = slash < 0 ? rest : rest.slice(0, slash);
  const tail = slash < 0 ? "" : rest.slice(slash + 1);
  if (tail !== "" && !tail.startsWith(";")) {
    fail(input, `the path "/${tail.split(";")[0]}" must be empty; parameters go after "/;"`);
  }
  const { host, port } = parseAuthority(input, authority);
  const params = parseParams(input, tail.slice(1));

  const fromString = params.get("token");
  if (fromString === "") fail(input, `"token" is empty; give a token or leave the key out`);
  if (options.tokenElsewhere && fromString !== undefined) {
    fail(input, `the token is given both as "token=" and as the token option; keep one`);
  }
  const fromEnv = options.tokenElsewhere ? undefined : env[TOKEN_ENV] || undefined;
  const rawToken = fromString ?? fromEnv;
  const tokenName = fromString !== undefined ? `"token"` : `the token from ${TOKEN_ENV}`;
  const tokenProblem = rawToken === undefined ? undefined : headerValueProblem(rawToken);
  if (tokenProblem !== undefined) fail(input, `${tokenName} ${tokenProblem}`);

  const metadata = [...params].filter(([key]) => !RESERVED.has(key));
  for (const [key, value] of metadata) {
    const keyProblem = headerKeyProblem(key);
    if (keyProblem !== undefined) fail(input, `the key "${key}" ${keyProblem}`);
    const valueProblem = headerValueProblem(value);
    if (valueProblem !== undefined) fail(input, `the value of "${key}" ${valueProblem}`);
  }
  const userAgent = params.get("user_agent") ?? DEFAULT_USER_AGENT;
  const agentProblem = headerValueProblem(userAgent);
  if (agentProblem !== undefined) fail(input, `the value of "user_agent" ${agentProblem}`);

  const authorization = metadata.find(([key]) => key.toLowerCase() === "authorization")?.[0];
  if (authorization !== undefined && (fromString !== undefined || options.tokenElsewhere)) {
    fail(input, `"${authorization}" and the token would both set the authorization header; keep one`);
  }
  // An explicit authorization header replaces the ambient token from the environment.
  const token = rawToken === undefined || (fromString === undefined && authorization !== undefined) ? undefined : Redacted.make(rawToken);

  const ssl = params.get("use_ssl")?.toLowerCase();
  if (ssl !== undefined && ssl !== "true" && ssl !== "false") {
    fail(input, `"use_ssl" must be true or false, not "${params.get("use_ssl")}"`);
  }
  // Credentials never travel in clear text beyond this machine: any of them turns TLS on
  // for a remote host, and an explicit use_ssl=false with one is refused.
  const credentials = [
    ...(token !== undefined ? [tokenName] : options.tokenElsewhere ? ["the token option"] : []),
    ...metadata.filter(([key]) => isSensitiveKey(key)).map(([key]) => `"${key}"`),
  ];
  const isLocal = isLocalHost(host);
  if (credentials.length > 0 && !isLocal && ssl === "false") {
    fail(
      input,
      `${credentials.join(", ")} ${credentials.length === 1 ? "carries a credential" : "carry credentials"}, which must not ` +
        `travel in clear text to "${host}": remove use_ssl=false (a credential turns TLS on), or reach the server ` +
        `through localhost (for example an SSH tunnel)`,
    );
  }
  const useSsl = ssl === "true" || (credentials.length > 0 && !isLocal);

  const sessionId = params.get("session_id");
  if (sessionId !== undefined && !UUID.test(sessionId)) {
    fail(input, `"session_id" must be a UUID such as 123e4567-e89b-12d3-a456-426614174000, not "${sessionId}"`);
  }

  const size = params.get("grpc_max_message_size");
  const grpcMaxMessageSize = size === undefined ? undefined : /^\d+$/.test(size) ? Number(size) : NaN;
  if (grpcMaxMessageSize !== undefined && !(Number.isSafeInteger(grpcMaxMessageSize) && grpcMaxMessageSize > 0)) {
    fail(input, `"grpc_max_message_size" must be a positive integer number of bytes, not "${size}"`);
  }

  return {
    host,
    port,
    token,
    useSsl,
    userId: params.get("user_id"),
    userAgent,
    sessionId,
    grpcMaxMessageSize,
    metadata,
  };
}

/**
 * Formats a config back into a connection string for display. The token, and metadata
 * values under credential-like keys, are shown as `<redacted>`.
 *
 * @example
 * ```ts
 * formatConnectionString(parseConnectionString("sc://spark.example.com/;token=abc"));
 * // "sc://spark.example.com:15002/;use_ssl=true;token=<redacted>"
 * ```
 */
export function formatConnectionString(config: ConnectionConfig): string {
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  const enc = (v: string | undefined) => (v === undefined ? undefined : encodeURIComponent(v));
  const pairs: Array<readonly [string, string | undefined]> = [
    ["use_ssl", String(config.useSsl)],
    ["token", config.token && REDACTED],
    ["user_id", enc(config.userId)],
    ["user_agent", config.userAgent === DEFAULT_USER_AGENT ? undefined : enc(config.userAgent)],
    ["session_id", enc(config.sessionId)],
    ["grpc_max_message_size", config.grpcMaxMessageSize?.toString()],
    ...config.metadata.map(([k, v]) => [k, isSensitiveKey(k) ? REDACTED : enc(v)] as const),
  ];
  const params = pairs.flatMap(([k, v]) => (v === undefined ? [] : [`${k}=${v}`]));
  return `sc://${host}:${config.port}/;${params.join(";")}`;
}
