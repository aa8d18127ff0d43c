// The spark-connect-ts command line, spawned as users run it, in cases that need no
// Spark server; and the pure parts of codegen and sql (the type mapping, JSON values).
import test from "ava";
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SparkTimestamp } from "../../runtime/arrow/SparkTimestamp.js";
import { propertyName, rowTypeSource } from "../../src/cli/codegen.js";
import { jsonValue } from "../../src/cli/sql.js";
import type { DataType, StructType } from "../../src/types/DataType.js";

const root = process.cwd();
const bin = join(root, "bin/spark-connect-ts.js");
/** A state directory with no server recorded, so no command finds the development server. */
const emptyHome = mkdtempSync(join(tmpdir(), "cli-home-"));
test.after.always(() => rmSync(emptyHome, { recursive: true, force: true }));

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(args: readonly string[], options: { cwd?: string } = {}): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, SPARK_CONNECT_TS_HOME: emptyHome };
  delete env["SPARK_REMOTE"];
  const child = spawn(process.execPath, [bin, ...args], { cwd: options.cwd ?? root, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise((ok) => child.on("close", (status) => ok({ status, stdout, stderr })));
}

test("--version prints package.json's version", async (t) => {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
  const r = await cli(["--version"]);
  t.is(r.status, 0);
  t.is(r.stdout.trim(), pkg.version);
});

test("--help lists every command and the connection options", async (t) => {
  const r = await cli(["--help"]);
  t.is(r.status, 0);
  for (const command of ["check", "codegen", "sql", "server start", "server stop | status | install", "--version"]) {
    t.true(r.stdout.includes(`spark-connect-ts ${command}`), command);
  }
  t.regex(r.stdout, /--url sc:\/\/host:port, or --local/);
  for (const command of ["check", "codegen", "sql", "server"]) {
    const own = await cli([command, "--help"]);
    t.is(own.status, 0, `${command} --help`);
    t.regex(own.stdout, new RegExp(`Usage: spark-connect-ts ${command}`));
  }
});

test("an unknown command or option prints the usage and exits 2", async (t) => {
  const unknown = await cli(["frobnicate"]);
  t.is(unknown.status, 2);
  t.regex(unknown.stderr, /Unknown command 'frobnicate'\. The commands are check, codegen, sql, server\./);
  t.regex(unknown.stderr, /Usage: spark-connect-ts check/);

  const option = await cli(["--frobnicate"]);
  t.is(option.status, 2);
  t.regex(option.stderr, /Unknown option '--frobnicate'/);

  const sqlOption = await cli(["sql", "SELECT 1", "--frobnicate"]);
  t.is(sqlOption.status, 2);
  t.regex(sqlOption.stderr, /Unknown option '--frobnicate'/);
  t.regex(sqlOption.stderr, /Usage: spark-connect-ts sql/);

  const server = await cli(["server", "restart"]);
  t.is(server.status, 2);
  t.regex(server.stderr, /Unknown server subcommand 'restart'/);

  const checkOption = await cli(["check", "--frobnicate"]);
  t.is(checkOption.status, 2);
  t.regex(checkOption.stderr, /Unknown option '--frobnicate'/);
});

test("bad option values are usage errors that name the fix", async (t) => {
  const neither = await cli(["codegen"]);
  t.is(neither.status, 2);
  t.regex(neither.stderr, /Give one of --table <name> or --sql <query>\./);
  const badName = await cli(["codegen", "--table", "t", "--name", "my row"]);
  t.is(badName.status, 2);
  t.regex(badName.stderr, /--name must be a TypeScript identifier, not 'my row'/);
  const rows = await cli(["sql", "SELECT 1", "--rows", "0"]);
  t.is(rows.status, 2);
  t.regex(rows.stderr, /--rows takes a positive whole number/);
  const both = await cli(["sql", "SELECT 1", "--url", "sc://127.0.0.1:1", "--local"]);
  t.is(both.status, 2);
  t.regex(both.stderr, /Give --url or --local, not both/);
  const conf = await cli(["server", "start", "--conf", "novalue"]);
  t.is(conf.status, 2);
  t.regex(conf.stderr, /--conf takes key=value, not 'novalue'/);
});

test("without a connection, sql and codegen say how to give one", async (t) => {
  for (const args of [["sql", "SELECT 1"], ["codegen", "--table", "t"]]) {
    const r = await cli(args);
    t.is(r.status, 2);
    t.regex(r.stderr, /No Spark Connect server to use: pass --url sc:\/\/host:port, or --local .*`npx spark-connect-ts server start`/);
  }
});

test("server status and stop with nothing running", async (t) => {
  const status = await cli(["server", "status"]);
  t.is(status.status, 1);
  t.regex(status.stdout, /No local Spark Connect server is running; start one with `npx spark-connect-ts server start`/);
  const stop = await cli(["server", "stop"]);
  t.is(stop.status, 0);
  t.regex(stop.stdout, /No local Spark Connect server is running/);
  t.deepEqual(readdirSync(emptyHome), [], "nothing was written");
});

/** A one-file project with one type error, so check runs in a second or two. */
const project = mkdtempSync(join(tmpdir(), "cli-check-"));
writeFileSync(join(project, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, types: [] }, include: ["*.ts"] }));
writeFileSync(join(project, "a.ts"), 'export const n: number = "one";\n');
test.after.always(() => rmSync(project, { recursive: true, force: true }));

