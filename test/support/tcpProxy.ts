// A fault-injecting TCP proxy on loopback, placed between the client and a real Spark
// Connect server. It forwards bytes both ways and cuts connections on
// demand: now, after N server->client bytes, or at seeded random points. It can also hold
// the server's answers (pause/resume) to make a fast server call look slow. Test support only.
import * as net from "node:net";

export interface TcpProxy {
  readonly port: number; // listening port on 127.0.0.1
  readonly url: string; // "sc://127.0.0.1:<port>"
  /** Destroy every open connection now (both sides), as a network cut would. Returns how many were cut. */
  cutAll(): number;
  /** Cut every connection after it has forwarded `bytes` more server->client bytes (one-shot per call; counts from the call). */
  cutAfterBytes(bytes: number): void;
  /** Cut connections at random points: each time server->client traffic passes a threshold drawn uniformly from [minBytes, maxBytes], cut; repeat until `times` cuts happened. Deterministic given `seed`. */
  cutRandomly(options: { minBytes: number; maxBytes: number; times: number; seed: number }): void;
  /** While true, new connections are refused (accepted then destroyed immediately); existing ones untouched. */
  setRefusing(refuse: boolean): void;
  /**
   * Hold server->client traffic: from now on nothing the server sends reaches the client
   * (on open and new connections); it is buffered, in order. Client->server traffic flows on.
   */
  pause(): void;
  /** Deliver what was held, in order, and forward as usual again. */
  resume(): void;
  readonly paused: boolean;
  readonly bytesHeld: number; // server->client bytes buffered by pause() and not yet delivered
  readonly bytesToServer: number; // total client->server bytes forwarded so far
  readonly cuts: number; // total connections cut so far
  readonly connections: number; // total connections accepted so far (refused ones included)
  readonly bytesToClient: number; // total server->client bytes forwarded so far
  close(): Promise<void>; // stops listening and destroys all connections
}

/** One proxied connection: the socket the client opened and ours to the target. */
interface Link {
  readonly client: net.Socket;
  readonly upstream: net.Socket;
  cutting: boolean; // a cut is under way: forward nothing more
  held: Buffer[]; // server->client chunks held while the proxy is paused
  endHeld: boolean; // the server ended its side behind held chunks: end the client's after them
}

/** A pending cut: fires once `remaining` more server->client bytes were forwarded. */
interface Trigger {
  remaining: number;
  /** Called when the trigger fires; returns the next threshold to re-arm with, or undefined to disarm. */
  fired(): number | undefined;
}

