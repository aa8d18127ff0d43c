// A fault-injecting TCP proxy on loopback, placed between the client and a real Spark
// Connect server. It forwards bytes both ways and injects network faults, on demand or on
// a seeded random schedule:
// - cut: both sockets are closed (FIN), now, after N server->client bytes, or at seeded
//   random byte counts;
// - reset: both sockets are destroyed with a TCP RST (the client sees ECONNRESET);
// - stall: one or both directions stop being forwarded for a while; the sockets stay open
//   and what was held is then delivered, in order;
// - half-open: nothing is forwarded either way and nothing is closed, so the client sees
//   silence on an open socket, as when the peer or a middlebox vanished; after `ms` (when
//   given) both sides get a RST, as from a peer that no longer knows the connection;
// - refusing new connections, and holding the server's answers on every connection
//   (pause/resume) to make a fast server call look slow.
// Test support only.
import * as net from "node:net";

/** The faults the proxy injects into single connections. */
export type FaultKind = "cut" | "reset" | "stall" | "halfOpen";

/** Which way a stall holds bytes: the server's answers, the client's requests, or both. */
export type Direction = "toClient" | "toServer" | "both";

/** One injection, as recorded in `log`. */
export interface InjectedFault {
  /** Milliseconds since the proxy started. */
  readonly atMs: number;
  readonly kind: FaultKind;
  /** Ids of the connections it hit (ids count up from 1 in accept order). */
  readonly connections: readonly number[];
  /** For a stall, which way it held bytes. */
  readonly direction?: Direction;
  /** For a stall or half-open, how long it lasts (half-open: undefined = until closed). */
  readonly ms?: number;
  /** Injected by a method call, or by step `step` of a random schedule. */
  readonly source: "call" | "schedule";
  readonly step?: number;
}

/** A random fault schedule (see startChaos). */
export interface ChaosScheduleOptions {
  /** Seeds every random draw: the same seed gives the same sequence of decisions. */
  readonly seed: number;
  /** The wait before each step is drawn uniformly from [min, max] ms. */
  readonly gapMs: readonly [number, number];
  /** Relative weights of the kinds drawn at each step; a missing or zero weight never happens. */
  readonly weights: Partial<Readonly<Record<FaultKind, number>>>;
  /** Stall durations, drawn uniformly from [min, max] ms (default 200-2000). */
  readonly stallMs?: readonly [number, number];
  /** Half-open durations, drawn uniformly from [min, max] ms; Infinity = until the proxy closes (default 1000-5000). */
  readonly halfOpenMs?: readonly [number, number];
}

/** A running random schedule. */
export interface ChaosSchedule {
  /** Stops drawing faults (those under way run their course; heal() ends them). */
  stop(): void;
  /** Steps taken so far (a step with no open connection injects nothing). */
  readonly steps: number;
}

