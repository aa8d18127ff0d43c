// Secrets never escape: one list of sensitive keys used by every redaction path, TLS
// forced for any credential sent beyond this machine, header values checked before gRPC
// sees them (its own errors quote the value), and no secret in any form of an error.
import test, { type ExecutionContext } from "ava";
import { inspect } from "node:util";
import * as grpc from "@grpc/grpc-js";
import { Cause, Effect, Exit, Redacted } from "effect";
import { formatConnectionString, parseConnectionString, redactConnectionString } from "../../runtime/ConnectionString.js";
import { InvalidConnectionStringError, InvalidOptionError, SparkConnectError } from "../../runtime/errors.js";
import { headerKeyProblem, headerValueProblem } from "../../runtime/internal/headers.js";
import { sessionCredentials } from "../../runtime/internal/credentials.js";
import { makeSession } from "../../runtime/Session.js";
import { isSensitiveKey, redactMetadata, redactSecrets, SENSITIVE_KEY_PARTS } from "../../runtime/Redaction.js";
import { SparkSession } from "../../src/index.js";

const noEnv = {};
const SECRET = "s3cr3t-VALUE-0042";

/** Every way an error can be shown: none may contain `secret`. */
function assertHidden(t: ExecutionContext, err: unknown, secret: string = SECRET): void {
  const e = err as Error;
  const shown = {
    message: e.message,
    string: String(e),
    json: JSON.stringify(e),
    stack: e.stack ?? "",
    inspect: inspect(e, { depth: Infinity }),
  };
  for (const [how, text] of Object.entries(shown)) t.false(text.includes(secret), `${how} shows the secret: ${text}`);
}

// ---- the list -------------------------------------------------------------------------------

const SENSITIVE = [
  "token", "Token", "TOKEN", "x-auth-token", "session-token", "access-token", "access_token", "refresh_token",
  "secret", "client_secret", "x-api-secret", "password", "Password", "db.password", "passwd", "pwd", "passphrase",
  "authorization", "Authorization", "proxy-authorization", "auth", "x-auth", "oauth_client",
  "x-api-key", "X-API-KEY", "apikey", "ApiKey", "api_key", "api-key",
  "access_key", "aws-access-key-id", "AccessKey", "private-key", "private_key",
  "credential", "credentials", "x-goog-credentials", "jwt", "x-jwt-assertion", "cookie", "set-cookie", "bearer",
  "x-amz-signature",
];
const NOT_SENSITIVE = ["x-tenant", "user_agent", "user_id", "session_id", "use_ssl", "x-trace", "grpc_max_message_size", "region"];

test("the documented list is frozen and lower-case", (t) => {
  t.true(Object.isFrozen(SENSITIVE_KEY_PARTS));
  for (const p of SENSITIVE_KEY_PARTS) t.is(p, p.toLowerCase());
});

for (const key of SENSITIVE) {
  test(`sensitive key ${key}: recognised, redacted in text, strings and connection-string errors`, (t) => {
    t.true(isSensitiveKey(key));
    // A value with "=" and an encoded ";" in it, followed by a stray piece.
    const value = `${SECRET}==%3Bmore`;
    t.is(redactSecrets(`${key}=${SECRET}==;x-tenant=acme`), `${key}=<redacted>;x-tenant=acme`);
    t.is(redactSecrets(`{"${key}": "${SECRET}"}`), `{"${key}": "<redacted>"}`);
    const redacted = redactConnectionString(`sc://h/;${key}=${value};stray;x-tenant=acme`);
    t.is(redacted, `sc://h/;${key}=<redacted>;x-tenant=acme`);
    // A rejected string (bad port) never echoes the value.
    const err = t.throws(() => parseConnectionString(`sc://h:0/;${key}=${value}`, noEnv), { instanceOf: InvalidConnectionStringError });
    assertHidden(t, err);
    if (key !== "token") {
      const c = parseConnectionString(`sc://localhost/;${key}=${value}`, noEnv);
      t.false(formatConnectionString(c).includes(SECRET));
      t.false(formatConnectionString(c).includes("more"));
    }
  });
}

for (const key of NOT_SENSITIVE) {
  test(`key ${key} is not sensitive`, (t) => {
    t.false(isSensitiveKey(key));
    t.is(redactSecrets(`${key}=visible`), `${key}=visible`);
  });
}

