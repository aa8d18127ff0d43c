// `npm run bench -- --profile`: CPU profiles of our client on the bulk cases (node
// --cpu-prof, one child process per case), summarised as self time per category (Arrow
// decode, protobuf parse, row conversion, gRPC/HTTP2, Effect, GC, idle = waiting for the
// server) and the top self-time functions. Writes bench/results/profile.json and the
// .cpuprofile files under bench/results/profiles/ (open them in Chrome DevTools).
import { spawn } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { HERE, ROOT } from "./pyspark.js";

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}
interface CpuProfile {
  readonly nodes: readonly { id: number; callFrame: CallFrame }[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Where a function's self time goes, by the file it is defined in. */
export function category(f: CallFrame): string {
  const u = f.url;
  if (f.functionName === "(garbage collector)") return "GC";
  if (f.functionName === "(idle)") return "idle (waiting for the server)";
  if (f.functionName === "(program)") return "V8/native (program)";
  if (u.includes("/apache-arrow/")) return "Arrow IPC decode (apache-arrow)";
  if (u.includes("/@bufbuild/protobuf/")) return "protobuf parse (@bufbuild/protobuf)";
  if (/\/runtime\/arrow\/(rows|values|decimal|SparkTimestamp)\./.test(u)) return "row conversion (runtime/arrow)";
  if (u.includes("/@grpc/grpc-js/")) return "gRPC framing (grpc-js)";
  if (/^node:internal\/(http2|net|stream|streams|buffer)|^node:(net|buffer|stream)/.test(u)) return "HTTP/2 + sockets (node)";
  if (u.includes("/effect/")) return "Effect runtime (streams, fibers)";
  if (/\/(runtime|src)\//.test(u)) return "spark-connect-ts runtime";
  if (u === "") return `builtin: ${f.functionName || "(anonymous)"}`;
  if (u.startsWith("node:")) return "node internals (other)";
  return "other";
}

const shortUrl = (u: string) => u.replace(/^file:\/\/.*?\/node_modules\//, "").replace(/^file:\/\/.*?\/(dist|bench\/\.build)\//, "");

export interface ProfileSummary {
  readonly totalMs: number;
  readonly categories: readonly { name: string; ms: number; pct: number }[];
  readonly top: readonly { fn: string; where: string; category: string; ms: number; pct: number }[];
}

export function summarise(profile: CpuProfile, topN = 15): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const self = new Map<number, number>();
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0) / 1000;
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + dt);
    total += dt;
  }
  const cats = new Map<string, number>();
  const fns = new Map<string, { fn: string; where: string; category: string; ms: number }>();
  for (const [id, ms] of self) {
    const f = byId.get(id)!;
    const c = category(f);
    cats.set(c, (cats.get(c) ?? 0) + ms);
    const key = `${f.functionName}@${f.url}:${f.lineNumber}`;
    const e = fns.get(key) ?? { fn: f.functionName || "(anonymous)", where: `${shortUrl(f.url)}:${f.lineNumber + 1}`, category: c, ms: 0 };
    e.ms += ms;
    fns.set(key, e);
  }
  const pct = (ms: number) => Math.round((ms / total) * 1000) / 10;
  return {
    totalMs: Math.round(total),
    categories: [...cats].sort((a, b) => b[1] - a[1]).map(([name, ms]) => ({ name, ms: Math.round(ms), pct: pct(ms) })),
    top: [...fns.values()]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, topN)
      .map((e) => ({ ...e, ms: Math.round(e.ms), pct: pct(e.ms) })),
  };
}

function profileOnce(dir: string, what: string, url: string, n: number): Promise<{ seconds: number[]; file: string }> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const args = ["--cpu-prof", `--cpu-prof-dir=${dir}`, "--expose-gc", join(HERE, "profileCase.js"), what, url, String(n), "2"];
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.once("exit", (code) => {
      if (code !== 0) return fail(new Error(`profileCase.js ${what} exited ${code}`));
      const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
      if (!file) return fail(new Error(`no .cpuprofile written in ${dir}`));
      ok({ seconds: (JSON.parse(out) as { seconds: number[] }).seconds, file: join(dir, file) });
    });
  });
}

export async function runProfiles(url: string, settings: { nSmall: number; nLarge: number }): Promise<void> {
  const cases: [string, number][] = [
    ["toArrow", settings.nLarge],
    ["raw", settings.nLarge],
    ["collect", settings.nSmall],
  ];
  const out: Record<string, unknown> = {};
  for (const [what, n] of cases) {
    const name = `${what}-${n}`;
    process.stderr.write(`[bench] profiling ${what} N=${n}\n`);
    const { seconds, file } = await profileOnce(join(ROOT, "bench", "results", "profiles", name), what, url, n);
    const summary = summarise(JSON.parse(readFileSync(file, "utf8")) as CpuProfile);
    out[name] = { seconds, profile: file.slice(ROOT.length + 1), ...summary };
    console.log(`\n== ${what} N=${n}: runs ${seconds.map((s) => s.toFixed(2)).join(", ")} s (profile covers connect + warm-up + runs)`);
    for (const c of summary.categories.slice(0, 12)) console.log(`  ${String(c.pct).padStart(5)}%  ${String(c.ms).padStart(6)} ms  ${c.name}`);
    console.log("  top self time:");
    for (const t of summary.top) console.log(`  ${String(t.pct).padStart(5)}%  ${String(t.ms).padStart(6)} ms  ${t.fn}  ${t.where}`);
  }
  writeFileSync(join(ROOT, "bench", "results", "profile.json"), JSON.stringify(out, null, 2) + "\n");
}
