// The package as a user gets it: `npm pack`, installed from the tarball into fresh apps
// in temporary directories, with the peer dependencies at the low end of their ranges.
// One app compiles DSL queries with tspc and runs them against the test server, checks a
// project with the CLI and gets a DSL diagnostic from the editor plugin loaded by name
// through a real tsserver; another uses only the Promise API with plain tsc, on the
// machine's own Node (20 or later) rather than the project's Node 24.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join, resolve } from "node:path";
import test from "ava";
import { testUrl } from "../support/server.js";

const ROOT = resolve(import.meta.dirname, "../../..");
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  version: string;
  peerDependencies: Record<string, string>;
};
/** The lowest version a caret range allows: "^4.1.0" → "4.1.0". */
const lowest = (range: string) => {
  const m = /^\^(\d+\.\d+\.\d+)$/.exec(range);
  if (!m) throw new Error(`peer range ${range} is not a caret range; the test installs its low end`);
  return m[1]!;
};
const peers = ["effect", "apache-arrow"].map((p) => `${p}@${lowest(pkg.peerDependencies[p]!)}`);

const work = mkdtempSync(join(tmpdir(), "spark-connect-ts-consumer-"));
test.after.always(() => rmSync(work, { recursive: true, force: true }));

interface Ran {
  code: number;
  out: string;
}

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Ran {
  const r = spawnSync(cmd, args, { cwd, env: { ...process.env, ...env }, encoding: "utf8", timeout: 180_000 });
  return { code: r.status ?? 1, out: `${r.stdout ?? ""}${r.stderr ?? ""}${r.error ? String(r.error) : ""}` };
}

function ok(r: Ran, what: string): string {
  if (r.code !== 0) throw new Error(`${what} failed (exit ${r.code}):\n${r.out}`);
  return r.out;
}

/** The packed tarball, made once from the built tree (dist/ is built by the test command). */
let tarball: string | undefined;
function packed(): string {
  if (tarball === undefined) {
    const out = ok(run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", work], ROOT), "npm pack");
    const [info] = JSON.parse(out.slice(out.indexOf("["))) as { filename: string; files: { path: string }[] }[];
    tarball = join(work, info!.filename);
    writeFileSync(join(work, "files.json"), JSON.stringify(info!.files.map((f) => f.path)));
  }
  return tarball;
}

function app(name: string, deps: string[]): string {
  const dir = join(work, name);
  mkdirSync(join(dir, "src"), { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name, private: true, type: "module" }));
  ok(run("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts", packed(), ...deps], dir), `npm install in ${name}`);
  return dir;
}

/** The machine's own Node, outside this project's node_modules (the Promise API's lower bound). */
function systemNode(): string {
  for (const dir of (process.env["PATH"] ?? "").split(delimiter)) {
    const candidate = join(dir, "node");
    if (!dir.includes("node_modules") && existsSync(candidate)) return candidate;
  }
  throw new Error("no node on the PATH outside node_modules");
}

