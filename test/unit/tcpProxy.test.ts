// Self-test of the fault-injecting TCP proxy against tiny TCP servers started here (no Spark).
// Serial: the last test counts the process's open TCP handles.
import test from "ava";
import * as net from "node:net";
import { startTcpProxy, type TcpProxy } from "../support/tcpProxy.js";

/** A TCP server on 127.0.0.1; `close` destroys its open sockets too. */
async function startServer(onSocket: (s: net.Socket) => void): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on("error", () => {});
    s.on("close", () => sockets.delete(s));
    onSocket(s);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** Echoes whatever it receives. */
const echo = (s: net.Socket) => s.pipe(s);

/** Sends `total` bytes (byte i = i % 251) in 16 KiB writes, respecting backpressure, then ends. */
const streamer = (total: number) => (s: net.Socket) => {
  let sent = 0;
  const pump = (): void => {
    while (sent < total && !s.destroyed) {
      const n = Math.min(16384, total - sent);
      const chunk = Buffer.alloc(n, 0).map((_, i) => (sent + i) % 251);
      sent += n;
      if (!s.write(chunk)) return void s.once("drain", pump);
    }
    if (!s.destroyed) s.end();
  };
  pump();
};

/** Connects to `port`, optionally writes `send`, and collects everything until the socket closes. */
function receiveAll(port: number, send?: string): Promise<{ data: Buffer; error: boolean }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let error = false;
    const s = net.connect({ host: "127.0.0.1", port }, () => {
      if (send !== undefined) s.write(send);
    });
    s.on("data", (c: Buffer) => {
      chunks.push(c);
      if (send !== undefined && Buffer.concat(chunks).length >= send.length) s.end();
    });
    s.on("error", () => (error = true));
    s.on("close", () => resolve({ data: Buffer.concat(chunks), error }));
  });
}

function tcpHandles(): number {
  return process.getActiveResourcesInfo().filter((r) => r.startsWith("TCP")).length;
}

test.serial("forwards both ways and counts connections", async (t) => {
  const server = await startServer(echo);
  const proxy = await startTcpProxy({ host: "127.0.0.1", port: server.port });
  t.regex(proxy.url, /^sc:\/\/127\.0\.0\.1:\d+$/);
  const got = await receiveAll(proxy.port, "hello through the proxy");
  t.is(got.data.toString(), "hello through the proxy");
  t.is(proxy.connections, 1);
  t.is(proxy.cuts, 0);
  t.is(proxy.bytesToClient, "hello through the proxy".length);
  await proxy.close();
  await server.close();
});

test.serial("cutAfterBytes cuts after that many server->client bytes", async (t) => {
  const server = await startServer(streamer(1_000_000));
  const proxy = await startTcpProxy({ host: "127.0.0.1", port: server.port });
  proxy.cutAfterBytes(100_000);
  const got = await receiveAll(proxy.port);
  t.is(proxy.bytesToClient, 100_000);
  t.true(got.data.length <= 100_000 && got.data.length >= 100_000 - 65_536, `received ${got.data.length}`);
  t.true(got.data.every((b, i) => b === i % 251), "bytes arrive unaltered and in order");
  t.is(proxy.cuts, 1);
  // One-shot: the next connection gets everything.
  const full = await receiveAll(proxy.port);
  t.is(full.data.length, 1_000_000);
  t.is(proxy.cuts, 1);
  await proxy.close();
  await server.close();
});

/** Runs connections through a cutRandomly proxy until one completes; returns the bytes each got from the proxy. */
async function randomCutRun(seed: number): Promise<{ perConnection: number[]; proxy: TcpProxy }> {
  const server = await startServer(streamer(300_000));
  const proxy = await startTcpProxy({ host: "127.0.0.1", port: server.port });
  proxy.cutRandomly({ minBytes: 10_000, maxBytes: 200_000, times: 3, seed });
  const perConnection: number[] = [];
  for (;;) {
    const before = proxy.bytesToClient;
    await receiveAll(proxy.port);
    perConnection.push(proxy.bytesToClient - before);
    if (perConnection.at(-1) === 300_000) break;
  }
  await proxy.close();
  await server.close();
  return { perConnection, proxy };
}

