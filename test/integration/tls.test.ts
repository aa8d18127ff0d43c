// TLS through a TLS-terminating proxy on loopback (the Spark Connect server has no TLS
// of its own): trusted CA, untrusted certificate, client certificates, token over TLS.
import test from "ava";
import { SparkSession, TransportError } from "../../src/index.js";
import { parseConnectionString } from "../../runtime/ConnectionString.js";
import { makeCerts, startTlsProxy, type TestCerts, type TlsProxy } from "../support/tlsProxy.js";
import { testUrl } from "../support/server.js";

let certs: TestCerts;
let proxy: TlsProxy;
let mtls: TlsProxy;
test.before(async () => {
  const { host, port } = parseConnectionString(testUrl());
  certs = makeCerts();
  proxy = await startTlsProxy({ host, port }, certs);
  mtls = await startTlsProxy({ host, port }, certs, { requireClientCert: true });
});
test.after.always(async () => {
  await proxy?.close();
  await mtls?.close();
});

const FAST_FAIL = { maxRetries: 1, initialBackoffMs: 10 };

test("use_ssl=true with the server's CA works end to end", async (t) => {
  const spark = await SparkSession.connect(`sc://localhost:${proxy.port}/;use_ssl=true`, { tls: { rootCerts: certs.caCert } });
  try {
    t.is(await spark.version(), "4.1.1");
    t.is(await spark.range(100_000).count(), 100_000);
  } finally {
    await spark.close();
  }
});

test("a certificate the client does not trust is refused with a TransportError", async (t) => {
  const spark = await SparkSession.connect(`sc://localhost:${proxy.port}/;use_ssl=true`, { retry: FAST_FAIL });
  try {
    const err = await t.throwsAsync(spark.version(), { instanceOf: TransportError });
    t.is(err.code, 14);
    t.regex(err.message, /localhost:\d+/);
  } finally {
    await spark.close();
  }
});

test("plaintext to a TLS port fails instead of hanging", async (t) => {
  const spark = await SparkSession.connect(`sc://localhost:${proxy.port}`, { retry: FAST_FAIL, callTimeoutMs: 5000 });
  try {
    await t.throwsAsync(spark.version(), { instanceOf: TransportError });
  } finally {
    await spark.close();
  }
});

test("a server that requires client certificates accepts ours and refuses a client without one", async (t) => {
  const withCert = await SparkSession.connect(`sc://localhost:${mtls.port}/;use_ssl=true`, {
    tls: { rootCerts: certs.caCert, privateKey: certs.clientKey, certChain: certs.clientCert },
  });
  const without = await SparkSession.connect(`sc://localhost:${mtls.port}/;use_ssl=true`, {
    tls: { rootCerts: certs.caCert },
    retry: FAST_FAIL,
  });
  try {
    t.is(await withCert.version(), "4.1.1");
    await t.throwsAsync(without.version(), { instanceOf: TransportError });
  } finally {
    await withCert.close();
    await without.close();
  }
});

test("a token goes over TLS as a bearer header and never into messages", async (t) => {
  const token = "tls-secret-0123456789abcdef";
  const spark = await SparkSession.connect(`sc://localhost:${proxy.port}/;use_ssl=true;token=${token}`, {
    tls: { rootCerts: certs.caCert },
  });
  try {
    t.is(await spark.version(), "4.1.1");
    const err = await t.throwsAsync(spark.sql(`SELECT \`${token}\``).collect());
    t.false(err.message.includes(token));
    t.false(String(err).includes(token));
  } finally {
    await spark.close();
  }
});
