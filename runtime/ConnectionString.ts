import { Redacted } from "effect";
import { InvalidConnectionStringError } from "./errors.js";

/** The parsed form of a `sc://host[:port]/;key=value;...` connection string. */
export interface ConnectionConfig {
  /** Host name or address; an IPv6 address is kept without its brackets (`::1`). */
  readonly host: string;
  /** Port, 15002 unless given. */
  readonly port: number;
  /** Bearer token from `token=`, else from env `SPARK_CONNECT_AUTHENTICATE_TOKEN`. */
  readonly token: Redacted.Redacted<string> | undefined;
  /** `use_ssl=true`, or a token sent to a host other than localhost/127.0.0.1/::1. */
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

const DEFAULT_PORT = 15002;
const DEFAULT_USER_AGENT = "spark-connect-ts";
const TOKEN_ENV = "SPARK_CONNECT_AUTHENTICATE_TOKEN";
const EXPECTED = "Expected sc://host[:port]/;key=value;... (for example sc://localhost:15002/;token=...)";
const RESERVED = new Set(["token", "use_ssl", "user_id", "user_agent", "session_id", "grpc_max_message_size"]);
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1"]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Keys whose values are never echoed (the token, and metadata that looks like a credential). */
const SENSITIVE = /token|secret|password|authorization/i;

/**
 * Hides every credential in a raw connection string: user info before `@`, and the value of
 * any sensitive key, including stray `;`-separated pieces that follow it without an `=`.
 */
const redact = (url: string): string =>
  url
    .replace(/^([^/;]*\/\/)[^/;@]*@/, "$1<redacted>@")
    .replace(/((?:^|;)[^;=]*(?:token|secret|password|authorization)[^;=]*=)[^;]*(?:;[^;=]*(?=;|$))*/gi, "$1<redacted>");

const fail = (url: string, problem: string): never => {
  throw new InvalidConnectionStringError({
    message: `Invalid Spark Connect connection string "${redact(url)}": ${problem}. ${EXPECTED}`,
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
    previousSensitive = SENSITIVE.test(key);
  }
  return params;
};

/**
 * Parses a Spark Connect connection string `sc://host[:port]/;key=value;...` (PySpark's
 * format). Keys `token`, `use_ssl`, `user_id`, `user_agent`, `session_id` and
 * `grpc_max_message_size` configure the client; every other key becomes gRPC metadata.
 * Throws `InvalidConnectionStringError`, whose message never contains the token.
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

  const rawToken = params.get("token") ?? env[TOKEN_ENV];
  if (params.get("token") === "") fail(input, `"token" is empty; give a token or leave the key out`);
  const token = rawToken ? Redacted.make(rawToken) : undefined;

  const ssl = params.get("use_ssl")?.toLowerCase();
  if (ssl !== undefined && ssl !== "true" && ssl !== "false") {
    fail(input, `"use_ssl" must be true or false, not "${params.get("use_ssl")}"`);
  }
  const isLocal = LOCAL_HOSTS.has(host.toLowerCase());
  const useSsl = ssl === "true" || (token !== undefined && !isLocal);

  const sessionId = params.get("session_id");
  if (sessionId !== undefined && !UUID.test(sessionId)) {
    fail(input, `"session_id" must be a UUID such as 123e4567-e89b-12d3-a456-426614174000, not "${sessionId}"`);
  }

  const size = params.get("grpc_max_message_size");
  const grpcMaxMessageSize = size === undefined ? undefined : /^\d+$/.test(size) ? Number(size) : NaN;
  if (grpcMaxMessageSize !== undefined && !(Number.isSafeInteger(grpcMaxMessageSize) && grpcMaxMessageSize > 0)) {
    fail(input, `"grpc_max_message_size" must be a positive integer number of bytes, not "${size}"`);
  }

  const metadata = [...params].filter(([key]) => !RESERVED.has(key));
  for (const [key] of metadata) {
    if (!/^[A-Za-z0-9_.-]+$/.test(key)) {
      fail(input, `the key "${key}" cannot be sent as gRPC metadata; use only letters, digits, "-", "_" and "."`);
    }
  }

  return {
    host,
    port,
    token,
    useSsl,
    userId: params.get("user_id"),
    userAgent: params.get("user_agent") ?? DEFAULT_USER_AGENT,
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
    ["token", config.token && "<redacted>"],
    ["user_id", enc(config.userId)],
    ["user_agent", config.userAgent === DEFAULT_USER_AGENT ? undefined : enc(config.userAgent)],
    ["session_id", enc(config.sessionId)],
    ["grpc_max_message_size", config.grpcMaxMessageSize?.toString()],
    ...config.metadata.map(([k, v]) => [k, SENSITIVE.test(k) ? "<redacted>" : enc(v)] as const),
  ];
  const params = pairs.flatMap(([k, v]) => (v === undefined ? [] : [`${k}=${v}`]));
  return `sc://${host}:${config.port}/;${params.join(";")}`;
}