test("the tarball holds the built library, its declarations and sources, and nothing of the repository's own", (t) => {
  packed();
  const files: string[] = JSON.parse(readFileSync(join(work, "files.json"), "utf8"));
  for (const f of ["dist/src/index.js", "dist/src/index.d.ts", "dist/src/effect.js", "dist/transformer/index.js", "bin/spark-connect-ts.js", "tsserver-plugin/package.json", "README.md", "package.json"]) {
    t.true(files.includes(f), f);
  }
  t.deepEqual(files.filter((f) => /^(dist\/(test|bench|scripts|examples)|test|bench|\.bars|proto|src|runtime)\//.test(f)), []);
  const map = JSON.parse(readFileSync(join(ROOT, "dist/src/SparkSession.js.map"), "utf8")) as { sourcesContent?: string[] };
  t.true((map.sourcesContent?.[0] ?? "").includes("class SparkSession"), "source maps carry their sources");
});

test("an app compiles DSL queries with tspc and runs them; check and the editor plugin report DSL errors", async (t) => {
  t.timeout(300_000);
  const dir = app("dsl-app", [...peers, "typescript@6", "ts-patch@4"]);
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        module: "NodeNext",
        moduleResolution: "NodeNext",
        strict: true,
        outDir: "dist",
        rootDir: "src",
        types: [],
        plugins: [{ transform: "spark-connect-ts/transformer" }, { name: "spark-connect-ts/tsserver-plugin" }],
      },
      include: ["src"],
    }),
  );
  writeFileSync(
    join(dir, "src/main.ts"),
    `import { SparkSession } from "spark-connect-ts";
import { F, pin, sum, count, desc } from "spark-connect-ts/dsl";

interface Order { country: string; amount: number; id: bigint; paid: boolean | null }

const spark = await SparkSession.connect(process.env["SPARK_REMOTE"]!);
try {
  const min = 10;
  const orders = spark.createDataFrame<Order>(
    [{ country: "PL", amount: 30, id: 1n, paid: true }, { country: "PL", amount: 5, id: 2n, paid: null }, { country: "DE", amount: 20, id: 3n, paid: null }],
    "country STRING, amount DOUBLE, id BIGINT, paid BOOLEAN",
  );
  const rows = await orders
    .where((o) => o.amount > pin(min))
    .groupBy((o) => ({ country: o.country }))
    .agg((o) => ({ total: sum(o.amount), n: count() }))
    .orderBy((g) => [desc(g.total)])
    .collect();
  const table = await orders.toArrow();
  const unpaid = await orders
    .where((o) => !o.paid)
    .select((o) => ({ label: \`\${F.reverse(o.country)}:\${o.amount / 4}\`, half: o.id / 2n }))
    .collect();
  console.log(JSON.stringify({ rows: rows.map((r) => ({ ...r, n: String(r.n) })), idType: String(table.getChild("id")?.type), unpaid: unpaid.map((u) => ({ ...u, half: String(u.half) })) }));
} finally {
  await spark.close();
}
`,
  );
  ok(run(process.execPath, ["node_modules/ts-patch/bin/tspc.js", "-p", "."], dir), "tspc");
  const out = ok(run(process.execPath, ["dist/main.js"], dir, { SPARK_REMOTE: testUrl() }), "the compiled app");
  t.deepEqual(JSON.parse(out.trim().split("\n").pop()!), {
    rows: [
      { country: "PL", total: 30, n: "1" },
      { country: "DE", total: 20, n: "1" },
    ],
    idType: "Int64",
    unpaid: [
      { label: "LP:1.25", half: "1" },
      { label: "ED:5", half: "1" },
    ],
  });

  // The command line of the installed package.
  t.is(ok(run(process.execPath, ["node_modules/.bin/spark-connect-ts", "--version"], dir), "spark-connect-ts --version").trim(), pkg.version);

  // A project with a DSL mistake: the CLI reports it and exits 1.
  mkdirSync(join(dir, "bad"));
  const bad = join(dir, "bad/bad.ts");
  writeFileSync(
    bad,
    `import type { SparkSession } from "spark-connect-ts";
interface Order { country: string; amount: number }
export function q(spark: SparkSession, min: number) {
  return spark.table<Order>("orders").where((o) => o.amount > min);
}
`,
  );
  writeFileSync(join(dir, "bad/tsconfig.json"), JSON.stringify({ extends: "../tsconfig.json", compilerOptions: { rootDir: ".", noEmit: true }, include: ["."] }));
  const check = run(process.execPath, ["node_modules/.bin/spark-connect-ts", "check", "-p", "bad/tsconfig.json"], dir);
  t.is(check.code, 1, check.out);
  t.regex(check.out, /bad\.ts\(4,\d+\): error TS91001: .*pin\(min\)/);

  // The editor plugin, named in tsconfig.json, loaded by a real tsserver.
  const diagnostics = await tsserverDiagnostics(dir, bad);
  t.true(
    diagnostics.some((d) => d.code === 91001 && d.text.includes("pin(min)")),
    JSON.stringify(diagnostics),
  );
});

