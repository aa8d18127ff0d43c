import test from "ava";
import { Redacted } from "effect";
import { formatConnectionString, parseConnectionString } from "../../runtime/ConnectionString.js";
import { InvalidConnectionStringError } from "../../runtime/errors.js";

const noEnv = {};
const parse = (url: string, env: Record<string, string | undefined> = noEnv) => parseConnectionString(url, env);
const UUID = "123e4567-e89b-12d3-a456-426614174000";
const EXPECTED = "Expected sc://host[:port]/;key=value;...";

// ---- valid forms ----------------------------------------------------------------------------

for (const [url, host, port] of [
  ["sc://localhost", "localhost", 15002],
  ["sc://localhost:1234", "localhost", 1234],
  ["sc://localhost/", "localhost", 15002],
  ["sc://localhost/;", "localhost", 15002],
  ["sc://spark.example.com:443/;a=b", "spark.example.com", 443],
  ["sc://10.0.0.7:65535/", "10.0.0.7", 65535],
  ["sc://[::1]:15002", "::1", 15002],
  ["sc://[fe80::1]", "fe80::1", 15002],
  ["  sc://host  ", "host", 15002],
] as const) {
  test(`parses ${JSON.stringify(url)}`, (t) => {
    const c = parse(url);
    t.is(c.host, host);
    t.is(c.port, port);
  });
}

test("defaults", (t) => {
  const c = parse("sc://h");
  t.deepEqual(
    { ...c },
    {
      host: "h",
      port: 15002,
      token: undefined,
      useSsl: false,
      userId: undefined,
      userAgent: "spark-connect-ts",
      sessionId: undefined,
      grpcMaxMessageSize: undefined,
      metadata: [],
    },
  );
});

test("reads every known key and percent-decodes values", (t) => {
  const c = parse(
    `sc://h:1/;token=a%2Fb%3D;use_ssl=true;user_id=ann%20lee;user_agent=my%20app;session_id=${UUID};grpc_max_message_size=1048576`,
  );
  t.is(Redacted.value(c.token!), "a/b=");
  t.true(c.useSsl);
  t.is(c.userId, "ann lee");
  t.is(c.userAgent, "my app");
  t.is(c.sessionId, UUID);
  t.is(c.grpcMaxMessageSize, 1048576);
  t.deepEqual(c.metadata, []);
});

test("a value may contain '=' (base64 tokens)", (t) => {
  t.is(Redacted.value(parse("sc://h/;token=YWJj==").token!), "YWJj==");
});

test("keys are case-sensitive: Token is metadata, not the token", (t) => {
  const c = parse("sc://h/;Token=x");
  t.is(c.token, undefined);
  t.deepEqual(c.metadata, [["Token", "x"]]);
});

test("unknown keys pass through as metadata, in order, decoded", (t) => {
  const c = parse("sc://h/;x-tenant=acme;user_id=u;x-trace=a%3Bb;empty=");
  t.deepEqual(c.metadata, [
    ["x-tenant", "acme"],
    ["x-trace", "a;b"],
    ["empty", ""],
  ]);
  t.is(c.userId, "u");
});

test("empty segments (';;', trailing ';') are ignored", (t) => {
  t.deepEqual(parse("sc://h/;a=1;;b=2;").metadata, [
    ["a", "1"],
    ["b", "2"],
  ]);
});

test("use_ssl accepts true/false in any case", (t) => {
  t.true(parse("sc://h/;use_ssl=TRUE").useSsl);
  t.false(parse("sc://h/;use_ssl=False").useSsl);
});

test("session_id accepts an upper-case UUID", (t) => {
  t.is(parse(`sc://h/;session_id=${UUID.toUpperCase()}`).sessionId, UUID.toUpperCase());
});

// ---- token and TLS --------------------------------------------------------------------------

test("token falls back to SPARK_CONNECT_AUTHENTICATE_TOKEN", (t) => {
  const c = parse("sc://h", { SPARK_CONNECT_AUTHENTICATE_TOKEN: "from-env" });
  t.is(Redacted.value(c.token!), "from-env");
  t.true(c.useSsl);
});

