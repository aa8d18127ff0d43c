// A TLS-terminating proxy on loopback in front of the (plaintext) Spark Connect server,
// with a throwaway CA and certificates made by openssl, for testing the client's TLS.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { connect as netConnect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer, type TLSSocket } from "node:tls";

export interface TestCerts {
  readonly caCert: string;
  readonly serverKey: string;
  readonly serverCert: string;
  readonly clientKey: string;
  readonly clientCert: string;
}

function openssl(args: string[], cwd: string): void {
  try {
    execFileSync("openssl", args, { cwd, stdio: "pipe" });
  } catch (e) {
    throw new Error(`openssl ${args[0]} failed (the TLS tests need the openssl command): ${String(e)}`);
  }
}

/** A CA, a server certificate for localhost/127.0.0.1 and a client certificate, all signed by the CA. */
export function makeCerts(): TestCerts {
  const dir = mkdtempSync(join(tmpdir(), "sc-tls-"));
  openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=spark-connect-ts test CA", "-keyout", "ca.key", "-out", "ca.crt"], dir);
  writeFileSync(join(dir, "server.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
  for (const who of ["server", "client"]) {
    openssl(["req", "-newkey", "rsa:2048", "-nodes", "-subj", `/CN=${who === "server" ? "localhost" : "test-client"}`, "-keyout", `${who}.key`, "-out", `${who}.csr`], dir);
    openssl(
      ["x509", "-req", "-in", `${who}.csr`, "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2", "-out", `${who}.crt`,
        ...(who === "server" ? ["-extfile", "server.ext"] : [])],
      dir,
    );
  }
  const read = (f: string) => readFileSync(join(dir, f), "utf8");
  return {
    caCert: read("ca.crt"),
    serverKey: read("server.key"),
    serverCert: read("server.crt"),
    clientKey: read("client.key"),
    clientCert: read("client.crt"),
  };
}

export interface TlsProxy {
  readonly port: number;
  close(): Promise<void>;
}

/** Accepts TLS (HTTP/2 by ALPN) on 127.0.0.1 and forwards the plaintext to `target`. */
export function startTlsProxy(
  target: { host: string; port: number },
  certs: TestCerts,
  options: { requireClientCert?: boolean } = {},
): Promise<TlsProxy> {
  const sockets = new Set<Socket>();
  const server = createServer(
    {
      key: certs.serverKey,
      cert: certs.serverCert,
      ca: certs.caCert,
      ALPNProtocols: ["h2"],
      requestCert: options.requireClientCert ?? false,
      rejectUnauthorized: options.requireClientCert ?? false,
    },
    (client: TLSSocket) => {
      const upstream = netConnect(target.port, target.host);
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on("close", () => sockets.delete(s));
        s.on("error", () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    },
  );
  server.on("tlsClientError", () => {});
  return new Promise((ok) =>
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      ok({
        port: typeof address === "object" && address ? address.port : 0,
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    }),
  );
}
