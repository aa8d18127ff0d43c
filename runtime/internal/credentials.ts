// Bearer tokens that expire: a cache in front of the user's token provider, and the
// wrappers that put the current token on each call and ask again once when the server
// answers UNAUTHENTICATED.
import { inspect } from "node:util";
import * as grpc from "@grpc/grpc-js";
import * as Cause from "effect/Cause";
import * as Deferred from "effect/Deferred";
import * as Effect from "effect/Effect";
import * as Redacted from "effect/Redacted";
import * as Stream from "effect/Stream";
import { type ConnectionConfig, isLocalHost } from "../ConnectionString.js";
import { AuthenticationError, InvalidConnectionStringError, InvalidOptionError, type SparkConnectError } from "../errors.js";
import { isSensitiveKey, redactSecrets } from "../Redaction.js";
import type { TokenGrant, TokenProvider } from "../SessionOptions.js";
import { headerKeyProblem, headerValueProblem } from "./headers.js";

/** How long before its expiry a token is replaced (or halfway through its life, if sooner). */
export const REFRESH_MARGIN_MS = 60_000;
/** How many of the tokens handed out are remembered for redaction. */
const REMEMBERED = 32;

/** The current token of a session whose token comes from a provider. */
export interface TokenSource {
  /** The provider in words, for messages (never the token). */
  readonly name: string;
  /** The token to send now: the cached one, or a new one (one request shared by concurrent callers). */
  readonly current: Effect.Effect<string, AuthenticationError>;
  /** The server refused `stale`: unless a newer token came meanwhile, the next `current` asks again. */
  readonly refused: (stale: string) => void;
  /** The tokens handed out lately, for redaction. */
  readonly seen: () => readonly string[];
  /** How often the provider was asked. */
  readonly requests: () => number;
}

/** The `exp` claim of a JWT, in ms since the epoch; undefined when the token is not a JWT with one. */
export function jwtExpiry(token: string): number | undefined {
  const parts = token.split(".");
  if (parts.length !== 3 || parts[1] === "") return undefined;
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1]!, "base64url").toString("utf8"));
    const exp = (payload as { exp?: unknown } | null)?.exp;
    return typeof exp === "number" && Number.isFinite(exp) ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/** When a token fetched at `at` and expiring at `expiresAt` should be replaced. */
export function refreshAt(expiresAt: number | undefined, at: number): number {
  if (expiresAt === undefined) return Infinity;
  return expiresAt - Math.min(REFRESH_MARGIN_MS, Math.max(0, (expiresAt - at) / 2));
}

function describeProvider(provider: TokenProvider): string {
  if (Effect.isEffect(provider)) return "the token Effect (the token option of SparkSession.connect)";
  const name = (provider as { name?: unknown }).name;
  return typeof name === "string" && name !== "" && name !== "token"
    ? `the token provider ${name}() (the token option of SparkSession.connect)`
    : "the token provider (the token option of SparkSession.connect)";
}

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return `an object without a string "token"`;
  return typeof value === "undefined" ? "undefined" : `a ${typeof value}`;
}

/** A provider's answer as a token and its expiry, or why it is not usable (never quoting the token). */
export function readGrant(value: unknown): { token: string; expiresAt: number | undefined } | string {
  const grant = typeof value === "string" ? { token: value } : value;
  if (typeof grant !== "object" || grant === null || typeof (grant as { token?: unknown }).token !== "string") {
    return `returned ${describeValue(value)} instead of a token string or { token, expiresAt }`;
  }
  const { token, expiresAt } = grant as TokenGrant;
  if (token === "") return "returned an empty token";
  const problem = headerValueProblem(token);
  if (problem !== undefined) return `returned a token that ${problem}`;
  let at: number | undefined;
  if (expiresAt instanceof Date) at = expiresAt.getTime();
  else if (typeof expiresAt === "number") at = expiresAt;
  else if (expiresAt !== undefined) return "returned an expiresAt that is neither a Date nor a number of milliseconds";
  if (at !== undefined && !Number.isFinite(at)) return "returned an invalid expiresAt";
  if (at !== undefined && at < 1e11) {
    return "returned an expiresAt that looks like seconds since the epoch; give milliseconds (as Date.now() counts) or a Date";
  }
  return { token, expiresAt: at ?? jwtExpiry(token) };
}

/** The provider's own error, or a copy without any token we know in its text. */
function sanitized(error: unknown, secrets: readonly string[]): unknown {
  const shown = inspect(error);
  if (!secrets.some((s) => shown.includes(s))) return error;
  const copy = new Error(redactSecrets(error instanceof Error ? error.message : String(error), secrets));
  copy.stack = redactSecrets(error instanceof Error ? (error.stack ?? copy.message) : copy.message, secrets);
  return copy;
}

/**
 * A cache in front of a token provider: it asks the provider before the first call and
 * again shortly before the token expires or after the server refused it; concurrent
 * callers share one request.
 */
