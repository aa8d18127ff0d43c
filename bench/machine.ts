// What the benchmark ran on, for the report.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";

export interface Machine {
  readonly cpuModel: string;
  readonly nproc: number;
  readonly memoryGiB: number;
  readonly kernel: string;
  readonly node: string;
  readonly java: string;
  readonly loadAvgAtStart: readonly number[];
  loadAvgAtEnd?: readonly number[];
  python?: Record<string, unknown>;
  /** The Go toolchain and spark-connect-go version of the Go peer, when it ran. */
  go?: { readonly go: string; readonly client: string };
}

function cpuModel(): string {
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"));
    if (m) return m[1].trim();
  } catch {
    /* not Linux */
  }
  return os.cpus()[0]?.model ?? "unknown";
}

function javaVersion(): string {
  const r = spawnSync("java", ["-version"], { encoding: "utf8" });
  return (r.stderr || r.stdout || "").split("\n")[0]?.trim() ?? "unknown";
}

export function describeMachine(): Machine {
  return {
    cpuModel: cpuModel(),
    nproc: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    kernel: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    java: javaVersion(),
    loadAvgAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

export function machineLine(m: Machine): string {
  const py = m.python ? `, Python ${m.python["python"]} (pyspark ${m.python["pyspark"]}, pyarrow ${m.python["pyarrow"]})` : "";
  const go = m.go ? `, ${m.go.go} (${m.go.client})` : "";
  return `${m.cpuModel}, ${m.nproc} cores, ${m.memoryGiB} GiB; ${m.kernel}; Node ${m.node}${py}${go}; ${m.java}`;
}
