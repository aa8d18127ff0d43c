// The token provider's cache and the per-call wrappers, without a server: when the
// provider is asked, what is shared, what a refusal does, and that failures are typed
// and never show a token.
import test, { type ExecutionContext } from "ava";
import { inspect } from "node:util";
import * as grpc from "@grpc/grpc-js";
import { Cause, Effect, Exit, Fiber, Stream } from "effect";
import { AuthenticationError, type SparkConnectError, TransportError } from "../../runtime/errors.js";
import {
  type Authorizing,
  jwtExpiry,
  readGrant,
  refreshAt,
  type TokenSource,
  tokenSource,
  withToken,
  withTokenStream,
} from "../../runtime/internal/credentials.js";
import { SparkSession } from "../../src/index.js";

const run = <A, E>(e: Effect.Effect<A, E>) => Effect.runPromise(e);
const failureOf = async <A, E>(e: Effect.Effect<A, E>): Promise<E> => {
  const exit = await Effect.runPromiseExit(e);
  if (!Exit.isFailure(exit) || Cause.hasDies(exit.cause)) throw new Error(`expected a failure, got ${String(exit)}`);
  return Cause.squash(exit.cause) as E;
};

function assertHidden(t: ExecutionContext, err: unknown, secrets: readonly string[]): void {
  const e = err as Error;
  for (const text of [e.message, String(e), JSON.stringify(e), e.stack ?? "", inspect(e, { depth: Infinity })]) {
    for (const s of secrets) t.false(text.includes(s), `shows ${s}: ${text}`);
  }
}

/** A provider handing out tok-1, tok-2, ... with the given lifetime, on a clock the test moves. */
function rotating(lifeMs: number | undefined) {
  const clock = { now: 1_700_000_000_000 };
  let n = 0;
  const provider = () => {
    n++;
    return lifeMs === undefined ? `tok-${n}` : { token: `tok-${n}`, expiresAt: clock.now + lifeMs };
  };
  return { clock, provider, asked: () => n };
}

const jwt = (payload: object) =>
  [{ alg: "none", typ: "JWT" }, payload].map((p) => Buffer.from(JSON.stringify(p)).toString("base64url")).join(".") + ".sig";

// ---- cache ----------------------------------------------------------------------------------

test("asks before the first call, then serves the cached token until 60 s before expiry", async (t) => {
  const r = rotating(3_600_000);
  const source = tokenSource(r.provider, () => r.clock.now);
  t.is(r.asked(), 0, "nothing is asked before a call");
  t.is(await run(source.current), "tok-1");
  r.clock.now += 3_600_000 - 60_001;
  t.is(await run(source.current), "tok-1");
  r.clock.now += 2;
  t.is(await run(source.current), "tok-2");
  t.is(r.asked(), 2);
});

test("a short-lived token is replaced halfway through its life", async (t) => {
  const r = rotating(4_000);
  const source = tokenSource(r.provider, () => r.clock.now);
  t.is(await run(source.current), "tok-1");
  r.clock.now += 1_999;
  t.is(await run(source.current), "tok-1");
  r.clock.now += 2;
  t.is(await run(source.current), "tok-2");
  t.is(refreshAt(10_000, 0), 5_000);
  t.is(refreshAt(1_000_000, 0), 940_000);
  t.is(refreshAt(undefined, 0), Infinity);
});

test("a bare JWT is kept until 60 s before its exp claim; another bare string until refused", async (t) => {
  const clock = { now: 1_700_000_000_000 };
  const exp = clock.now / 1000 + 600;
  let n = 0;
  const source = tokenSource(() => jwt({ sub: "ann", exp: exp + n++ }), () => clock.now);
  const first = await run(source.current);
  t.is(jwtExpiry(first), exp * 1000);
  clock.now += 539_000;
  t.is(await run(source.current), first);
  clock.now += 2_000;
  t.not(await run(source.current), first);

  const r = rotating(undefined);
  const plain = tokenSource(r.provider, () => r.clock.now);
  t.is(await run(plain.current), "tok-1");
  r.clock.now += 365 * 86_400_000;
  t.is(await run(plain.current), "tok-1");
  plain.refused("tok-other");
  t.is(await run(plain.current), "tok-1", "refusing a token that is no longer current changes nothing");
  plain.refused("tok-1");
  t.is(await run(plain.current), "tok-2");
});