export function tokenSource(provider: TokenProvider, now: () => number = Date.now): TokenSource {
  const name = describeProvider(provider);
  let cached: { readonly token: string; readonly refreshAt: number } | undefined;
  let inflight: Deferred.Deferred<string, AuthenticationError> | undefined;
  let requests = 0;
  const seen: string[] = [];
  const remember = (token: string) => {
    const i = seen.indexOf(token);
    if (i >= 0) seen.splice(i, 1);
    seen.push(token);
    if (seen.length > REMEMBERED) seen.shift();
  };

  const ask: Effect.Effect<unknown, unknown> = Effect.isEffect(provider)
    ? (provider as Effect.Effect<unknown, unknown>)
    : Effect.tryPromise({ try: () => Promise.resolve().then(() => (provider as () => unknown)()), catch: (e) => e });

  const fetch: Effect.Effect<string, AuthenticationError> = Effect.suspend(() => {
    requests++;
    return ask;
  }).pipe(
    Effect.catchCause((cause) => Effect.fail(Cause.squash(cause))),
    Effect.mapError((e) => {
      const reason = e instanceof Error ? e.message : String(e);
      return new AuthenticationError({
        message:
          `${name} failed: ${redactSecrets(reason, seen)}. No call was sent with a token; ` +
          `fix the provider (or the service it asks) and retry.`,
        cause: sanitized(e, seen),
      });
    }),
    Effect.flatMap((value) => {
      if (typeof value === "string" && value !== "") remember(value);
      const grant = readGrant(value);
      if (typeof grant === "string") {
        return Effect.fail(new AuthenticationError({ message: `${name} ${grant}. No call was sent with it.` }));
      }
      remember(grant.token);
      const at = now();
      cached = { token: grant.token, refreshAt: refreshAt(grant.expiresAt, at) };
      return Effect.succeed(grant.token);
    }),
  );

  const current: Effect.Effect<string, AuthenticationError> = Effect.suspend(() => {
    if (cached !== undefined && now() < cached.refreshAt) return Effect.succeed(cached.token);
    if (inflight !== undefined) return Deferred.await(inflight);
    // The request runs in a fiber of its own: a caller that is interrupted while waiting
    // does not cancel it for the others.
    const deferred = Deferred.makeUnsafe<string, AuthenticationError>();
    inflight = deferred;
    Effect.runFork(
      Effect.flatMap(Effect.exit(fetch), (exit) => {
        if (inflight === deferred) inflight = undefined;
        return Deferred.done(deferred, exit);
      }),
    );
    return Deferred.await(deferred);
  });

  return {
    name,
    current,
    refused: (stale) => {
      if (cached?.token === stale) cached = undefined;
    },
    seen: () => seen,
    requests: () => requests,
  };
}

/** What the wrappers need of a transport. */
export interface Authorizing {
  readonly target: string;
  readonly metadata: () => grpc.Metadata;
  readonly redact: (text: string) => string;
  /** Present when the token comes from a provider; otherwise `metadata()` carries any static token. */
  readonly auth?: TokenSource | undefined;
}

function withBearer(metadata: grpc.Metadata, token: string): grpc.Metadata {
  metadata.set("authorization", `Bearer ${token}`);
  return metadata;
}

/** The server refused the token (gRPC UNAUTHENTICATED, not PERMISSION_DENIED). */
function isUnauthenticated(e: SparkConnectError): boolean {
  return e instanceof AuthenticationError && (e.cause as { code?: unknown } | undefined)?.code === 16;
}

function refusedAgain(t: Authorizing, auth: TokenSource, e: SparkConnectError): AuthenticationError {
  const details = t.redact(String((e.cause as { details?: unknown } | undefined)?.details ?? ""));
  return new AuthenticationError({
    message:
      `The Spark Connect server at ${t.target} refused a fresh token from ${auth.name} right after refusing the ` +
      `previous one (UNAUTHENTICATED: ${details}). Check that the provider hands out tokens this server accepts.`,
    cause: e.cause,
  });
}

function sameTokenAgain(t: Authorizing, auth: TokenSource, e: SparkConnectError): AuthenticationError {
  return new AuthenticationError({
    message:
      `The Spark Connect server at ${t.target} refused the token, and ${auth.name} returned the same token when ` +
      `asked again. The provider must hand out a new token once the old one is refused or expired.`,
    cause: e.cause,
  });
}

/**
 * A unary call with the current token; when the server answers UNAUTHENTICATED, the
 * provider is asked again and the call is made once more with the new token.
 */
export function withToken<A>(
  t: Authorizing,
  attempt: (metadata: grpc.Metadata) => Effect.Effect<A, SparkConnectError>,
): Effect.Effect<A, SparkConnectError> {
  const auth = t.auth;
  if (auth === undefined) return Effect.suspend(() => attempt(t.metadata()));
  return Effect.flatMap(auth.current, (token) =>
    Effect.catch(attempt(withBearer(t.metadata(), token)), (e: SparkConnectError) => {
      if (!isUnauthenticated(e)) return Effect.fail(e);
      auth.refused(token);
      return Effect.flatMap(auth.current, (fresh) =>
        fresh === token
          ? Effect.fail(sameTokenAgain(t, auth, e))
          : Effect.catch(attempt(withBearer(t.metadata(), fresh)), (e2: SparkConnectError) => {
              if (!isUnauthenticated(e2)) return Effect.fail(e2);
              auth.refused(fresh);
              return Effect.fail(refusedAgain(t, auth, e2));
            }),
      );
    }),
  );
}

