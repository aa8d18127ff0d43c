// What-if switch for the benchmark, not a library change: with BENCH_HTTP2_WINDOW=<bytes>
// our client's HTTP/2 connections advertise that flow-control window (stream and
// connection) instead of the 64 KiB default that grpc-js inherits from Node. The library
// fix is one channel option in runtime/Session.ts: "grpc-node.flow_control_window".
// Import this module before the first connection is made.
import http2 from "node:http2";

const window = Number(process.env["BENCH_HTTP2_WINDOW"] ?? 0);

if (window > 0) {
  const defaults = http2.getDefaultSettings;
  http2.getDefaultSettings = () => ({ ...defaults(), initialWindowSize: window });
  const connect = http2.connect;
  http2.connect = ((...args: Parameters<typeof connect>) => {
    const session = connect(...args);
    session.once("connect", () => session.setLocalWindowSize(window));
    return session;
  }) as typeof connect;
}

/** The window set by BENCH_HTTP2_WINDOW, or undefined for the default. */
export const http2Window: number | undefined = window > 0 ? window : undefined;
