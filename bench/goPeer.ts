// The Go peer: the Apache Spark Connect Go client (bench/go, its version pinned in
// bench/go/go.mod), built by bench/run.sh into bench/.build/go and driven like the PySpark
// worker, one JSON line per request. Left out with BENCH_GO=0, or when Go is missing or
// the build failed (run.sh says so).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { GO, log } from "./harness.js";
import { JsonLineWorker, ROOT } from "./pyspark.js";

export const GO_BINARY = join(ROOT, "bench", ".build", "go", "spark-connect-go-bench");

/** The Go worker and its versions, or undefined when it is left out. */
export async function startGoPeer(url: string): Promise<{ worker: JsonLineWorker; version: string; go: string } | undefined> {
  if (!GO) return undefined;
  if (!existsSync(GO_BINARY)) {
    log(`no Go peer (${GO_BINARY} was not built); the run goes on without it`);
    return undefined;
  }
  try {
    const worker = await JsonLineWorker.spawn("Go", GO_BINARY, ["serve", url]);
    const info = await worker.run({ op: "info" });
    return { worker, version: String(info["module"]), go: String(info["go"]) };
  } catch (e) {
    log(`the Go peer did not start (${String(e)}); the run goes on without it`);
    return undefined;
  }
}