/** mulberry32: a small seeded PRNG giving floats in [0, 1). */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Start a proxy on 127.0.0.1 (a free port) forwarding to `target`. */
export function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const links = new Set<Link>();
  let triggers: Trigger[] = [];
  let refusing = false;
  let closed = false;
  let cuts = 0;
  let connections = 0;
  let bytesToClient = 0;
  let bytesToServer = 0;
  let paused = false;
  let bytesHeld = 0;

  // Destroy both sides of every open link; returns how many links were cut.
  const cutAll = (): number => {
    let n = 0;
    for (const link of links) {
      link.cutting = true;
      link.client.destroy();
      link.upstream.destroy();
      links.delete(link);
      dropHeld(link);
      n++;
    }
    cuts += n;
    return n;
  };

  // Forget what a link held (it is closing).
  const dropHeld = (link: Link): void => {
    for (const chunk of link.held) bytesHeld -= chunk.length;
    link.held = [];
  };

  // Deliver what a link held while paused, in order, then let the server's side flow again
  // (unless the client asked for a pause to drain).
  const flushHeld = (link: Link): void => {
    const held = link.held;
    link.held = [];
    for (const chunk of held) {
      bytesHeld -= chunk.length;
      forwardToClient(link, chunk);
    }
    if (link.endHeld && !link.cutting) {
      link.endHeld = false;
      link.client.end();
    }
    if (!link.cutting && !link.client.writableNeedDrain) link.upstream.resume();
  };

  // A server->client chunk: held while paused (the upstream socket stops reading, so the
  // server's own buffers fill up as they would on a stalled network), else forwarded.
  const fromServer = (link: Link, chunk: Buffer): void => {
    if (link.cutting) return;
    if (paused) {
      link.held.push(chunk);
      bytesHeld += chunk.length;
      link.upstream.pause();
      return;
    }
    forwardToClient(link, chunk);
  };

  // Forward one server->client chunk, honouring the armed triggers: if one falls inside the
  // chunk, forward exactly the bytes up to it, then (once they are flushed) cut everything.
  const forwardToClient = (link: Link, chunk: Buffer): void => {
    if (link.cutting) return;
    const due = triggers.length === 0 ? Infinity : Math.min(...triggers.map((t) => t.remaining));
    if (chunk.length < due) {
      for (const t of triggers) t.remaining -= chunk.length;
      bytesToClient += chunk.length;
      if (!link.client.write(chunk)) link.upstream.pause();
      return;
    }
    // A trigger fires inside this chunk: settle every trigger at this point, re-arming the repeating ones.
    const next: Trigger[] = [];
    for (const t of triggers) {
      t.remaining -= due;
      if (t.remaining > 0) next.push(t);
      else {
        const again = t.fired();
        if (again !== undefined) next.push({ remaining: again, fired: t.fired });
      }
    }
    triggers = next;
    bytesToClient += due;
    link.cutting = true;
    link.upstream.pause();
    if (due === 0) cutAll();
    else link.client.write(chunk.subarray(0, due), () => cutAll());
  };

  // Wire a freshly accepted client socket to a new upstream socket.
  const onConnection = (client: net.Socket): void => {
    connections++;
    client.on("error", () => {}); // cuts and resets are expected; 'close' does the cleanup
    if (refusing || closed) {
      client.destroy();
      return;
    }
    const upstream = net.connect({ host: target.host, port: target.port, allowHalfOpen: true });
    upstream.on("error", () => {});
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    const link: Link = { client, upstream, cutting: false, held: [], endHeld: false };
    links.add(link);

    // client -> server, with backpressure both ways.
    client.on("data", (chunk: Buffer) => {
      if (link.cutting) return;
      bytesToServer += chunk.length;
      if (!upstream.write(chunk)) client.pause();
    });
    upstream.on("drain", () => client.resume());
    // server -> client, counted and subject to cuts.
    upstream.on("data", (chunk: Buffer) => fromServer(link, chunk));
    client.on("drain", () => {
      if (!link.cutting && !paused) upstream.resume();
    });
    // Half-closes are passed on; a full close of either side closes the other.
    client.on("end", () => upstream.end());
    // The server's end is held like its bytes, and passed on after them.
    upstream.on("end", () => {
      if (paused || link.held.length > 0) link.endHeld = true;
      else client.end();
    });
    const closeBoth = (): void => {
      links.delete(link);
      dropHeld(link);
      client.destroy();
      upstream.destroy();
    };
    client.on("close", closeBoth);
    upstream.on("close", closeBoth);
  };

  const server = net.createServer({ allowHalfOpen: true }, onConnection);
  server.on("error", () => {});

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      const port = (server.address() as net.AddressInfo).port;
      resolve({
        port,
        url: `sc://127.0.0.1:${port}`,
        cutAll,
        cutAfterBytes(bytes: number) {
          triggers.push({ remaining: Math.max(0, bytes), fired: () => undefined });
        },
        cutRandomly({ minBytes, maxBytes, times, seed }) {
          if (times <= 0) return;
          const random = seededRandom(seed);
          const draw = (): number => minBytes + Math.floor(random() * (maxBytes - minBytes + 1));
          let left = times;
          triggers.push({ remaining: draw(), fired: () => (--left > 0 ? draw() : undefined) });
        },
        setRefusing(refuse: boolean) {
          refusing = refuse;
        },
        pause() {
          paused = true;
        },
        resume() {
          if (!paused) return;
          paused = false;
          for (const link of links) flushHeld(link);
        },
        get paused() {
          return paused;
        },
        get bytesHeld() {
          return bytesHeld;
        },
        get bytesToServer() {
          return bytesToServer;
        },
        get cuts() {
          return cuts;
        },
        get connections() {
          return connections;
        },
        get bytesToClient() {
          return bytesToClient;
        },
        close() {
          closed = true;
          triggers = [];
          return new Promise<void>((done) => {
            server.close(() => done());
            for (const link of links) {
              link.client.destroy();
              link.upstream.destroy();
            }
            links.clear();
          });
        },
      });
    });
  });
}