test.serial("cutRandomly is deterministic given a seed", async (t) => {
  const a = await randomCutRun(42);
  const b = await randomCutRun(42);
  const c = await randomCutRun(7);
  t.deepEqual(a.perConnection, b.perConnection);
  t.is(a.perConnection.length, 4, "three cuts, then a full transfer");
  t.is(a.proxy.cuts, 3);
  for (const n of a.perConnection.slice(0, 3)) t.true(n >= 10_000 && n <= 200_000, `cut at ${n}`);
  t.notDeepEqual(a.perConnection, c.perConnection);
});

test.serial("cutAll cuts open connections; setRefusing refuses new ones", async (t) => {
  const server = await startServer(() => {}); // accepts and stays silent
  const proxy = await startTcpProxy({ host: "127.0.0.1", port: server.port });
  const open = receiveAll(proxy.port);
  while (proxy.connections < 1) await new Promise((r) => setTimeout(r, 5));
  await new Promise((r) => setTimeout(r, 20)); // let the upstream side connect
  t.is(proxy.cutAll(), 1);
  await open;
  t.is(proxy.cutAll(), 0);

  proxy.setRefusing(true);
  const refused = await receiveAll(proxy.port, "x");
  t.is(refused.data.length, 0);
  t.is(proxy.connections, 2);
  proxy.setRefusing(false);
  await proxy.close();
  await server.close();
});

/** Waits until `check` holds, polling every 5 ms; fails after `ms`. */
async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 5));
  }
}

test.serial("pause holds server->client bytes while client->server flows; resume delivers them in order", async (t) => {
  const server = await startServer(echo);
  const proxy = await startTcpProxy({ host: "127.0.0.1", port: server.port });
  const received: Buffer[] = [];
  const client = net.connect({ host: "127.0.0.1", port: proxy.port });
  client.on("data", (c: Buffer) => received.push(c));
  await new Promise<void>((r) => client.once("connect", () => r()));
  client.write("before ");
  await until(() => Buffer.concat(received).toString() === "before ");

  proxy.pause();
  t.true(proxy.paused);
  client.write("held ");
  client.write("answer");
  await until(() => proxy.bytesToServer === "before held answer".length); // the client's bytes flow on
  await until(() => proxy.bytesHeld > 0); // the server echoed; the proxy holds it
  await new Promise((r) => setTimeout(r, 100));
  t.is(Buffer.concat(received).toString(), "before ", "nothing held reached the client");
  t.is(proxy.bytesToClient, "before ".length);

  proxy.resume();
  t.false(proxy.paused);
  await until(() => Buffer.concat(received).length === "before held answer".length);
  t.is(Buffer.concat(received).toString(), "before held answer");
  t.is(proxy.bytesHeld, 0);
  client.write(" after");
  await until(() => Buffer.concat(received).toString() === "before held answer after");
  client.destroy();
  await proxy.close();
  await server.close();
});

test.serial("a connection opened while paused gets nothing until resume, then all of it and the end", async (t) => {
  const server = await startServer(streamer(1_000_000));
  const proxy = await startTcpProxy({ host: "127.0.0.1", port: server.port });
  proxy.pause();
  const got = receiveAll(proxy.port);
  await until(() => proxy.bytesHeld > 0);
  await new Promise((r) => setTimeout(r, 100));
  t.is(proxy.bytesToClient, 0);
  t.true(proxy.bytesHeld < 1_000_000, `held ${proxy.bytesHeld} bytes: the server side stops being read`);
  proxy.resume();
  const { data, error } = await got;
  t.false(error);
  t.is(data.length, 1_000_000);
  t.true(data.every((b, i) => b === i % 251), "bytes arrive unaltered and in order");
  t.is(proxy.bytesHeld, 0);
  await proxy.close();
  await server.close();
});

test.serial("cutAll while paused drops what was held", async (t) => {
  const server = await startServer(streamer(200_000));
  const proxy = await startTcpProxy({ host: "127.0.0.1", port: server.port });
  proxy.pause();
  const got = receiveAll(proxy.port);
  await until(() => proxy.bytesHeld > 0);
  t.is(proxy.cutAll(), 1);
  const { data } = await got;
  t.is(data.length, 0);
  t.is(proxy.bytesHeld, 0);
  proxy.resume();
  await proxy.close();
  await server.close();
});

