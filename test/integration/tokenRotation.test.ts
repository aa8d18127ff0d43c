// Tokens that expire, against a real server behind a gateway (test/support/authProxy.ts)
// that accepts only the newest token: a long result stream, which the server cuts into
// many short streams (forced reattaches), arrives exactly while the token rotates; a
// refused token makes the client ask its provider again (never resend the refused
// token); failures are typed and never show a token.
import test, { type ExecutionContext } from "ava";
import { randomBytes } from "node:crypto";
import { inspect } from "node:util";
import { Effect } from "effect";
import { AuthenticationError, SparkSession } from "../../src/index.js";
import type { LocalServer } from "../../runtime/LocalServer.js";
import { type AuthProxy, startAuthProxy } from "../support/authProxy.js";
import { dedicatedServer } from "../support/dedicatedServer.js";
import { TEST_RETRY } from "../support/server.js";
import { makeCerts, startTlsProxy } from "../support/tlsProxy.js";

const UPSTREAM = `upstream-${randomBytes(12).toString("hex")}`;
const fresh = (label: string) => `${label}-${randomBytes(12).toString("hex")}`;

let server: LocalServer;
const proxies: AuthProxy[] = [];
test.before(async () => {
  server = await dedicatedServer({
    token: UPSTREAM,
    conf: {
      "spark.connect.execute.reattachable.senderMaxStreamDuration": "1s",
      "spark.connect.execute.reattachable.senderMaxStreamSize": "123",
    },
  });
});
test.after.always(async () => {
  for (const p of proxies) await p.close();
  await server?.stop();
});

async function proxy(first = "nothing-accepted-yet"): Promise<AuthProxy> {
  const p = await startAuthProxy({ host: server.host, port: server.port, token: UPSTREAM }, first);
  proxies.push(p);
  return p;
}

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

/** Reads range(0, n) slowly, batch by batch (so the stream lasts), and returns count and sum. */
async function slowRead(spark: SparkSession, n: number, pauseMs: number): Promise<{ count: number; sum: bigint; batches: number }> {
  await spark.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", "2500");
  let count = 0;
  let sum = 0n;
  let batches = 0;
  for await (const batch of spark.range(0, n, 1, 4).batches()) {
    const ids = batch.getChild("id")!.toArray() as BigInt64Array;
    for (const id of ids) sum += id;
    count += batch.numRows;
    batches++;
    await sleep(pauseMs);
  }
  return { count, sum, batches };
}

/** A refused token is never sent again. */
function assertNoStaleResend(t: ExecutionContext, p: AuthProxy): void {
  p.calls.forEach((c, i) => {
    if (c.accepted || c.token === undefined) return;
    const later = p.calls.slice(i + 1).filter((d) => d.token === c.token).length;
    // Calls that had already picked the token up when it was refused may still arrive
    // with it; none is sent with it after the client learnt of the refusal, and these
    // stragglers are few.
    t.true(later <= 3, `the refused token was sent ${later} more times`);
  });
}

function assertHidden(t: ExecutionContext, err: unknown, secrets: readonly string[]): void {
  const e = err as Error;
  for (const text of [e.message, String(e), JSON.stringify(e), e.stack ?? "", inspect(e, { depth: Infinity })]) {
    for (const s of [...secrets, UPSTREAM]) t.false(text.includes(s), `shows a token: ${text}`);
  }
}

test.serial("a long result stream survives token rotation: short-lived tokens are replaced before they expire", async (t) => {
  const p = await proxy();
  let issued = 0;
  // The identity service: each request issues a new token valid for 3 s and revokes the previous one.
  const issue = async () => {
    issued++;
    const token = fresh(`rot${issued}`);
    p.accept(token);
    return { token, expiresAt: Date.now() + 3_000 };
  };
  const spark = await SparkSession.connect(`sc://127.0.0.1:${p.port}`, { token: issue, retry: TEST_RETRY });
  try {
    const n = 100_000;
    const started = Date.now();
    const { count, sum, batches } = await slowRead(spark, n, 150);
    const seconds = (Date.now() - started) / 1000;
    t.is(count, n);
    t.is(sum, (BigInt(n) * BigInt(n - 1)) / 2n);
    const reattaches = p.calls.filter((c) => c.accepted && c.path.endsWith("/ReattachExecute"));
    const tokensOnReattach = new Set(reattaches.map((c) => c.token));
    t.log(`${batches} batches in ${seconds.toFixed(1)} s, ${issued} tokens issued, ${reattaches.length} reattaches with ${tokensOnReattach.size} tokens, ${p.calls.filter((c) => !c.accepted).length} calls refused`);
    t.true(reattaches.length >= 10, `only ${reattaches.length} reattaches`);
    t.true(tokensOnReattach.size >= 3, `reattaches used ${tokensOnReattach.size} tokens`);
    t.true(issued >= 3 && issued <= Math.ceil(seconds / 1.5) + 4, `${issued} tokens for ${seconds.toFixed(1)} s`);
    assertNoStaleResend(t, p);
  } finally {
    await spark.close();
  }
});