/**
 * A server-streaming call with the current token; when the server answers
 * UNAUTHENTICATED before any message, the provider is asked again and the call is made
 * once more with the new token.
 */
export function withTokenStream<A>(
  t: Authorizing,
  attempt: (metadata: grpc.Metadata) => Stream.Stream<A, SparkConnectError>,
): Stream.Stream<A, SparkConnectError> {
  const auth = t.auth;
  if (auth === undefined) return Stream.suspend(() => attempt(t.metadata()));
  return Stream.unwrap(
    Effect.map(auth.current, (token) => {
      let received = false;
      const first = attempt(withBearer(t.metadata(), token)).pipe(
        Stream.tap(() =>
          Effect.sync(() => {
            received = true;
          }),
        ),
      );
      return Stream.catch(first, (e: SparkConnectError) => {
        if (received || !isUnauthenticated(e)) return Stream.fail(e);
        auth.refused(token);
        return Stream.unwrap(
          Effect.map(auth.current, (fresh) =>
            fresh === token
              ? Stream.fail(sameTokenAgain(t, auth, e))
              : Stream.catch(attempt(withBearer(t.metadata(), fresh)), (e2: SparkConnectError) => {
                  if (!isUnauthenticated(e2)) return Stream.fail(e2);
                  auth.refused(fresh);
                  return Stream.fail(refusedAgain(t, auth, e2));
                }),
          ),
        );
      });
    }),
  );
}

/** A session's credentials: the headers of every call, the TLS decision, the token source and redaction. */
export interface SessionCredentials {
  /** Headers sent with every call (a fixed token's authorization included); clone before use. */
  readonly metadata: grpc.Metadata;
  readonly useSsl: boolean;
  readonly auth: TokenSource | undefined;
  readonly redact: (text: string) => string;
}

/**
 * Checks a session's credentials before anything is built (nothing half-made when they
 * are wrong) and assembles them. Problems are InvalidOptionError or
 * InvalidConnectionStringError naming the key, never its value.
 */
export function sessionCredentials(
  config: ConnectionConfig,
  given: string | Redacted.Redacted<string> | TokenProvider | undefined,
): SessionCredentials {
  const option = Redacted.isRedacted(given) ? (Redacted.value(given) as unknown) : given;
  const staticToken = config.token === undefined ? undefined : Redacted.value(config.token);
  if (option !== undefined && staticToken !== undefined) {
    throw new InvalidOptionError({
      message:
        "The token is given both in the connection string (or SPARK_CONNECT_AUTHENTICATE_TOKEN) and as the token option; keep one.",
    });
  }
  const badConfig = (problem: string) =>
    new InvalidConnectionStringError({ message: `Invalid connection settings: ${problem}. Fix the connection string.` });
  if (staticToken !== undefined) {
    const problem = staticToken === "" ? "is empty" : headerValueProblem(staticToken);
    if (problem !== undefined) throw badConfig(`the token ${problem}`);
  }
  for (const [key, value] of config.metadata) {
    const problem = headerKeyProblem(key) ?? headerValueProblem(value);
    if (problem !== undefined) throw badConfig(`the metadata "${key}" ${problem}`);
  }

  let optionToken: string | undefined;
  let auth: TokenSource | undefined;
  if (typeof option === "string") {
    const problem = option === "" ? "is empty" : headerValueProblem(option);
    if (problem !== undefined) throw new InvalidOptionError({ message: `The token option ${problem}.` });
    optionToken = option;
  } else if (typeof option === "function" || Effect.isEffect(option)) {
    auth = tokenSource(option as TokenProvider);
  } else if (option !== undefined) {
    throw new InvalidOptionError({
      message: `The token option must be a string, a function returning the token, or an Effect (got ${describeValue(option)}).`,
    });
  }

  const metadata = new grpc.Metadata();
  const fixed = staticToken ?? optionToken;
  if (fixed !== undefined) metadata.set("authorization", `Bearer ${fixed}`);
  for (const [k, v] of config.metadata) metadata.add(k, v);

  const secrets = [
    ...(fixed === undefined ? [] : [fixed]),
    ...config.metadata.filter(([k, v]) => isSensitiveKey(k) && v !== "").map(([, v]) => v),
  ];
  return {
    metadata,
    useSsl: config.useSsl || (option !== undefined && !isLocalHost(config.host)),
    auth,
    redact: (text) => redactSecrets(text, auth === undefined ? secrets : [...secrets, ...auth.seen()]),
  };
}