test("jwtExpiry ignores what is not a JWT with a numeric exp", (t) => {
  t.is(jwtExpiry("abc"), undefined);
  t.is(jwtExpiry("a.b.c"), undefined);
  t.is(jwtExpiry(jwt({ sub: "x" })), undefined);
  t.is(jwtExpiry(jwt({ exp: "soon" })), undefined);
  t.is(jwtExpiry(jwt({ exp: 2_000_000_000 })), 2_000_000_000_000);
});

test("concurrent callers share one request to the provider, also when one of them is interrupted", async (t) => {
  let asked = 0;
  let release!: (v: string) => void;
  const source = tokenSource(() => {
    asked++;
    return new Promise<string>((ok) => (release = ok));
  });
  const fibers = Array.from({ length: 10 }, () => Effect.runFork(source.current));
  await new Promise((ok) => setTimeout(ok, 20));
  await Effect.runPromise(Fiber.interrupt(fibers[0]!));
  release("shared-token");
  const results = await Promise.all(fibers.slice(1).map((f) => Effect.runPromise(Fiber.join(f))));
  t.deepEqual(new Set(results), new Set(["shared-token"]));
  t.is(asked, 1);
  t.is(source.requests(), 1);
});

test("the Effect form works as a provider", async (t) => {
  let n = 0;
  const source = tokenSource(Effect.sync(() => ({ token: `eff-${++n}`, expiresAt: new Date(Date.now() + 3_600_000) })));
  t.is(await run(source.current), "eff-1");
  t.is(await run(source.current), "eff-1");
  source.refused("eff-1");
  t.is(await run(source.current), "eff-2");
});

// ---- failures -------------------------------------------------------------------------------

test("a provider that throws is an AuthenticationError naming it, never showing a token; the failure is not cached", async (t) => {
  let fail = false;
  let n = 0;
  async function fetchSparkToken(): Promise<string> {
    n++;
    if (fail) throw new Error(`identity service refused refresh of tok-secret-${n - 1}`);
    return `tok-secret-${n}`;
  }
  const source = tokenSource(fetchSparkToken);
  t.is(await run(source.current), "tok-secret-1");
  source.refused("tok-secret-1");
  fail = true;
  const err = await failureOf(source.current);
  t.true(err instanceof AuthenticationError);
  t.regex(err.message, /the token provider fetchSparkToken\(\) \(the token option of SparkSession\.connect\) failed: identity service refused refresh of <redacted>/);
  assertHidden(t, err, ["tok-secret-1"]);
  fail = false;
  t.is(await run(source.current), "tok-secret-3", "asked again after a failure");
});

test("an Effect provider that fails or dies is an AuthenticationError", async (t) => {
  for (const provider of [Effect.fail(new Error("no creds")), Effect.die(new Error("boom"))]) {
    const err = await failureOf(tokenSource(provider).current);
    t.true(err instanceof AuthenticationError);
    t.regex(err.message, /the token Effect .* failed: (no creds|boom)/);
  }
});

for (const [name, value, fix] of [
  ["a number", 42, /returned a number instead of a token string/],
  ["null", null, /returned null/],
  ["an object without token", { access_token: "x" }, /an object without a string "token"/],
  ["an empty token", "", /returned an empty token/],
  ["a token with a trailing newline", "tok-secret-nl\n", /ends with a line break.*trim it/],
  ["a non-ASCII token", "tok-secret-\u00e9", /non-ASCII/],
  ["expiresAt in seconds", { token: "tok-secret-s", expiresAt: 1_700_000_000 }, /looks like seconds/],
  ["expiresAt as text", { token: "tok-secret-x", expiresAt: "tomorrow" }, /neither a Date nor a number/],
  ["an invalid Date", { token: "tok-secret-d", expiresAt: new Date("nope") }, /invalid expiresAt/],
] as const) {
  test(`a provider returning ${name} is refused with an AuthenticationError that does not show it`, async (t) => {
    t.is(typeof readGrant(value), "string");
    const err = await failureOf(tokenSource(() => value as never).current);
    t.true(err instanceof AuthenticationError);
    t.regex(err.message, fix);
    assertHidden(t, err, ["tok-secret"]);
  });
}

test("connect(): a provider's failure reaches the caller as AuthenticationError before anything is sent", async (t) => {
  const spark = await SparkSession.connect("sc://localhost:1", { token: () => Promise.reject(new Error("vault sealed")), retry: { maxRetries: 0 } });
  try {
    const err = await t.throwsAsync(spark.version(), { instanceOf: AuthenticationError });
    t.regex(err!.message, /token provider .* failed: vault sealed/);
  } finally {
    await spark.close();
  }
});