test("token in the string wins over the env", (t) => {
  const c = parse("sc://h/;token=from-url", { SPARK_CONNECT_AUTHENTICATE_TOKEN: "from-env" });
  t.is(Redacted.value(c.token!), "from-url");
});

test("an empty env token counts as none", (t) => {
  t.is(parse("sc://h", { SPARK_CONNECT_AUTHENTICATE_TOKEN: "" }).token, undefined);
});

test("env defaults to process.env", (t) => {
  const saved = process.env.SPARK_CONNECT_AUTHENTICATE_TOKEN;
  process.env.SPARK_CONNECT_AUTHENTICATE_TOKEN = "proc-env";
  try {
    t.is(Redacted.value(parseConnectionString("sc://h").token!), "proc-env");
  } finally {
    if (saved === undefined) delete process.env.SPARK_CONNECT_AUTHENTICATE_TOKEN;
    else process.env.SPARK_CONNECT_AUTHENTICATE_TOKEN = saved;
  }
});

test("the token is redacted in String/JSON of the config", (t) => {
  const c = parse("sc://h/;token=s3cret");
  t.false(String(c.token).includes("s3cret"));
  t.false(JSON.stringify(c).includes("s3cret"));
});

for (const [url, env, expected] of [
  ["sc://remote", noEnv, false],
  ["sc://remote/;use_ssl=true", noEnv, true],
  ["sc://remote/;token=t", noEnv, true],
  ["sc://remote", { SPARK_CONNECT_AUTHENTICATE_TOKEN: "t" }, true],
  ["sc://localhost/;token=t", noEnv, false],
  ["sc://LOCALHOST/;token=t", noEnv, false],
  ["sc://127.0.0.1/;token=t", noEnv, false],
  ["sc://[::1]/;token=t", noEnv, false],
  ["sc://localhost/;token=t;use_ssl=true", noEnv, true],
  ["sc://127.0.0.2/;token=t", noEnv, true],
] as const) {
  test(`TLS: ${url} ${JSON.stringify(env)} -> ${expected}`, (t) => {
    t.is(parse(url, env).useSsl, expected);
  });
}

// ---- errors ---------------------------------------------------------------------------------

const SECRET = "tok-SeCrEt-42";

const rejects = (url: string, fix: RegExp) => (t: import("ava").ExecutionContext) => {
  const err = t.throws(() => parse(url), { instanceOf: InvalidConnectionStringError });
  t.is(err!._tag, "InvalidConnectionStringError");
  t.regex(err!.message, fix);
  t.true(err!.message.includes(EXPECTED), err!.message);
  for (const shown of [err!.message, String(err), JSON.stringify(err), err!.stack ?? ""]) {
    t.false(shown.includes(SECRET), shown);
    t.false(shown.includes("SeCrEt"), shown);
  }
};