test("check -p . checks the project of the working directory", async (t) => {
  const r = await cli(["check", "-p", "."], { cwd: project });
  t.is(r.status, 1, r.stderr);
  t.regex(r.stdout, /a\.ts\(1,14\): error TS2322: Type 'string' is not assignable to type 'number'\./);
  t.regex(r.stdout, /spark-connect-ts check: 1 error\(s\)\./);
});

test("check -p takes a directory or a tsconfig file, and names the fix for neither", async (t) => {
  const [dir, file, missing, noConfig] = await Promise.all([
    cli(["check", "-p", project]),
    cli(["check", "--project", join(project, "tsconfig.json")]),
    cli(["check", "-p", "no/such/dir"]),
    cli(["check", "-p", join(root, "docs")]),
  ]);
  t.is(dir.status, 1);
  t.is(dir.stdout, file.stdout, "the same diagnostics either way");
  t.is(missing.status, 2);
  t.regex(missing.stderr, /no\/such\/dir does not exist; pass -p a tsconfig\.json, or a directory holding one\./);
  t.is(noConfig.status, 2);
  t.regex(noConfig.stderr, /docs\/tsconfig\.json does not exist/);
});

// ---- codegen's type mapping (docs/types.md) ----

const field = (name: string, dataType: DataType, nullable = false) => ({ name, dataType, nullable });
const struct = (...fields: ReturnType<typeof field>[]): StructType => ({ kind: "struct", fields });

test("codegen maps every Spark type to what collect() returns", (t) => {
  const schema = struct(
    field("b", { kind: "boolean" }),
    field("i8", { kind: "byte" }),
    field("i16", { kind: "short" }),
    field("i32", { kind: "integer" }),
    field("i64", { kind: "long" }),
    field("f", { kind: "float" }),
    field("d", { kind: "double" }),
    field("dec", { kind: "decimal", precision: 10, scale: 2 }),
    field("s", { kind: "string" }),
    field("c", { kind: "char", length: 3 }),
    field("vc", { kind: "varchar", length: 9 }),
    field("bin", { kind: "binary" }),
    field("day", { kind: "date" }),
    field("ts", { kind: "timestamp" }),
    field("ntz", { kind: "timestamp_ntz" }),
    field("t", { kind: "time", precision: 6 }),
    field("dti", { kind: "day_time_interval", startField: 0, endField: 3 }),
    field("ymi", { kind: "year_month_interval", startField: 0, endField: 1 }),
    field("ci", { kind: "calendar_interval" }),
    field("v", { kind: "variant" }),
    field("n", { kind: "null" }, true),
    field("udt", { kind: "udt", name: "Point", sqlType: { kind: "double" } }),
    field("geo", { kind: "geometry", srid: 4326 }),
  );
  const src = rowTypeSource(schema, { name: "AllTypes", source: "table t" });
  t.true(src.startsWith("// Generated by `spark-connect-ts codegen` from table t."));
  t.true(src.includes('import type { SparkTimestamp } from "spark-connect-ts";'));
  const expected: Record<string, string> = {
    b: "boolean",
    i8: "number",
    i16: "number",
    i32: "number",
    i64: "bigint",
    f: "number",
    d: "number",
    dec: "string",
    s: "string",
    c: "string",
    vc: "string",
    bin: "Uint8Array",
    day: "Date",
    ts: "SparkTimestamp",
    ntz: "SparkTimestamp",
    t: "bigint",
    dti: "bigint",
    ymi: "number",
    ci: "{ months: number; days: number; nanoseconds: bigint }",
    v: "{ value: Uint8Array; metadata: Uint8Array }",
    n: "null",
    udt: "number",
    geo: "unknown",
  };
  for (const [name, type] of Object.entries(expected)) t.true(src.includes(`\n  ${name}: ${type};`), `${name}: ${type}`);
  t.true(src.includes("  dec: string; // decimal(10,2)\n"), "the Spark type as a comment");
  t.true(src.includes("export interface AllTypes {\n"));
});