export interface TcpProxy {
  readonly port: number; // listening port on 127.0.0.1
  readonly url: string; // "sc://127.0.0.1:<port>"
  /** Destroy every open connection now (both sides), as a network cut would. Returns how many were cut. */
  cutAll(): number;
  /** Cut every connection after it has forwarded `bytes` more server->client bytes (one-shot per call; counts from the call). */
  cutAfterBytes(bytes: number): void;
  /** Cut connections at random points: each time server->client traffic passes a threshold drawn uniformly from [minBytes, maxBytes], cut; repeat until `times` cuts happened. Deterministic given `seed`. */
  cutRandomly(options: { minBytes: number; maxBytes: number; times: number; seed: number }): void;
  /** Close one connection (both sides, FIN) now; returns 1, or 0 when it is not open. */
  cut(connection: number): number;
  /** Destroy one connection, or every open one, with a TCP RST on both sides. Returns how many. */
  reset(options?: { readonly connection?: number }): number;
  /**
   * Stop forwarding in `direction` (default both) on one connection, or on every open one,
   * for `ms`; the sockets stay open and what arrives meanwhile is held and then delivered
   * in order. New connections are not affected. Returns how many connections it holds.
   */
  stall(options: { readonly ms: number; readonly direction?: Direction; readonly connection?: number }): number;
  /**
   * Make one connection, or every open one, half-open: nothing is forwarded either way
   * and neither side is closed, whatever the other does. After `ms` (default: never,
   * until the proxy closes) both sides are reset. Returns how many connections.
   */
  halfOpen(options?: { readonly ms?: number; readonly connection?: number }): number;
  /** End every stall now (delivering what was held) and every half-open (with its RST). */
  heal(): void;
  /** Inject random faults into random open connections (half-open ones excepted) at random times, from a seed. */
  startChaos(options: ChaosScheduleOptions): ChaosSchedule;
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
  readonly bytesHeld: number; // server->client bytes buffered by pause() or a stall and not yet delivered
  readonly bytesToServer: number; // total client->server bytes forwarded so far
  readonly cuts: number; // total connections cut so far
  readonly connections: number; // total connections accepted so far (refused ones included)
  readonly bytesToClient: number; // total server->client bytes forwarded so far
  /** Ids of the connections open now, oldest first. */
  readonly open: readonly number[];
  /** What is known of each open connection, oldest first: for reports on connections left open. */
  readonly openDetails: readonly OpenConnection[];
  /** Connections hit so far, by fault kind (`cut` equals `cuts`). */
  readonly faults: Readonly<Record<FaultKind, number>>;
  /** Every injection so far, in order. */
  readonly log: readonly InjectedFault[];
  close(): Promise<void>; // stops listening and destroys all connections
}

/** One proxied connection: the socket the client opened and ours to the target. */
/** One open connection as `openDetails` describes it. */
export interface OpenConnection {
  readonly id: number;
  /** Milliseconds since the proxy started, when it was accepted. */
  readonly acceptedAtMs: number;
  readonly bytesToClient: number;
  readonly bytesToServer: number;
  /** Half-open now (nothing forwarded either way). */
  readonly silent: boolean;
  /** Stalls under way on it. */
  readonly stalls: number;
  /**
   * The payload length of the client's first HTTP/2 SETTINGS frame (after the 24-byte
   * connection preface), which tells HTTP/2 clients apart by the settings they send;
   * undefined when fewer bytes arrived.
   */
  readonly clientSettingsBytes: number | undefined;
}

interface Link {
  readonly id: number;
  readonly acceptedAtMs: number;
  firstBytes: Buffer; // the client's first bytes (up to 64), for openDetails
  toClient: number;
  toServer: number;
  readonly client: net.Socket;
  readonly upstream: net.Socket;
  cutting: boolean; // a cut or reset is under way: forward nothing more
  held: Buffer[]; // server->client chunks held while paused or stalled
  endHeld: boolean; // the server ended its side behind held chunks: end the client's after them
  heldToServer: Buffer[]; // client->server chunks held while stalled
  endToServerHeld: boolean; // the client ended its side behind held chunks
  stallsToClient: number; // stalls under way holding server->client bytes
  stallsToServer: number; // stalls under way holding client->server bytes
  silent: boolean; // half-open: nothing forwarded, nothing closed
  readonly timers: Set<NodeJS.Timeout>; // stall and half-open ends
}

/** A pending cut: fires once `remaining` more server->client bytes were forwarded. */
interface Trigger {
  remaining: number;
  /** Called when the trigger fires; returns the next threshold to re-arm with, or undefined to disarm. */
  fired(): number | undefined;
}

/** mulberry32: a small seeded PRNG giving floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A RST when the socket is a connected TCP socket, else a plain destroy. */
function resetSocket(socket: net.Socket): void {
  try {
    if (!socket.destroyed) socket.resetAndDestroy();
  } catch {
    socket.destroy();
  }
}

