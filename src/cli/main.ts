// The `spark-connect-ts` command line (bin/spark-connect-ts.js runs `main`). Each command
// is loaded when used, so `--version` and `server stop` do not load the gRPC client and
// `check` is the only one that needs the typescript package.
import { VERSION } from "../../runtime/version.js";
import { CliError, UsageError } from "./args.js";

export const USAGE = `Usage: spark-connect-ts check [-p <dir|tsconfig.json>] [--dsl-only]
       spark-connect-ts codegen (--table <name> | --sql <query>) [--name <Type>] [--out <file.ts>] [connection]
       spark-connect-ts sql <statement> [--json] [--rows <n>] [--no-truncate] [connection]
       spark-connect-ts server start [--port <n>] [--conf <key=value>]... [--token <token>] [--delta]
       spark-connect-ts server stop | status | install
       spark-connect-ts --version | --help

Commands:
  check     check a project's query lambdas (and its types) without emitting
  codegen   write a TypeScript row interface from a table's or a query's schema
  sql       run a SQL statement and print its result (a table, or JSON lines)
  server    start, stop or show a local Spark Connect server in the background; install Spark

Connection of codegen and sql: --url sc://host:port, or --local (a private server for
the command); else $SPARK_REMOTE, else the server of \`server start\`.

\`spark-connect-ts <command> --help\` shows a command's options.`;

const COMMANDS = ["check", "codegen", "sql", "server"] as const;

async function dispatch(command: string, rest: readonly string[]): Promise<number> {
  switch (command) {
    case "check": {
      let check: typeof import("../../transformer/check.js");
      try {
        check = await import("../../transformer/check.js");
      } catch (e) {
        throw new CliError(
          `check needs the typescript package, which could not be loaded (${e instanceof Error ? e.message.split("\n")[0] : String(e)}); ` +
            "install it in your project: npm install --save-dev typescript",
        );
      }
      return check.runCheck(rest);
    }
    case "codegen":
      return (await import("./codegen.js")).codegenCommand(rest);
    case "sql":
      return (await import("./sql.js")).sqlCommand(rest);
    case "server":
      return (await import("./server.js")).serverCommand(rest);
    default:
      throw new UsageError(
        command.startsWith("-") ? `Unknown option '${command}'.` : `Unknown command '${command}'. The commands are ${COMMANDS.join(", ")}.`,
        USAGE,
      );
  }
}

/** Runs the command line `argv` (without node and the script) and returns the exit code: 0, 1 on an error, 2 on a usage error. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) {
    console.log(USAGE);
    return 2;
  }
  if (command === "--help" || command === "-h" || command === "help") {
    console.log(USAGE);
    return 0;
  }
  if (command === "--version" || command === "-v" || command === "version") {
    console.log(VERSION);
    return 0;
  }
  try {
    return await dispatch(command, rest);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`spark-connect-ts: ${e.message}\n\n${e.usage}`);
      return 2;
    }
    if (e instanceof CliError) {
      console.error(`spark-connect-ts: ${e.message}`);
      return e.exitCode;
    }
    // The library's own errors (SparkConnectError and its subclasses) carry a message naming the fix.
    const message = e instanceof Error ? `${e.name !== "Error" ? `${e.name}: ` : ""}${e.message}` : String(e);
    console.error(`spark-connect-ts: ${message}`);
    return 1;
  }
}