test.serial("a long result stream survives a gateway that revokes tokens on its own: refused, asked again, resumed", async (t) => {
  const p = await proxy();
  let newest = fresh("gw0");
  p.accept(newest);
  let rotations = 0;
  const timer = setInterval(() => {
    newest = fresh(`gw${++rotations}`);
    p.accept(newest);
  }, 1_200);
  let asked = 0;
  // A bare token without expiry (not a JWT): kept until the server refuses it.
  const spark = await SparkSession.connect(`sc://127.0.0.1:${p.port}`, { token: () => (asked++, newest), retry: TEST_RETRY });
  try {
    const n = 60_000;
    const { count, sum } = await slowRead(spark, n, 150);
    clearInterval(timer);
    t.is(count, n);
    t.is(sum, (BigInt(n) * BigInt(n - 1)) / 2n);
    const refused = p.calls.filter((c) => !c.accepted).length;
    t.log(`${rotations} rotations, provider asked ${asked} times, ${refused} calls refused`);
    t.true(rotations >= 2, `${rotations} rotations`);
    t.true(refused >= 1, "the gateway refused some call");
    t.true(asked >= 3 && asked <= 2 * (rotations + 1) + 2, `asked ${asked} times for ${rotations} rotations`);
    assertNoStaleResend(t, p);
  } finally {
    clearInterval(timer);
    await spark.close();
  }
});

test.serial("UNAUTHENTICATED once: the provider is asked again and the call succeeds with the new token", async (t) => {
  const [old, good] = [fresh("old"), fresh("good")];
  const p = await proxy(good);
  const handedOut = [old, good];
  let asked = 0;
  const spark = await SparkSession.connect(`sc://127.0.0.1:${p.port}`, { token: async () => handedOut[asked++]!, retry: TEST_RETRY });
  try {
    t.is(await spark.version(), "4.1.1");
    t.is(asked, 2);
    t.deepEqual(
      p.calls.map((c) => [c.path.split("/").pop(), c.token, c.accepted]),
      [
        ["AnalyzePlan", old, false],
        ["AnalyzePlan", good, true],
      ],
    );
    t.is(await spark.range(10).count(), 10);
    t.is(asked, 2, "the accepted token is kept");
  } finally {
    await spark.close();
  }
});

test.serial("concurrent first calls share one request to the provider", async (t) => {
  const token = fresh("shared");
  const p = await proxy(token);
  let asked = 0;
  const spark = await SparkSession.connect(`sc://127.0.0.1:${p.port}`, {
    token: Effect.promise(async () => {
      asked++;
      await sleep(200);
      return token;
    }),
    retry: TEST_RETRY,
  });
  try {
    const results = await Promise.all([spark.version(), spark.range(5).count(), spark.range(7).count(), spark.version()]);
    t.deepEqual(results, ["4.1.1", 5, 7, "4.1.1"]);
    t.is(asked, 1);
  } finally {
    await spark.close();
  }
});

test.serial("a provider that fails is an AuthenticationError naming it, with no token anywhere in the error", async (t) => {
  const first = fresh("first");
  const p = await proxy(first);
  let calls = 0;
  async function corporateSso(): Promise<string> {
    if (calls++ === 0) return first;
    throw new Error(`SSO session expired; last token was ${first}`);
  }
  const spark = await SparkSession.connect(`sc://127.0.0.1:${p.port}`, { token: corporateSso, retry: TEST_RETRY });
  try {
    t.is(await spark.version(), "4.1.1");
    p.accept(fresh("revoked-all"));
    const err = await t.throwsAsync(spark.range(3).count(), { instanceOf: AuthenticationError });
    t.regex(err!.message, /token provider corporateSso\(\) .* failed: SSO session expired; last token was <redacted>/);
    assertHidden(t, err, [first]);
  } finally {
    await spark.close();
  }
});

test.serial("a server that refuses every fresh token: one retry, then an AuthenticationError without the tokens", async (t) => {
  const p = await proxy(fresh("never-handed-out"));
  const handedOut: string[] = [];
  const spark = await SparkSession.connect(`sc://127.0.0.1:${p.port}`, {
    token: () => {
      handedOut.push(fresh("bad"));
      return handedOut.at(-1)!;
    },
    retry: TEST_RETRY,
  });
  try {
    const err = await t.throwsAsync(spark.version(), { instanceOf: AuthenticationError });
    t.regex(err!.message, /refused a fresh token from the token provider/);
    t.is(p.calls.length, 2);
    t.deepEqual(p.calls.map((c) => c.token), handedOut);
    assertHidden(t, err, handedOut);
  } finally {
    await spark.close();
  }
});

test.serial("a fixed token (string option or token=) is sent as is and never retried when refused", async (t) => {
  const [good, bad] = [fresh("fixed"), fresh("wrong")];
  const p = await proxy(good);
  const viaOption = await SparkSession.connect(`sc://127.0.0.1:${p.port}`, { token: good, retry: TEST_RETRY });
  const wrong = await SparkSession.connect(`sc://127.0.0.1:${p.port}/;token=${bad}`, { retry: TEST_RETRY });
  try {
    t.is(await viaOption.version(), "4.1.1");
    const before = p.calls.length;
    const err = await t.throwsAsync(wrong.version(), { instanceOf: AuthenticationError });
    t.is(p.calls.length, before + 1);
    t.is(p.calls.at(-1)!.token, bad);
    assertHidden(t, err, [good, bad]);
  } finally {
    await viaOption.close();
    await wrong.close();
  }
});

test.serial("a provider's token goes over TLS too (per-call headers on a TLS channel)", async (t) => {
  const token = fresh("tls");
  const p = await proxy(token);
  const certs = makeCerts();
  const tls = await startTlsProxy({ host: "127.0.0.1", port: p.port }, certs);
  const spark = await SparkSession.connect(`sc://localhost:${tls.port}/;use_ssl=true`, {
    token: async () => token,
    tls: { rootCerts: certs.caCert },
    retry: TEST_RETRY,
  });
  try {
    t.is(await spark.range(1000).count(), 1000);
    t.true(p.calls.length > 0 && p.calls.every((c) => c.accepted && c.token === token));
  } finally {
    await spark.close();
    await tls.close();
  }
});
