// The connection of `codegen` and `sql`: --url, --local, $SPARK_REMOTE, or the server
// of `spark-connect-ts server start`, in that order.
import type { SparkSession } from "../SparkSession.js";
import { flag, type OptionSpecs, type Parsed, str, UsageError } from "./args.js";
import { recordUrl, runningServer } from "./server.js";

export const CONNECTION_OPTIONS: OptionSpecs = {
  url: { type: "string" },
  local: { type: "boolean" },
};

export const CONNECTION_USAGE = `Connection (one of, in this order):
  --url <sc://host:port/;...>   a Spark Connect server (keys as in SparkSession.connect: token, use_ssl, ...)
  --local                       start a private local server for this command and stop it after
  $SPARK_REMOTE                 a connection string in the environment
  the server started by \`spark-connect-ts server start\`, if it is running`;

/** Opens the session the options name; `usage` is the command's, for a missing connection. */
export async function connectFrom(p: Parsed, usage: string): Promise<SparkSession> {
  const url = str(p, "url");
  if (url !== undefined && flag(p, "local")) throw new UsageError("Give --url or --local, not both.", usage);
  const running = url === undefined && !flag(p, "local") && !process.env["SPARK_REMOTE"] ? runningServer() : undefined;
  const target = url ?? (flag(p, "local") ? "local" : process.env["SPARK_REMOTE"] || (running ? recordUrl(running) : undefined));
  if (target !== undefined) {
    // Loaded here, so that usage errors are reported without loading the client.
    const { SparkSession } = await import("../SparkSession.js");
    if (target === "local") process.stderr.write("[spark-connect-ts] starting a local Spark Connect server...\n");
    return SparkSession.connect(target);
  }
  throw new UsageError(
    "No Spark Connect server to use: pass --url sc://host:port, or --local to start a private one, " +
      "or start one with `npx spark-connect-ts server start`.",
    usage,
  );
}
