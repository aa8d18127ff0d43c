// `npm run chaos` (the long form; CHAOS_SECONDS, CHAOS_SEED, CHAOS_SESSIONS,
// CHAOS_HALF_OPEN_MS change it) and `--short` (the layer of `npm test`): runs the chaos
// suite, prints its figures and checks ("  ✔ chaos: ..." / "  ✘ chaos: ..."), writes the
// report as JSON under test/chaos/results/ and exits non-zero when a check failed.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Form, RUN_SLACK_MS, runConfig } from "./config.js";
import type { Latency } from "./stats.js";
import { type Report, runChaos } from "./suite.js";

// Memory is measured after full collections: re-run with --expose-gc when it is missing.
if ((globalThis as { gc?: unknown }).gc === undefined) {
  const r = spawnSync(process.execPath, ["--expose-gc", ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: "inherit" });
  process.exit(r.status ?? 1);
}

const form: Form = process.argv.includes("--short") ? "short" : "long";
const config = runConfig(form);
const resultsDir = fileURLToPath(new URL("../../../test/chaos/results/", import.meta.url));

// A rejection or exception nobody handles is a client bug the suite must report, not a crash.
const stray: string[] = [];
process.on("unhandledRejection", (e) => stray.push(`unhandled rejection: ${e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e)}`));
process.on("uncaughtException", (e) => stray.push(`uncaught exception: ${e.constructor.name}: ${e.message}`));

// The run as a whole is bounded too.
const deadline = setTimeout(() => {
  console.log(`  ✘ chaos: the run did not end within ${config.seconds} s + ${RUN_SLACK_MS / 60_000} min (seed ${config.seed})`);
  process.exit(1);
}, config.seconds * 1000 + RUN_SLACK_MS);

const ms = (l: Latency) => (l.n === 0 ? "none" : `p50 ${l.p50} ms, p90 ${l.p90} ms, p99 ${l.p99} ms, max ${l.max} ms (n ${l.n})`);
const list = (o: Record<string, number>) =>
  Object.entries(o)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v}`)
    .join(", ") || "none";

function print(report: Report): void {
  const q = report.queries;
  const m = report.memory as { peakRssMiB: number; baselineMiB?: number; endMiB?: number; settled: { after: string; heapMiB: number; externalMiB: number; rssMiB: number }[] };
  console.log(`chaos (${report.form}) seed ${report.seed}: ${report.sessions} sessions, ${report.plannedSeconds} s planned, ${report.wallSeconds} s wall`);
  console.log(`  queries: ${q.total} (ok ${q.ok}, typed errors ${q.typedErrors}, wrong ${q.wrong}, untyped ${q.untyped}, hung ${q.hung})`);
  for (const [kind, k] of Object.entries(q.byKind)) console.log(`    ${kind}: ok ${k.ok}, failed ${k.errors}; ${ms(k.latencyOkMs)}`);
  console.log(`  faults: ${list(report.faults)}`);
  console.log(`  proxy: ${list(report.proxy)}`);
  console.log(`  errors by class: ${list(report.errorsByClass)}`);
  for (const [phase, errors] of Object.entries(report.errorsByPhase)) console.log(`    ${phase}: ${list(errors)}`);
  for (const [tag, samples] of Object.entries(report.errorSamples)) for (const text of samples) console.log(`    e.g. ${tag} (${text})`);
  console.log(`  latency of successful operations: ${ms(report.latencyMs.ok)}`);
  for (const [phase, l] of Object.entries(report.latencyMs.okByPhase)) console.log(`    ${phase}: ${ms(l)}`);
  console.log(`  abort to rejection: ${ms(report.abortToRejectMs)}`);
  if (report.restart.downSeconds !== undefined) console.log(`  restart: server down ${report.restart.downSeconds} s; slots working again after ${ms(report.restart.recoverySeconds ?? { n: 0 }).replaceAll(" ms", " s")}`);
  console.log(`  memory: peak RSS ${m.peakRssMiB} MiB; heap + external after GC: ${m.settled.map((s) => `${s.after} ${Math.round((s.heapMiB + s.externalMiB) * 10) / 10}`).join(", ")} MiB`);
  console.log(`  leaks: ${JSON.stringify(report.leaks)}`);
  const noted = new Map<string, { n: number; phases: Set<string>; first: Report["notes"][number] }>();
  for (const f of report.notes) {
    const key = f.message.split(":")[0]!;
    const entry = noted.get(key) ?? { n: 0, phases: new Set<string>(), first: f };
    entry.n++;
    entry.phases.add(f.phase ?? "");
    noted.set(key, entry);
  }
  for (const [key, e] of noted) console.log(`  note: ${key} ${e.n}x (phases ${[...e.phases].join(", ")}), first: slot ${e.first.slot}, ${e.first.op}, ${e.first.phase} at ${((e.first.atMs ?? 0) / 1000).toFixed(1)} s`);
  for (const f of report.findings) {
    console.log(`  finding [${f.check}] ${f.message}${f.op ? ` — slot ${f.slot}, ${f.op}, ${f.phase} at ${((f.atMs ?? 0) / 1000).toFixed(1)} s` : ""}`);
    if (f.faultsAround?.length) console.log(`    faults around it: ${f.faultsAround.map((x) => `${(x.atMs / 1000).toFixed(1)}s ${x.kind}${x.direction ? `/${x.direction}` : ""}${x.ms !== undefined ? ` ${x.ms}ms` : ""} #${x.connections.join(",")}`).join("; ")}`);
  }
  for (const c of report.checks) console.log(`  ${c.ok ? "✔" : "✘"} chaos: ${c.name} (${c.detail})`);
  console.log(`  replay: ${report.replay}`);
}

let report: Report;
try {
  report = await runChaos(config, (line) => console.log(line));
} catch (e) {
  console.log(`  ✘ chaos: the run failed to start or finish: ${e instanceof Error ? e.message : String(e)} (seed ${config.seed})`);
  process.exit(1);
}
if (stray.length > 0) {
  report = {
    ...report,
    checks: [...report.checks, { name: "no unhandled rejection or uncaught exception", ok: false, detail: stray.slice(0, 5).join("; ") }],
  };
}
print(report);
mkdirSync(resultsDir, { recursive: true });
const file = `${resultsDir}${report.form}-${report.startedAt.replace(/[:.]/g, "-")}-seed${report.seed}.json`;
writeFileSync(file, JSON.stringify(report, null, 2) + "\n");
if (report.form === "long") copyFileSync(file, `${resultsDir}latest.json`);
console.log(`  report: ${file}`);
clearTimeout(deadline);
process.exit(report.checks.every((c) => c.ok) ? 0 : 1);