test("redactSecrets removes given values (also percent-encoded), Bearer/Basic credentials and header lines", (t) => {
  t.is(redactSecrets(`call failed: near '${SECRET}'`, [SECRET]), "call failed: near '<redacted>'");
  t.is(redactSecrets(`sc://h/;k=a%2Fb`, ["a/b"]), "sc://h/;k=<redacted>");
  t.is(redactSecrets(`header was Bearer ${SECRET}, refused`), "header was Bearer <redacted>, refused");
  t.is(redactSecrets(`Basic dXNlcjpwYXNz`), "Basic <redacted>");
  t.is(redactSecrets(`x-tenant: acme\nauthorization: Bearer ${SECRET}\ncookie: a=b`), "x-tenant: acme\nauthorization: <redacted>\ncookie: <redacted>");
  // Prose keeps its words: a status name before ":" is not a header.
  t.is(redactSecrets("UNAUTHENTICATED: Invalid authentication token"), "UNAUTHENTICATED: Invalid authentication token");
});

test("redactMetadata shows sensitive and binary values as <redacted>", (t) => {
  const md = new grpc.Metadata();
  md.set("authorization", `Bearer ${SECRET}`);
  md.set("x-api-key", SECRET);
  md.set("x-tenant", "acme");
  md.set("trace-bin", Buffer.from("xyz"));
  t.deepEqual(redactMetadata(md), { authorization: "<redacted>", "x-api-key": "<redacted>", "x-tenant": "acme", "trace-bin": "<redacted>" });
});

// ---- TLS ------------------------------------------------------------------------------------

for (const key of ["token", "Token", "authorization", "x-api-key", "apikey", "access_key", "credential", "jwt", "cookie", "passwd"]) {
  test(`TLS: a credential under ${key} turns TLS on for a remote host, stays plain on loopback`, (t) => {
    t.true(parseConnectionString(`sc://spark.example.com/;${key}=v`, noEnv).useSsl);
    for (const host of ["localhost", "127.0.0.1", "[::1]"]) t.false(parseConnectionString(`sc://${host}/;${key}=v`, noEnv).useSsl);
    t.true(parseConnectionString(`sc://localhost/;${key}=v;use_ssl=true`, noEnv).useSsl);
  });

  test(`TLS: use_ssl=false with a credential under ${key} to a remote host is refused, naming the key only`, (t) => {
    const err = t.throws(() => parseConnectionString(`sc://spark.example.com/;${key}=${SECRET};use_ssl=false`, noEnv), {
      instanceOf: InvalidConnectionStringError,
    });
    t.true(err!.message.includes(`"${key}" carries a credential`), err!.message);
    t.regex(err!.message, /remove use_ssl=false/);
    assertHidden(t, err);
    t.false(parseConnectionString(`sc://localhost/;${key}=v;use_ssl=false`, noEnv).useSsl);
  });
}

test("TLS: an env token with use_ssl=false to a remote host is refused, naming the variable", (t) => {
  const err = t.throws(() => parseConnectionString("sc://remote/;use_ssl=false", { SPARK_CONNECT_AUTHENTICATE_TOKEN: SECRET }));
  t.regex(err!.message, /SPARK_CONNECT_AUTHENTICATE_TOKEN carries a credential/);
  assertHidden(t, err);
});

test("TLS: without credentials nothing changes", (t) => {
  t.false(parseConnectionString("sc://remote/;x-tenant=acme", noEnv).useSsl);
  t.false(parseConnectionString("sc://remote/;use_ssl=false;x-tenant=acme", noEnv).useSsl);
});

test("a token given elsewhere (the token option) counts as a credential and excludes token= and the env", (t) => {
  const opts = { tokenElsewhere: true };
  t.true(parseConnectionString("sc://remote", noEnv, opts).useSsl);
  t.false(parseConnectionString("sc://localhost", noEnv, opts).useSsl);
  t.is(parseConnectionString("sc://localhost", { SPARK_CONNECT_AUTHENTICATE_TOKEN: SECRET }, opts).token, undefined);
  const both = t.throws(() => parseConnectionString(`sc://localhost/;token=${SECRET}`, noEnv, opts));
  t.regex(both!.message, /both as "token=" and as the token option/);
  assertHidden(t, both);
  t.throws(() => parseConnectionString("sc://remote/;use_ssl=false", noEnv, opts), { message: /the token option carries a credential/ });
  t.throws(() => parseConnectionString("sc://localhost/;authorization=x", noEnv, opts), { message: /both set the authorization header/ });
});