/** Start a proxy on 127.0.0.1 (a free port) forwarding to `target`. */
export function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const startedAt = Date.now();
  const links = new Set<Link>();
  const schedules = new Set<ChaosSchedule>();
  let triggers: Trigger[] = [];
  let refusing = false;
  let closed = false;
  let cuts = 0;
  let connections = 0;
  let bytesToClient = 0;
  let bytesToServer = 0;
  let paused = false;
  let bytesHeld = 0;
  const faults: Record<FaultKind, number> = { cut: 0, reset: 0, stall: 0, halfOpen: 0 };
  const log: InjectedFault[] = [];

  const record = (fault: Omit<InjectedFault, "atMs">): void => {
    if (fault.connections.length === 0) return;
    faults[fault.kind] += fault.connections.length;
    log.push({ atMs: Date.now() - startedAt, ...fault });
  };

  const holdsToClient = (link: Link): boolean => paused || link.stallsToClient > 0;

  // Forget what a link held (it is closing or going silent).
  const dropHeld = (link: Link): void => {
    for (const chunk of link.held) bytesHeld -= chunk.length;
    link.held = [];
    link.heldToServer = [];
  };

  // Take a link out of the proxy: timers stopped, held bytes dropped, both sockets destroyed.
  const forget = (link: Link): void => {
    links.delete(link);
    for (const t of link.timers) clearTimeout(t);
    link.timers.clear();
    dropHeld(link);
    link.client.destroy();
    link.upstream.destroy();
  };

  const cutLink = (link: Link): void => {
    link.cutting = true;
    forget(link);
    cuts++;
  };

  const resetLink = (link: Link): void => {
    link.cutting = true;
    resetSocket(link.client);
    resetSocket(link.upstream);
    forget(link);
  };

  // Destroy both sides of every open link; returns how many links were cut.
  const cutAll = (): number => {
    const hit = [...links];
    for (const link of hit) cutLink(link);
    record({ kind: "cut", connections: hit.map((l) => l.id), source: "call" });
    return hit.length;
  };

  // Deliver what a link held server->client (unless still held), in order, then let the
  // server's side flow again (unless the client asked for a pause to drain).
  const flushToClient = (link: Link): void => {
    if (link.cutting || link.silent || holdsToClient(link)) return;
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

  // The same for client->server.
  const flushToServer = (link: Link): void => {
    if (link.cutting || link.silent || link.stallsToServer > 0) return;
    const held = link.heldToServer;
    link.heldToServer = [];
    for (const chunk of held) forwardToServer(link, chunk);
    if (link.endToServerHeld) {
      link.endToServerHeld = false;
      link.upstream.end();
    }
    if (!link.upstream.writableNeedDrain) link.client.resume();
  };

  // A server->client chunk: held while paused or stalled (the upstream socket stops
  // reading, so the server's own buffers fill up as they would on a stalled network),
  // else forwarded.
  const fromServer = (link: Link, chunk: Buffer): void => {
    if (link.cutting || link.silent) return;
    if (holdsToClient(link)) {
      link.held.push(chunk);
      bytesHeld += chunk.length;
      link.upstream.pause();
      return;
    }
    forwardToClient(link, chunk);
  };

  // A client->server chunk: held while stalled, else forwarded.
  const fromClient = (link: Link, chunk: Buffer): void => {
    if (link.cutting || link.silent) return;
    if (link.stallsToServer > 0) {
      link.heldToServer.push(chunk);
      link.client.pause();
      return;
    }
    forwardToServer(link, chunk);
  };

  const forwardToServer = (link: Link, chunk: Buffer): void => {
    bytesToServer += chunk.length;
    link.toServer += chunk.length;
    if (link.firstBytes.length < 64) link.firstBytes = Buffer.concat([link.firstBytes, chunk.subarray(0, 64 - link.firstBytes.length)]);
    if (!link.upstream.write(chunk)) link.client.pause();
  };

  // Forward one server->client chunk, honouring the armed triggers: if one falls inside the
  // chunk, forward exactly the bytes up to it, then (once they are flushed) cut everything.
  const forwardToClient = (link: Link, chunk: Buffer): void => {
    if (link.cutting) return;
    const due = triggers.length === 0 ? Infinity : Math.min(...triggers.map((t) => t.remaining));
    if (chunk.length < due) {
      for (const t of triggers) t.remaining -= chunk.length;
      bytesToClient += chunk.length;
      link.toClient += chunk.length;
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
    link.toClient += due;
    link.cutting = true;
    link.upstream.pause();
    if (due === 0) cutAll();
    else link.client.write(chunk.subarray(0, due), () => cutAll());
  };

  const stallLink = (link: Link, ms: number, direction: Direction): void => {
    const toClient = direction !== "toServer";
    const toServer = direction !== "toClient";
    if (toClient) link.stallsToClient++;
    if (toServer) link.stallsToServer++;
    const timer = setTimeout(() => {
      link.timers.delete(timer);
      if (toClient) link.stallsToClient--;
      if (toServer) link.stallsToServer--;
      flushToServer(link);
      flushToClient(link);
    }, ms);
    link.timers.add(timer);
  };

  const silence = (link: Link, ms: number | undefined): void => {
    if (link.silent) return;
    link.silent = true;
    dropHeld(link);
    link.client.pause();
    link.upstream.pause();
    if (ms !== undefined && Number.isFinite(ms)) {
      const timer = setTimeout(() => {
        link.timers.delete(timer);
        resetLink(link);
      }, ms);
      link.timers.add(timer);
    }
  };

  // The open links a call addresses: one by id, or all.
  const chosen = (connection: number | undefined): Link[] =>
    [...links].filter((l) => !l.cutting && (connection === undefined || l.id === connection));

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
    const link: Link = {
      id: connections,
      acceptedAtMs: Date.now() - startedAt,
      firstBytes: Buffer.alloc(0),
      toClient: 0,
      toServer: 0,
      client,
      upstream,
      cutting: false,
      held: [],
      endHeld: false,
      heldToServer: [],
      endToServerHeld: false,
      stallsToClient: 0,
      stallsToServer: 0,
      silent: false,
      timers: new Set(),
    };
    links.add(link);

    // client -> server, with backpressure both ways.
    client.on("data", (chunk: Buffer) => fromClient(link, chunk));
    upstream.on("drain", () => {
      if (!link.cutting && !link.silent && link.stallsToServer === 0) client.resume();
    });
    // server -> client, counted and subject to cuts.
    upstream.on("data", (chunk: Buffer) => fromServer(link, chunk));
    client.on("drain", () => {
      if (!link.cutting && !link.silent && !holdsToClient(link)) upstream.resume();
    });
    // Half-closes are passed on (after what is held); a full close of either side closes
    // the other, except on a half-open connection, which keeps the client's side open.
    client.on("end", () => {
      if (link.silent) return;
      if (link.stallsToServer > 0 || link.heldToServer.length > 0) link.endToServerHeld = true;
      else upstream.end();
    });
    upstream.on("end", () => {
      if (link.silent) return;
      if (holdsToClient(link) || link.held.length > 0) link.endHeld = true;
      else client.end();
    });
    client.on("close", () => forget(link));
    upstream.on("close", () => {
      if (!link.silent) forget(link);
    });
  };

  const server = net.createServer({ allowHalfOpen: true }, onConnection);
  server.on("error", () => {});

  const startChaos = (options: ChaosScheduleOptions): ChaosSchedule => {
    const random = seededRandom(options.seed);
    const kinds = (Object.entries(options.weights) as [FaultKind, number][]).filter(([, w]) => w > 0);
    const total = kinds.reduce((s, [, w]) => s + w, 0);
    if (total <= 0) throw new Error("startChaos: give at least one fault kind a positive weight.");
    const [stallMin, stallMax] = options.stallMs ?? [200, 2000];
    const [halfMin, halfMax] = options.halfOpenMs ?? [1000, 5000];
    const between = (r: number, min: number, max: number) => (Number.isFinite(max) ? Math.round(min + r * (max - min)) : Infinity);
    let steps = 0;
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    const step = (): void => {
      if (stopped || closed) return;
      steps++;
      // Every step draws the same five numbers whatever it then finds, so that one seed
      // gives one sequence of decisions.
      const [rKind, rConn, rDir, rMs] = [random(), random(), random(), random()];
      let pick = rKind * total;
      const kind = kinds.find(([, w]) => (pick -= w) < 0)?.[0] ?? kinds[kinds.length - 1]![0];
      // A half-open connection is left alone: nothing else happens to a dead path either.
      const open = chosen(undefined).filter((l) => !l.silent);
      if (open.length > 0) {
        const link = open[Math.floor(rConn * open.length)]!;
        const base = { kind, connections: [link.id], source: "schedule" as const, step: steps };
        if (kind === "cut") {
          cutLink(link);
          record(base);
        } else if (kind === "reset") {
          resetLink(link);
          record(base);
        } else if (kind === "stall") {
          const direction: Direction = rDir < 1 / 3 ? "toClient" : rDir < 2 / 3 ? "toServer" : "both";
          const ms = between(rMs, stallMin, stallMax);
          stallLink(link, ms, direction);
          record({ ...base, direction, ms });
        } else {
          const ms = between(rMs, halfMin, halfMax);
          silence(link, ms);
          record({ ...base, ...(Number.isFinite(ms) ? { ms } : {}) });
        }
      }
      schedule();
    };
    const schedule = (): void => {
      const [min, max] = options.gapMs;
      timer = setTimeout(step, min + random() * (max - min));
    };
    const handle: ChaosSchedule = {
      stop() {
        stopped = true;
        clearTimeout(timer);
        schedules.delete(handle);
      },
      get steps() {
        return steps;
      },
    };
    schedules.add(handle);
    schedule();
    return handle;
  };

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
        cut(connection: number) {
          const hit = chosen(connection);
          for (const link of hit) cutLink(link);
          record({ kind: "cut", connections: hit.map((l) => l.id), source: "call" });
          return hit.length;
        },
        reset(options = {}) {
          const hit = chosen(options.connection);
          for (const link of hit) resetLink(link);
          record({ kind: "reset", connections: hit.map((l) => l.id), source: "call" });
          return hit.length;
        },
        stall({ ms, direction = "both", connection }) {
          const hit = chosen(connection);
          for (const link of hit) stallLink(link, ms, direction);
          record({ kind: "stall", connections: hit.map((l) => l.id), direction, ms, source: "call" });
          return hit.length;
        },
        halfOpen(options = {}) {
          const hit = chosen(options.connection).filter((l) => !l.silent);
          for (const link of hit) silence(link, options.ms);
          record({ kind: "halfOpen", connections: hit.map((l) => l.id), ...(options.ms !== undefined ? { ms: options.ms } : {}), source: "call" });
          return hit.length;
        },
        heal() {
          for (const link of [...links]) {
            if (link.silent) {
              resetLink(link);
              continue;
            }
            for (const t of link.timers) clearTimeout(t);
            link.timers.clear();
            link.stallsToClient = 0;
            link.stallsToServer = 0;
            flushToServer(link);
            flushToClient(link);
          }
        },
        startChaos,
        setRefusing(refuse: boolean) {
          refusing = refuse;
        },
        pause() {
          paused = true;
        },
        resume() {
          if (!paused) return;
          paused = false;
          for (const link of [...links]) flushToClient(link);
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
        get open() {
          return [...links].map((l) => l.id);
        },
        get openDetails() {
          return [...links].map(
            (l): OpenConnection => ({
              id: l.id,
              acceptedAtMs: l.acceptedAtMs,
              bytesToClient: l.toClient,
              bytesToServer: l.toServer,
              silent: l.silent,
              stalls: l.stallsToClient + l.stallsToServer,
              // Preface (24 bytes), then the SETTINGS frame's 9-byte header: a 24-bit length, type 4.
              clientSettingsBytes: l.firstBytes.length >= 33 && l.firstBytes[27] === 4 ? l.firstBytes.readUIntBE(24, 3) : undefined,
            }),
          );
        },
        get faults() {
          return { ...faults };
        },
        get log() {
          return log;
        },
        close() {
          closed = true;
          triggers = [];
          for (const s of [...schedules]) s.stop();
          return new Promise<void>((done) => {
            server.close(() => done());
            for (const link of [...links]) forget(link);
          });
        },
      });
    });
  });
}
