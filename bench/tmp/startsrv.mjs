import { Effect } from "effect";
import { startLocalServer } from "/work/main/dist/runtime/LocalServer.js";
const s = await Effect.runPromise(startLocalServer({ token: false, driverMemory: "4g", stopOnExit: false, conf: JSON.parse(process.argv[2] ?? "{}") }));
console.log(JSON.stringify({ url: s.connectionString(), pid: s.pid }));
process.exit(0);
