// Starts and stops the project's local Spark Connect server for `npm run spark:start|stop`.
// The server outlives this process; it is recorded in .spark/server.json (the state
// directory of a checkout, shared with `spark-connect-ts server start|stop|status`).
import { startServer, stopServer } from "../src/cli/server.js";

const [command, ...rest] = process.argv.slice(2);
const port = Number(process.env["SPARK_CONNECT_PORT"] ?? 15002);
const conf: Record<string, string> = {};
for (const arg of rest) {
  const eq = arg.indexOf("=");
  if (eq > 0) conf[arg.slice(0, eq)] = arg.slice(eq + 1);
}
try {
  if (command === "start") await startServer({ port, conf });
  else if (command === "stop") await stopServer();
  else {
    console.error("usage: spark.js start [spark.conf=value ...] | stop   (port: SPARK_CONNECT_PORT, default 15002)");
    process.exitCode = 2;
  }
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
}