/** A client connection to `port` that records what it receives, whether it errored, and when it closed. */
async function openClient(port: number) {
  const state = { received: [] as Buffer[], error: undefined as string | undefined, closed: false };
  const socket = net.connect({ host: "127.0.0.1", port });
  socket.on("data", (c: Buffer) => state.received.push(c));
  socket.on("error", (e: NodeJS.ErrnoException) => (state.error = e.code ?? e.message));
  socket.on("close", () => (state.closed = true));
  await new Promise<void>((r) => socket.once("connect", () => r()));
  return { socket, state, text: () => Buffer.concat(state.received).toString() };
}

test.serial("stall toClient holds the answers on an open connection, then delivers them in order", async (t) => {
  const server = await startServer(echo);
  const proxy = await startTcpProxy({ host: "127.0.0.1", port: server.port });
  const c = await openClient(proxy.port);
  c.socket.write("a");
  await until(() => c.text() === "a");
  await until(() => proxy.open.length === 1);
  t.is(proxy.stall({ ms: 400, direction: "toClient" }), 1);
  c.socket.write("b");
  c.socket.write("c");
  await until(() => proxy.bytesHeld > 0); // the first chunk is held; the server side then stops being read
  await new Promise((r) => setTimeout(r, 100));
  t.is(c.text(), "a", "nothing reaches the client during the stall");
  t.false(c.state.closed);
  await until(() => c.text() === "abc");
  t.is(proxy.bytesHeld, 0);
  t.deepEqual(proxy.faults, { cut: 0, reset: 0, stall: 1, halfOpen: 0 });
  t.like(proxy.log[0], { kind: "stall", direction: "toClient", ms: 400, source: "call" });
  c.socket.destroy();
  await proxy.close();
  await server.close();
});

test.serial("stall toServer holds the requests; the server sees them once it ends", async (t) => {
  const server = await startServer(echo);
  const proxy = await startTcpProxy({ host: "127.0.0.1", port: server.port });
  const c = await openClient(proxy.port);
  await until(() => proxy.open.length === 1);
  proxy.stall({ ms: 300, direction: "toServer" });
  c.socket.write("held request");
  await new Promise((r) => setTimeout(r, 150));
  t.is(proxy.bytesToServer, 0);
  t.is(c.text(), "");
  await until(() => c.text() === "held request");
  c.socket.destroy();
  await proxy.close();
  await server.close();
});

test.serial("a half-open connection is silent and stays open, then both sides get a RST", async (t) => {
  const server = await startServer(echo);
  const proxy = await startTcpProxy({ host: "127.0.0.1", port: server.port });
  const c = await openClient(proxy.port);
  c.socket.write("x");
  await until(() => c.text() === "x");
  t.is(proxy.halfOpen({ ms: 500 }), 1);
  const since = Date.now();
  c.socket.write("unanswered");
  await new Promise((r) => setTimeout(r, 250));
  t.is(c.text(), "x", "no answer");
  t.false(c.state.closed, "and no close");
  await until(() => c.state.closed, 5000);
  t.true(Date.now() - since >= 450, `closed after ${Date.now() - since} ms`);
  t.is(c.state.error, "ECONNRESET");
  t.deepEqual(proxy.open, []);
  await proxy.close();
  await server.close();
});

test.serial("a half-open connection hides the server's close; heal() ends it with a RST", async (t) => {
  const server = await startServer(echo);
  const proxy = await startTcpProxy({ host: "127.0.0.1", port: server.port });
  const c = await openClient(proxy.port);
  await until(() => proxy.open.length === 1);
  proxy.halfOpen();
  await server.close(); // the server's socket goes away
  await new Promise((r) => setTimeout(r, 200));
  t.false(c.state.closed, "the client does not learn of it");
  t.deepEqual(proxy.open, [1]);
  proxy.heal();
  await until(() => c.state.closed);
  t.is(c.state.error, "ECONNRESET");
  await proxy.close();
});