for (const [name, url, fix] of [
  ["wrong scheme", `http://h/;token=${SECRET}`, /the scheme must be "sc:\/\/"/],
  ["no scheme", "localhost:15002", /the scheme must be "sc:\/\/"/],
  ["empty host", `sc:///;token=${SECRET}`, /the host is empty/],
  ["empty host with port", "sc://:15002", /the host is empty/],
  ["non-numeric port", `sc://h:abc/;token=${SECRET}`, /port "abc" must be a number from 1 to 65535/],
  ["empty port", "sc://h:", /port "" must be a number/],
  ["port 0", "sc://h:0", /port "0" must be a number from 1 to 65535/],
  ["port too big", "sc://h:65536", /port "65536"/],
  ["negative port", "sc://h:-1", /port "-1"/],
  ["path", `sc://h/db;token=${SECRET}`, /the path "\/db" must be empty/],
  ["path without ';'", "sc://h:15002/db", /the path "\/db" must be empty/],
  ["double slash", "sc://h//;a=b", /the path "\/\/" must be empty/],
  ["params without slash", `sc://h;token=${SECRET}`, /parameters must follow "\/;"/],
  ["parameter without '='", `sc://h/;a=b;oops;token=${SECRET}`, /"oops" has no "="/],
  ["stray piece after the token", `sc://h/;token=${SECRET};SeCrEt;a=b`, /follows a secret value/],
  ["empty key", `sc://h/;=v;token=${SECRET}`, /empty key/],
  ["duplicate key", `sc://h/;token=${SECRET};token=${SECRET}`, /"token" is given twice/],
  ["duplicate metadata key", "sc://h/;a=1;a=2", /"a" is given twice/],
  ["bad session_id", `sc://h/;token=${SECRET};session_id=abc`, /"session_id" must be a UUID/],
  ["use_ssl not boolean", `sc://h/;use_ssl=yes;token=${SECRET}`, /"use_ssl" must be true or false/],
  ["grpc_max_message_size 0", "sc://h/;grpc_max_message_size=0", /must be a positive integer/],
  ["grpc_max_message_size negative", "sc://h/;grpc_max_message_size=-5", /must be a positive integer/],
  ["grpc_max_message_size fraction", "sc://h/;grpc_max_message_size=1.5", /must be a positive integer/],
  ["grpc_max_message_size text", "sc://h/;grpc_max_message_size=big", /must be a positive integer/],
  ["bad percent escape in token", `sc://h/;token=${SECRET}%zz`, /value of "token" has an invalid percent escape/],
  ["bad percent escape", "sc://h/;a=%E0%A4%A", /value of "a" has an invalid percent escape/],
  ["empty token", "sc://h/;token=", /"token" is empty/],
  ["unbracketed IPv6", "sc://::1:15002", /IPv6 address must be written in brackets/],
  ["bad bracketed IPv6", "sc://[::1", /not a valid bracketed IPv6 address/],
  ["user info", `sc://us${SECRET}er@h/;a=b`, /user info before "@" is not supported/],
  ["bad host", "sc://h_ost!/", /"h_ost!" is not a valid host name/],
  ["metadata key not sendable", `sc://h/;bad key=1;token=${SECRET}`, /cannot be sent as gRPC metadata/],
  ["credential-like metadata", `sc://h/;x-api-secret=${SECRET};oops`, /follows a secret value/],
] as const) {
  test(`rejects ${name}`, rejects(url, fix));
}

test("the message echoes the input with the token replaced", (t) => {
  const err = t.throws(() => parse(`http://h/;token=${SECRET};a=b`), { instanceOf: InvalidConnectionStringError });
  t.true(err!.message.startsWith(`Invalid Spark Connect connection string "http://h/;token=<redacted>;a=b": `));
});

test("an env token never shows in a message", (t) => {
  const err = t.throws(() => parse("sc://h:0", { SPARK_CONNECT_AUTHENTICATE_TOKEN: SECRET }));
  t.false(String(err).includes(SECRET));
});

// ---- formatting -----------------------------------------------------------------------------

test("formatConnectionString shows the effective config with the token redacted", (t) => {
  const c = parse(`sc://h/;token=${SECRET};user_id=a%20b;x-tenant=acme;session_id=${UUID}`);
  const s = formatConnectionString(c);
  t.is(s, `sc://h:15002/;use_ssl=true;token=<redacted>;user_id=a%20b;session_id=${UUID};x-tenant=acme`);
  t.false(s.includes(SECRET));
});

test("formatConnectionString brackets IPv6, redacts credential-like metadata and round-trips", (t) => {
  const c = parse("sc://[::1]:1/;user_agent=app%2F1;grpc_max_message_size=10;authorization=Basic%20xyz;k=a%3Bb");
  const s = formatConnectionString(c);
  t.is(s, "sc://[::1]:1/;use_ssl=false;user_agent=app%2F1;grpc_max_message_size=10;authorization=<redacted>;k=a%3Bb");
  const plain = parse("sc://[::1]:1/;user_agent=app%2F1;k=a%3Bb");
  t.deepEqual({ ...parse(formatConnectionString(plain)) }, { ...plain });
});
