// Compile overhead of the query DSL: tspc with the transformer against plain tsc on a
// generated file of 500 queries (plus the library it imports). Not a test: prints the
// medians and the ratio. Run: node dist/bench/dslCompile.js [reps]
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "../..");
const reps = Number(process.argv[2] ?? 5);
const dir = mkdtempSync(join(tmpdir(), "dsl-compile-"));

function queries(n: number): string {
  const lines = [
    `import { pin, sum, count, desc, avg } from "${root}/src/dsl/index.js";`,
    `import type { DataFrame } from "${root}/src/index.js";`,
    `interface Event { id: number; country: string; amount: number; user: string | null }`,
    `declare const events: DataFrame<Event>;`,
    `const min = Number(process.env["MIN"] ?? 1);`,
  ];
  for (let i = 0; i < n; i++) {
    switch (i % 5) {
      case 0:
        lines.push(`export const q${i} = events.where((e) => e.country === "C${i}" && e.amount > pin(min) + ${i});`);
        break;
      case 1:
        lines.push(`export const q${i} = events.select((e) => ({ id: e.id, v: e.amount * ${i}, who: e.user ?? "n${i}" }));`);
        break;
      case 2:
        lines.push(`export const q${i} = events.groupBy((e) => ({ c: e.country })).agg((e) => ({ t: sum(e.amount), n: count(), a: avg(e.amount) }));`);
        break;
      case 3:
        lines.push(`export const q${i} = events.orderBy((e) => [desc(e.amount), e.id]).where((e) => e.user !== null && e.user.startsWith("u${i}"));`);
        break;
      default:
        lines.push(`export const q${i} = events.withColumn("x${i}", (e) => (e.amount > ${i} ? "hi" : "lo"));`);
    }
  }
  return lines.join("\n") + "\n";
}

function project(name: string, plugin: boolean): string {
  const p = join(dir, name);
  mkdirSync(p);
  writeFileSync(join(p, "queries.ts"), queries(500));
  writeFileSync(
    join(p, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2023",
        module: "NodeNext",
        moduleResolution: "NodeNext",
        strict: true,
        skipLibCheck: true,
        types: ["node"],
        typeRoots: [join(root, "node_modules/@types")],
        outDir: join(p, "out"),
        rootDir: root.startsWith(p) ? p : "/",
        plugins: plugin
          ? [{ transform: join(root, "transformer/index.ts"), tsConfig: join(root, "transformer/tsconfig.json") }]
          : [],
      },
      files: ["queries.ts"],
    }),
  );
  return p;
}

function time(compiler: string, p: string): number {
  const start = process.hrtime.bigint();
  execFileSync(process.execPath, [compiler, "-p", join(p, "tsconfig.json")], { stdio: "inherit" });
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const tsc = join(root, "node_modules/typescript/bin/tsc");
const tspc = join(root, "node_modules/ts-patch/bin/tspc.js");
const plain = project("plain", false);
const withDsl = project("dsl", true);
const a: number[] = [];
const b: number[] = [];
time(tsc, plain); // warm-up
time(tspc, withDsl);
for (let i = 0; i < reps; i++) {
  a.push(time(tsc, plain));
  b.push(time(tspc, withDsl));
}
const emitted = readFileSync(join(withDsl, "out", withDsl.slice(1), "queries.js"), "utf8");
const compiled = emitted.split("spark-connect-ts.dsl.lambda").length - 1;
rmSync(dir, { recursive: true, force: true });
if (compiled < 500) throw new Error(`only ${compiled} lambdas were compiled; the transformer did not run as expected`);
console.log(`500 queries (${compiled} lambdas compiled), ${reps} runs each (median):`);
console.log(`  tsc (no transformer)      ${median(a).toFixed(0)} ms`);
console.log(`  tspc + DSL transformer    ${median(b).toFixed(0)} ms`);
console.log(`  ratio                     ${(median(b) / median(a)).toFixed(2)}x`);