test("an app using the Promise API builds with plain tsc and runs on the machine's own Node", (t) => {
  t.timeout(300_000);
  const dir = app("promise-app", [...peers, "typescript@6"]);
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, outDir: "dist", rootDir: "src", types: [] },
      include: ["src"],
    }),
  );
  writeFileSync(
    join(dir, "src/main.ts"),
    `import { SparkSession, col, AnalysisError, type DataFrame } from "spark-connect-ts";
import { sum } from "spark-connect-ts/functions";
import { tableFromArrays } from "apache-arrow";

const spark = await SparkSession.connect(process.env["SPARK_REMOTE"]!);
try {
  // An Arrow table of the app's own apache-arrow: one copy, shared with the library.
  const df: DataFrame<{ k: string; v: number }> = spark.createDataFrame(tableFromArrays({ k: ["a", "b", "a"], v: Float64Array.from([1, 2, 3]) }));
  const rows = await df.groupBy("k").agg(sum(col("v")).alias("total")).orderBy("k").collect();
  let error = "";
  try {
    await spark.sql("SELECT nope FROM range(1)");
  } catch (e) {
    if (e instanceof AnalysisError) error = e.errorClass ?? "";
  }
  console.log(JSON.stringify({ node: process.versions.node, rows, error }));
} finally {
  await spark.close();
}
`,
  );
  ok(run(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "."], dir), "tsc");
  const node = systemNode();
  const out = JSON.parse(ok(run(node, ["dist/main.js"], dir, { SPARK_REMOTE: testUrl() }), `the app on ${node}`).trim().split("\n").pop()!) as {
    node: string;
    rows: unknown;
    error: string;
  };
  t.true(Number(out.node.split(".")[0]) >= 20, out.node);
  t.deepEqual(out.rows, [
    { k: "a", total: 4 },
    { k: "b", total: 2 },
  ]);
  t.is(out.error, "UNRESOLVED_COLUMN.WITH_SUGGESTION");
});

/** The semantic diagnostics tsserver reports for `file`, with the project's plugins loaded by name. */
function tsserverDiagnostics(cwd: string, file: string): Promise<{ code: number; text: string }[]> {
  return new Promise((done, fail) => {
    const server = spawn(process.execPath, [join(cwd, "node_modules/typescript/lib/tsserver.js"), "--disableAutomaticTypingAcquisition"], {
      cwd,
      stdio: ["pipe", "pipe", "ignore"],
    });
    const timer = setTimeout(() => {
      server.kill();
      fail(new Error("tsserver did not answer within 180 s"));
    }, 180_000);
    let buffer = Buffer.alloc(0);
    server.stdout.on("data", (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const header = buffer.indexOf("\r\n\r\n");
        if (header < 0) return;
        const length = Number(/Content-Length: (\d+)/.exec(buffer.subarray(0, header).toString())?.[1]);
        if (buffer.length < header + 4 + length) return;
        const message = JSON.parse(buffer.subarray(header + 4, header + 4 + length).toString()) as {
          type: string;
          command?: string;
          body?: { code: number; text: string }[];
        };
        buffer = buffer.subarray(header + 4 + length);
        if (message.type === "response" && message.command === "semanticDiagnosticsSync") {
          clearTimeout(timer);
          server.kill();
          done((message.body ?? []).map((d) => ({ code: d.code, text: d.text })));
        }
      }
    });
    const send = (seq: number, command: string, args: object) =>
      server.stdin.write(`${JSON.stringify({ seq, type: "request", command, arguments: args })}\n`);
    send(1, "open", { file });
    send(2, "semanticDiagnosticsSync", { file });
  });
}