test.serial("reset destroys the connection with a RST: the client sees ECONNRESET", async (t) => {
  const server = await startServer(echo);
  const proxy = await startTcpProxy({ host: "127.0.0.1", port: server.port });
  const a = await openClient(proxy.port);
  const b = await openClient(proxy.port);
  await until(() => proxy.open.length === 2);
  t.is(proxy.reset({ connection: proxy.open[0]! }), 1);
  await until(() => a.state.closed);
  t.is(a.state.error, "ECONNRESET");
  t.false(b.state.closed, "the other connection is untouched");
  t.is(proxy.cut(proxy.open[0]!), 1);
  await until(() => b.state.closed);
  t.is(b.state.error, undefined, "a cut closes cleanly");
  t.deepEqual(proxy.faults, { cut: 1, reset: 1, stall: 0, halfOpen: 0 });
  t.is(proxy.cuts, 1);
  await proxy.close();
  await server.close();
});

/** Runs a schedule of stalls and half-opens (which leave connections open) over three connections; returns its log. */
async function scheduleRun(seed: number) {
  const server = await startServer(echo);
  const proxy = await startTcpProxy({ host: "127.0.0.1", port: server.port });
  const clients = [await openClient(proxy.port), await openClient(proxy.port), await openClient(proxy.port)];
  await until(() => proxy.open.length === 3);
  const chaos = proxy.startChaos({ seed, gapMs: [2, 8], weights: { stall: 2, halfOpen: 1 }, stallMs: [50, 100], halfOpenMs: [10_000, 20_000] });
  await until(() => chaos.steps >= 15);
  chaos.stop();
  const log = proxy.log.slice(0, 15).map(({ kind, connections, direction, ms, step }) => ({ kind, connections, direction, ms, step }));
  for (const c of clients) c.socket.destroy();
  await proxy.close();
  await server.close();
  return log;
}

test.serial("startChaos draws the same faults, connections and durations from the same seed", async (t) => {
  const a = await scheduleRun(99);
  const b = await scheduleRun(99);
  const c = await scheduleRun(100);
  t.deepEqual(a, b);
  t.notDeepEqual(a, c);
  t.true(a.some((f) => f.kind === "stall") && a.some((f) => f.kind === "halfOpen"), JSON.stringify(a));
  for (const f of a) {
    if (f.kind === "stall") t.true(f.ms! >= 50 && f.ms! <= 100 && f.direction !== undefined);
    else t.true(f.ms! >= 10_000 && f.ms! <= 20_000);
  }
});

test.serial("a schedule of cuts and resets closes connections; stop() ends it", async (t) => {
  const server = await startServer(echo);
  const proxy = await startTcpProxy({ host: "127.0.0.1", port: server.port });
  const clients = [await openClient(proxy.port), await openClient(proxy.port)];
  await until(() => proxy.open.length === 2);
  const chaos = proxy.startChaos({ seed: 5, gapMs: [5, 10], weights: { cut: 1, reset: 1 } });
  await until(() => clients.every((c) => c.state.closed));
  chaos.stop();
  const steps = chaos.steps;
  await new Promise((r) => setTimeout(r, 50));
  t.is(chaos.steps, steps, "no step after stop()");
  t.is(proxy.faults.cut + proxy.faults.reset, 2);
  await proxy.close();
  await server.close();
});

test.serial("close() leaves no TCP handles behind", async (t) => {
  await new Promise((r) => setTimeout(r, 50)); // earlier tests' handles finish closing
  const baseline = tcpHandles();
  const server = await startServer(streamer(5_000_000));
  const proxy = await startTcpProxy({ host: "127.0.0.1", port: server.port });
  const pending = receiveAll(proxy.port); // a transfer still in flight when closing
  while (proxy.bytesToClient === 0) await new Promise((r) => setTimeout(r, 5));
  await proxy.close();
  await pending;
  await server.close();
  // A closed server's handle goes away one event-loop turn after its 'close' event: poll briefly.
  for (let i = 0; i < 20 && tcpHandles() > baseline; i++) await new Promise((r) => setTimeout(r, 10));
  t.is(tcpHandles(), baseline, String(process.getActiveResourcesInfo()));
});