test("codegen nests arrays, maps and structs, with nulls where Spark allows them", (t) => {
  const schema = struct(
    field("tags", { kind: "array", elementType: { kind: "string" }, containsNull: true }, true),
    field("ids", { kind: "array", elementType: { kind: "long" }, containsNull: false }),
    field("m", { kind: "map", keyType: { kind: "string" }, valueType: { kind: "decimal", precision: 5, scale: 1 }, valueContainsNull: true }),
    field(
      "nested",
      struct(field("city", { kind: "string" }, true), field("points", { kind: "array", elementType: struct(field("x", { kind: "double" })), containsNull: false })),
      true,
    ),
    field("grid", { kind: "array", elementType: { kind: "array", elementType: { kind: "integer" }, containsNull: false }, containsNull: false }),
  );
  t.is(
    rowTypeSource(schema, { name: "Row" }),
    [
      "// Generated by `spark-connect-ts codegen`. Regenerate it rather than editing it.",
      "",
      "export interface Row {",
      "  tags: Array<string | null> | null; // array<string>",
      "  ids: bigint[]; // array<bigint>",
      "  m: Map<string, string | null>; // map<string,decimal(5,1)>",
      "  nested: {",
      "    city: string | null; // string",
      "    points: Array<{",
      "      x: number; // double",
      "    }>; // array<struct<x:double>>",
      "  } | null;",
      "  grid: number[][]; // array<array<int>>",
      "}",
      "",
    ].join("\n"),
  );
});

test("codegen quotes names that are not identifiers and keeps one key per name", (t) => {
  t.is(propertyName("amount"), "amount");
  t.is(propertyName("$x_1"), "$x_1");
  t.is(propertyName("order id"), '"order id"');
  t.is(propertyName("1st"), '"1st"');
  t.is(propertyName("a-b"), '"a-b"');
  t.is(propertyName('say "hi"'), '"say \\"hi\\""');
  t.is(propertyName("__proto__"), '"__proto__"');
  const src = rowTypeSource(struct(field("id", { kind: "integer" }), field("x", { kind: "string" }), field("id", { kind: "long" }, true)), { name: "Joined" });
  t.true(src.includes("  id: bigint | null; // bigint; several columns have this name; the row holds the last\n  x: string;"));
  t.is(rowTypeSource(struct(), { name: "Empty" }).split("\n").at(-2), "export interface Empty {}");
});

// ---- sql --json values ----

test("sql --json writes values JSON can hold exactly", (t) => {
  const ts = new SparkTimestamp(1700000000123456n);
  const row = {
    id: 12n,
    dec: "1.50",
    ts,
    ntz: ts,
    day: new Date("2024-02-29T00:00:00Z"),
    bin: new Uint8Array([1, 255]),
    m: new Map<unknown, unknown>([["k", 1n], [2, null]]),
    nan: Number.NaN,
    inf: -Infinity,
    arr: [1, null],
    s: { a: ts },
  };
  const dt: DataType = struct(
    field("ntz", { kind: "timestamp_ntz" }),
    field("s", struct(field("a", { kind: "timestamp_ntz" }))),
  );
  t.deepEqual(jsonValue(row, dt), {
    id: "12",
    dec: "1.50",
    ts: "2023-11-14T22:13:20.123456Z",
    ntz: "2023-11-14T22:13:20.123456",
    day: "2024-02-29",
    bin: "Af8=",
    m: { k: "1", "2": null },
    nan: "NaN",
    inf: "-Infinity",
    arr: [1, null],
    s: { a: "2023-11-14T22:13:20.123456" },
  });
});