// ---- UNAUTHENTICATED ------------------------------------------------------------------------

const unauthenticated = (details = "Invalid authentication token") =>
  new AuthenticationError({ message: "rejected", cause: Object.assign(new Error(details), { code: 16, details }) });

function transport(auth: TokenSource | undefined): Authorizing & { readonly sent: string[] } {
  const sent: string[] = [];
  return {
    sent,
    target: "localhost:1",
    redact: (s) => s,
    auth,
    metadata: () => {
      const md = new grpc.Metadata();
      md.set("x-tenant", "acme");
      return md;
    },
  };
}
const header = (md: grpc.Metadata) => String(md.get("authorization")[0] ?? "");

test("UNAUTHENTICATED once: the provider is asked again and the call succeeds with the new token", async (t) => {
  const r = rotating(3_600_000);
  const tr = transport(tokenSource(r.provider, () => r.clock.now));
  const result = await run(
    withToken(tr, (md) => {
      tr.sent.push(header(md));
      t.is(md.get("x-tenant")[0], "acme");
      return tr.sent.length === 1 ? Effect.fail(unauthenticated()) : Effect.succeed("ok");
    }),
  );
  t.is(result, "ok");
  t.deepEqual(tr.sent, ["Bearer tok-1", "Bearer tok-2"]);
  t.is(r.asked(), 2);
});

test("refused twice: one retry only, and the next call asks the provider again", async (t) => {
  const r = rotating(3_600_000);
  const tr = transport(tokenSource(r.provider, () => r.clock.now));
  const call = withToken(tr, (md) => {
    tr.sent.push(header(md));
    return Effect.fail(unauthenticated());
  });
  const err = await failureOf(call);
  t.true(err instanceof AuthenticationError);
  t.regex(err.message, /refused a fresh token from the token provider/);
  t.deepEqual(tr.sent, ["Bearer tok-1", "Bearer tok-2"]);
  await failureOf(call);
  t.deepEqual(tr.sent.slice(2), ["Bearer tok-3", "Bearer tok-4"]);
});

test("a provider that hands back the refused token is not retried with it", async (t) => {
  const tr = transport(tokenSource(() => "always-the-same"));
  const err = await failureOf(
    withToken(tr, (md) => {
      tr.sent.push(header(md));
      return Effect.fail(unauthenticated());
    }),
  );
  t.regex(err.message, /returned the same token/);
  t.is(tr.sent.length, 1);
  assertHidden(t, err, ["always-the-same"]);
});

test("other failures, PERMISSION_DENIED and fixed tokens are not retried", async (t) => {
  const r = rotating(3_600_000);
  const tr = transport(tokenSource(r.provider, () => r.clock.now));
  const denied = new AuthenticationError({ message: "denied", cause: { code: 7 } });
  const unavailable = new TransportError({ code: 14, message: "down" });
  for (const e of [denied, unavailable] as SparkConnectError[]) {
    t.is(await failureOf(withToken(tr, () => Effect.fail(e))), e);
  }
  t.is(r.asked(), 1);
  const fixed = transport(undefined);
  let calls = 0;
  await failureOf(withToken(fixed, () => (calls++, Effect.fail(unauthenticated()))));
  t.is(calls, 1);
});

test("streams: UNAUTHENTICATED before the first message is retried with a new token, after it is not", async (t) => {
  const r = rotating(3_600_000);
  const tr = transport(tokenSource(r.provider, () => r.clock.now));
  const before = withTokenStream(tr, (md) => {
    tr.sent.push(header(md));
    return tr.sent.length === 1 ? Stream.fail(unauthenticated()) : Stream.make(1, 2, 3);
  });
  t.deepEqual(await run(Stream.runCollect(before)), [1, 2, 3]);
  t.deepEqual(tr.sent, ["Bearer tok-1", "Bearer tok-2"]);

  const after = withTokenStream(tr, (md) => {
    tr.sent.push(header(md));
    return Stream.concat(Stream.make(1), Stream.fail(unauthenticated()));
  });
  const err = await failureOf(Stream.runCollect(after));
  t.regex(err.message, /rejected/);
  t.is(tr.sent.length, 3);
});