test("an authorization key with token= is refused; with only an env token it replaces the env token", (t) => {
  const err = t.throws(() => parseConnectionString(`sc://localhost/;token=${SECRET};authorization=Basic%20x`, noEnv));
  t.regex(err!.message, /"authorization" and the token would both set the authorization header/);
  assertHidden(t, err);
  const c = parseConnectionString("sc://localhost/;authorization=Basic%20x", { SPARK_CONNECT_AUTHENTICATE_TOKEN: SECRET });
  t.is(c.token, undefined);
});

test("sessionCredentials: a provider to a remote host turns TLS on; loopback stays plain", (t) => {
  const remote = parseConnectionString("sc://remote", noEnv);
  t.true(sessionCredentials(remote, () => "t").useSsl);
  t.true(sessionCredentials(remote, "t").useSsl);
  t.false(sessionCredentials(parseConnectionString("sc://localhost", noEnv), () => "t").useSsl);
  t.false(sessionCredentials(remote, undefined).useSsl);
});

// ---- header values --------------------------------------------------------------------------

test("headerValueProblem follows HTTP/2 field rules and never quotes the value", (t) => {
  t.is(headerValueProblem("abc.DEF-123_~=+/"), undefined);
  t.is(headerValueProblem(""), undefined);
  t.regex(headerValueProblem(`${SECRET}\n`)!, /ends with a line break.*trim it/);
  t.regex(headerValueProblem(`${SECRET}\r\n`)!, /trim it/);
  t.regex(headerValueProblem(`a\nb`)!, /contains a line break/);
  t.regex(headerValueProblem(`a\u0000b`)!, /control character/);
  t.regex(headerValueProblem(`a\tb`)!, /control character/);
  t.regex(headerValueProblem(`a\u007fb`)!, /control character/);
  t.regex(headerValueProblem(`caf\u00e9`)!, /non-ASCII/);
  t.regex(headerValueProblem(` ${SECRET}`)!, /starts or ends with a space/);
  for (const v of [`${SECRET}\n`, `x\u00e9${SECRET}`]) t.false(headerValueProblem(v)!.includes(SECRET));
});

test("headerKeyProblem refuses binary, gRPC-reserved and HTTP/2 connection keys", (t) => {
  t.is(headerKeyProblem("x-tenant"), undefined);
  t.regex(headerKeyProblem("trace-bin")!, /binary header/);
  t.regex(headerKeyProblem("grpc-timeout")!, /reserved by gRPC/);
  t.regex(headerKeyProblem("user-agent")!, /user_agent=/);
  for (const k of ["connection", "te", "Transfer-Encoding", "upgrade", "host", "content-type"]) t.truthy(headerKeyProblem(k), k);
  t.regex(headerKeyProblem("bad key")!, /cannot be sent/);
});

// ---- bad input: the typed error names the key, never the value -----------------------------

const rejectsString = (name: string, url: string, env: Record<string, string>, fix: RegExp) =>
  test(`connection string: ${name}`, (t) => {
    const err = t.throws(() => parseConnectionString(url, env), { instanceOf: InvalidConnectionStringError });
    t.regex(err!.message, fix);
    assertHidden(t, err);
  });

