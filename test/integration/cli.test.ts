// The spark-connect-ts command line against Spark: codegen's interface compiled with the
// DSL in a project that imports the package by name, sql's table and JSON lines, the
// background server's start/status/stop, and --local. Servers the tests start use a
// temporary per-user cache holding a link to the repository's Spark, so nothing is
// downloaded, and run in an empty working directory that must stay empty.
import test from "ava";
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { freePort } from "../../runtime/LocalServer.js";
import { SparkSession } from "../../src/index.js";

const url = process.env["SPARK_CONNECT_TEST_URL"] ?? "sc://localhost:15002";
const root = process.cwd();
const bin = join(root, "bin/spark-connect-ts.js");
const temps: string[] = [];
const temp = (prefix: string) => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  temps.push(d);
  return d;
};
test.after.always(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(command: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  const child = spawn(command, args, { cwd: options.cwd ?? root, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise((ok) => child.on("close", (status) => ok({ status, stdout, stderr })));
}

const cli = (args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) => run(process.execPath, [bin, ...args], options);

/** An environment whose per-user cache is a fresh directory linking the repository's Spark. */
function isolatedEnv(): { env: NodeJS.ProcessEnv; home: string; cwd: string } {
  const home = temp("cli-home-");
  symlinkSync(resolve(root, ".spark", "venv"), join(home, "venv"));
  const env: NodeJS.ProcessEnv = { ...process.env, SPARK_CONNECT_TS_HOME: home };
  delete env["SPARK_REMOTE"];
  delete env["SPARK_HOME"];
  return { env, home, cwd: temp("cli-cwd-") };
}

test("codegen writes an interface that compiles with the DSL and types the collected rows", async (t) => {
  const view = `cli_codegen_${process.pid}`;
  const spark = await SparkSession.connect(url);
  t.teardown(async () => {
    await spark.sql(`DROP VIEW IF EXISTS global_temp.${view}`);
    await spark.close();
  });
  await spark.sql(
    `CREATE OR REPLACE GLOBAL TEMP VIEW ${view} AS SELECT * FROM VALUES
       (1L, 'Ann', 12.50BD, TIMESTAMP'2024-01-01 10:00:00.000001', array('a', NULL), map('k', 1), named_struct('city', 'Oslo', 'zip code', '0150'), 7),
       (2L, 'Bob', 3.25BD, TIMESTAMP'2024-01-02 10:00:00', array('b'), map('k', 2), named_struct('city', 'Oslo', 'zip code', '0151'), 8),
       (3L, NULL, NULL, NULL, NULL, NULL, NULL, 9)
     AS t(id, name, amount, ts, tags, attrs, address, \`order count\`)`,
  );

  const project = temp("cli-codegen-");
  mkdirSync(join(project, "node_modules"));
  // The package by name, as an application has it: node_modules/spark-connect-ts.
  symlinkSync(root, join(project, "node_modules", "spark-connect-ts"));
  writeFileSync(join(project, "package.json"), JSON.stringify({ type: "module" }));
  writeFileSync(
    join(project, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2023",
        lib: ["ES2023", "ESNext.Disposable"],
        module: "NodeNext",
        moduleResolution: "NodeNext",
        strict: true,
        skipLibCheck: true,
        types: ["node"],
        typeRoots: [join(root, "node_modules", "@types")],
        outDir: "out",
        plugins: [{ transform: "spark-connect-ts/transformer" }],
      },
      include: ["*.ts"],
    }),
  );

  const gen = await cli(["codegen", "--url", url, "--table", `global_temp.${view}`, "--name", "Customer", "--out", join(project, "customer.ts")]);
  t.is(gen.status, 0, gen.stderr);
  t.regex(gen.stderr, /Wrote interface Customer \(8 columns\)/);
  const source = readFileSync(join(project, "customer.ts"), "utf8");
  for (const line of [
    'import type { SparkTimestamp } from "spark-connect-ts";',
    "export interface Customer {",
    "  id: bigint; // bigint",
    "  name: string | null; // string",
    "  amount: string | null; // decimal(4,2)",
    "  ts: SparkTimestamp | null; // timestamp",
    "  tags: Array<string | null> | null; // array<string>",
    "  attrs: Map<string, number> | null; // map<string,int>",
    '    "zip code": string; // string',
    '  "order count": number; // int',
  ]) {
    t.true(source.includes(line), line);
  }

  writeFileSync(
    join(project, "query.ts"),
    `import { SparkSession, type SparkTimestamp } from "spark-connect-ts";
import { pin } from "spark-connect-ts/dsl";
import type { Customer } from "./customer.js";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const same = <T extends true>(): void => undefined;
same<Equal<Customer["id"], bigint>>();
same<Equal<Customer["amount"], string | null>>();
same<Equal<Customer["ts"], SparkTimestamp | null>>();
same<Equal<Customer["attrs"], Map<string, number> | null>>();
same<Equal<Customer["order count"], number>>();

const [url, table] = process.argv.slice(2) as [string, string];
const spark = await SparkSession.connect(url);
const min = 1n;
const rows = await spark
  .table<Customer>(table)
  .where((c) => c.id > pin(min) && c.name !== null && c.address !== null && c.address.city === "Oslo" && c["order count"] > 7)
  .collect();
const id: bigint = rows[0]!.id;
console.log(JSON.stringify(rows.map((c) => ({
  id: id.toString(),
  name: c.name,
  amount: c.amount,
  ts: c.ts?.toISOStringMicros() ?? null,
  tags: c.tags,
  k: c.attrs?.get("k") ?? null,
  zip: c.address?.["zip code"] ?? null,
}))));
await spark.close();
`,
  );
  const tspc = await run(process.execPath, [join(root, "node_modules/ts-patch/bin/tspc.js"), "-p", project, "--pretty", "false"]);
  t.is(tspc.status, 0, tspc.stdout + tspc.stderr);
  t.true(readFileSync(join(project, "out", "query.js"), "utf8").includes("spark-connect-ts.dsl.lambda"), "the lambda was compiled");

  const ran = await run(process.execPath, [join(project, "out", "query.js"), url, `global_temp.${view}`], { cwd: project });
  t.is(ran.status, 0, ran.stderr);
  t.deepEqual(JSON.parse(ran.stdout), [
    { id: "2", name: "Bob", amount: "3.25", ts: "2024-01-02T10:00:00.000000Z", tags: ["b"], k: 2, zip: "0151" },
  ]);
});

test("sql prints Spark's table, JSON lines with --json, and nothing for a command", async (t) => {
  const [table, json, command, error] = await Promise.all([
    cli(["sql", "--url", url, "SELECT id, id * 2 AS twice FROM range(2)"]),
    cli([
      "sql",
      "--url",
      url,
      "--json",
      "SELECT id, CAST(id AS DECIMAL(5,2)) AS d, TIMESTAMP_NTZ'2024-01-01 00:00:00.000001' AS ntz, DATE'2024-02-29' AS day, X'00FF' AS b, map('k', id) AS m, CAST(NULL AS STRING) AS s FROM range(2)",
    ]),
    cli(["sql", "--url", url, "CREATE OR REPLACE TEMP VIEW cli_v AS SELECT 1 AS x"]),
    cli(["sql", "--url", url, "SELEC 1"]),
  ]);
  t.is(table.status, 0, table.stderr);
  t.is(table.stdout, "+---+-----+\n| id|twice|\n+---+-----+\n|  0|    0|\n|  1|    2|\n+---+-----+\n");
  t.is(json.status, 0, json.stderr);
  t.deepEqual(
    json.stdout.trimEnd().split("\n").map((l) => JSON.parse(l)),
    [0, 1].map((i) => ({ id: String(i), d: `${i}.00`, ntz: "2024-01-01T00:00:00.000001", day: "2024-02-29", b: "AP8=", m: { k: String(i) }, s: null })),
  );
  t.is(command.status, 0, command.stderr);
  t.is(command.stdout, "");
  t.is(error.status, 1);
  t.regex(error.stderr, /^spark-connect-ts: ParseError: \[PARSE_SYNTAX_ERROR\]/);
});

test("server start, status, sql through the recorded server, stop; files only in the cache", async (t) => {
  const { env, home, cwd } = isolatedEnv();
  const port = await freePort();
  t.teardown(() => cli(["server", "stop"], { cwd, env }));

  const install = await cli(["server", "install"], { cwd, env });
  t.is(install.status, 0, install.stderr);
  t.regex(install.stdout, /Spark is already installed \(the per-user cache\): .*venv.*pyspark\. Nothing to do\./);

  const start = await cli(["server", "start", "--port", String(port), "--conf", "spark.sql.shuffle.partitions=3", "--driver-memory", "1g"], { cwd, env });
  t.is(start.status, 0, start.stderr);
  t.regex(start.stdout, new RegExp(`Spark Connect server started: sc://127\\.0\\.0\\.1:${port} \\(pid \\d+, log ${home}/logs/`));
  const record = JSON.parse(readFileSync(join(home, "server.json"), "utf8")) as { pid: number; port: number };
  t.is(record.port, port);

  const [status, again, sql] = await Promise.all([
    cli(["server", "status"], { cwd, env }),
    cli(["server", "start", "--port", String(port)], { cwd, env }),
    cli(["sql", "--json", "SET spark.sql.shuffle.partitions"], { cwd, env }),
  ]);
  t.is(status.status, 0);
  t.regex(status.stdout, new RegExp(`Spark Connect server running: sc://127\\.0\\.0\\.1:${port}\\n  pid ${record.pid}`));
  t.is(again.status, 0);
  t.regex(again.stdout, /already running/);
  t.is(sql.status, 0, sql.stderr);
  t.deepEqual(JSON.parse(sql.stdout), { key: "spark.sql.shuffle.partitions", value: "3" }, "the server's own setting: it is the one started");

  const stop = await cli(["server", "stop"], { cwd, env });
  t.is(stop.status, 0, stop.stderr);
  t.regex(stop.stdout, new RegExp(`Spark Connect server on port ${port} stopped\\.`));
  t.throws(() => process.kill(record.pid, 0), undefined, "the server process is gone");
  const after = await cli(["server", "status"], { cwd, env });
  t.is(after.status, 1);
  t.deepEqual(readdirSync(cwd), [], "nothing written into the working directory");
  t.deepEqual(readdirSync(home).sort(), ["logs", "venv", "work"]);
});

test("codegen --local starts a private server, and leaves nothing in the working directory", async (t) => {
  const { env, cwd } = isolatedEnv();
  const r = await cli(["codegen", "--local", "--sql", "SELECT 1L AS id, 'x' AS `the name`", "--name", "One"], { cwd, env });
  t.is(r.status, 0, r.stderr);
  t.regex(r.stderr, /starting a local Spark Connect server/);
  t.true(r.stdout.includes('export interface One {\n  id: bigint; // bigint\n  "the name": string; // string\n}\n'), r.stdout);
  t.deepEqual(readdirSync(cwd), []);
});
