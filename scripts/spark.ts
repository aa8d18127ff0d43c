// Starts and stops the project's local Spark Connect server for `npm run spark:start|stop`.
// The server outlives this process; it is recorded in .spark/server.json (the state
// directory of a checkout, shared with `spark-connect-ts server start|stop|status`).
// `start --delta`, or SPARK_CONNECT_DELTA=1, loads Delta Lake (its jars are downloaded
// once into .spark/jars/).
import { startServer, stopServer } from "../src/cli/server.js";

const [command, ...rest] = process.argv.slice(2);
const port = Number(process.env["SPARK_CONNECT_PORT"] ?? 15002);
const conf: Record<string, string> = {};
let delta = ["1", "true", "yes"].includes((process.env["SPARK_CONNECT_DELTA"] ?? "").toLowerCase());
let usage = false;
for (const arg of rest) {
  const eq = arg.indexOf("=");
  if (arg === "--delta") delta = true;
  else if (eq > 0) conf[arg.slice(0, eq)] = arg.slice(eq + 1);
  else usage = true;
}
try {
  if (command === "start" && !usage) await startServer({ port, conf, delta });
  else if (command === "stop") await stopServer();
  else {
    console.error(
      "usage: spark.js start [--delta] [spark.conf=value ...] | stop   (port: SPARK_CONNECT_PORT, default 15002; Delta Lake: --delta or SPARK_CONNECT_DELTA=1)",
    );
    process.exitCode = 2;
  }
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
}