rejectsString("a token with a trailing newline", `sc://localhost/;token=${SECRET}%0A`, {}, /"token" ends with a line break.*trim it/);
rejectsString("a token with CRLF", `sc://localhost/;token=${SECRET}%0D%0A`, {}, /"token" ends with a line break/);
rejectsString("an env token with a trailing newline", "sc://localhost", { SPARK_CONNECT_AUTHENTICATE_TOKEN: `${SECRET}\n` }, /the token from SPARK_CONNECT_AUTHENTICATE_TOKEN ends with a line break.*trim it/);
rejectsString("a raw newline inside the token", `sc://localhost/;token=${SECRET}\n;x=1`, {}, /"token" ends with a line break/);
rejectsString("a non-ASCII token", `sc://localhost/;token=${SECRET}%C3%A9`, {}, /"token" contains a non-ASCII character/);
rejectsString("a control character in x-api-key", `sc://localhost/;x-api-key=${SECRET}%07`, {}, /the value of "x-api-key" contains a control character/);
rejectsString("a newline in Token (metadata)", `sc://localhost/;Token=${SECRET}%0A`, {}, /the value of "Token" ends with a line break/);
rejectsString("a newline in user_agent", "sc://localhost/;user_agent=a%0Ab", {}, /the value of "user_agent" contains a line break/);
rejectsString("a binary metadata key", `sc://localhost/;x-token-bin=${SECRET}`, {}, /"x-token-bin" names a binary header/);
rejectsString("a reserved metadata key", "sc://localhost/;grpc-timeout=1S", {}, /"grpc-timeout" is reserved by gRPC/);

test("connect(): a token option with a trailing newline rejects with InvalidOptionError, secret hidden", async (t) => {
  const err = await t.throwsAsync(SparkSession.connect("sc://localhost:1", { token: `${SECRET}\n` }), { instanceOf: InvalidOptionError });
  t.regex(err!.message, /The token option ends with a line break.*trim it/);
  assertHidden(t, err);
});

test("connect(): a token in the string and as option, or a bad option type, are refused", async (t) => {
  const both = await t.throwsAsync(SparkSession.connect(`sc://localhost:1/;token=${SECRET}`, { token: "other" }), {
    instanceOf: InvalidConnectionStringError,
  });
  assertHidden(t, both);
  await t.throwsAsync(SparkSession.connect("sc://localhost:1", { token: 42 as never }), { instanceOf: InvalidOptionError, message: /a number/ });
  await t.throwsAsync(SparkSession.connect("local", { token: "x" }), { instanceOf: InvalidOptionError, message: /does not apply to "local"/ });
});

test("makeSession: a hand-built config with a bad token or metadata fails as a typed error, secret hidden", async (t) => {
  const base = parseConnectionString("sc://localhost:1", noEnv);
  for (const config of [
    { ...base, token: Redacted.make(`${SECRET}\n`) },
    { ...base, metadata: [["x-api-key", `${SECRET}\r\n`]] as const },
    { ...base, metadata: [["x-ok", "1"], ["Bad Key", SECRET]] as const },
  ]) {
    const exit = await Effect.runPromiseExit(makeSession(config));
    t.true(Exit.isFailure(exit) && !Cause.hasDies(exit.cause));
    const err = Exit.isFailure(exit) ? Cause.squash(exit.cause) : undefined;
    t.true(err instanceof SparkConnectError, String(err));
    t.is((err as SparkConnectError)._tag, "InvalidConnectionStringError");
    assertHidden(t, err);
  }
});

test("a session's error redaction covers the token, sensitive metadata values and Bearer text", (t) => {
  const config = parseConnectionString(`sc://localhost/;token=${SECRET};x-api-key=k3y-VALUE;x-tenant=acme`, noEnv);
  const { redact, metadata } = sessionCredentials(config, undefined);
  t.is(metadata.get("authorization")[0], `Bearer ${SECRET}`);
  t.is(redact(`bad '${SECRET}' and k3y-VALUE for acme`), "bad '<redacted>' and <redacted> for acme");
  t.is(redact("Bearer abc"), "Bearer <redacted>");
});

test("a session shows no secret when printed or serialised: token option, token=, sensitive metadata", async (t) => {
  for (const [url, options] of [
    ["sc://localhost:1", { token: SECRET }],
    ["sc://localhost:1", { token: Redacted.make(SECRET) }],
    [`sc://localhost:1/;token=${SECRET}`, {}],
    [`sc://localhost:1/;x-api-key=${SECRET}`, {}],
    ["sc://localhost:1", { token: () => SECRET }],
  ] as const) {
    const spark = await SparkSession.connect(url, options);
    try {
      for (const text of [JSON.stringify(spark), inspect(spark, { depth: Infinity }), inspect(spark.handle, { depth: 8 }), JSON.stringify(spark.handle.core.ctx.options)]) {
        t.false(text.includes(SECRET), `${url} ${JSON.stringify(Object.keys(options))}: ${text.slice(0, 300)}`);
      }
    } finally {
      await spark.close();
    }
  }
});
