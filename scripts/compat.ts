// `npm run compat`: the compatibility matrix. For each Spark version it provisions the
// server (PyPI's pyspark==X, which carries the Spark jars and, from 4.0 on, the Spark
// Connect server; for 3.5 the spark-connect_2.12 jar from Maven Central beside it),
// starts it, runs the compatibility suite against it (the integration test files named
// in AREAS below, unchanged, plus test/compat/ for the version-gated features), and
// writes compat/results/<version>.json, compat/results/latest.json and the generated
// region of docs/compatibility.md from every version's results file.
//
//   npm run compat                  every version
//   npm run compat -- 3.5.9 4.0.5   those versions; the others' last results are kept
//   npm run compat -- --report      only regenerate the docs from the results files
//
// Installs are cached under .spark/compat/<version>/ (a marker file marks a complete
// one), so a rerun starts at the tests. The pinned version (4.1.1) is the one `npm test`
// uses, in .spark/venv.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import * as Effect from "effect/Effect";
import { MAVEN_CENTRAL } from "../runtime/Delta.js";
import { FEATURES, olderThan, RPC_SINCE } from "../runtime/internal/serverFeatures.js";
import { type LocalServer, startLocalServer } from "../runtime/LocalServer.js";
import { runChild } from "./childProcess.js";

const ROOT = resolve(import.meta.dirname, "../..");
/** The compiled tests: the dist/ this script was compiled into. */
const DIST = resolve(import.meta.dirname, "..");
const CACHE = join(ROOT, ".spark", "compat");
const RESULTS = join(ROOT, "compat", "results");
const DOC = join(ROOT, "docs", "compatibility.md");
const PINNED = "4.1.1";

/** A server version of the matrix. */
interface Version {
  readonly version: string;
  /**
   * Spark 3.5's pyspark has no Connect server; its jar comes from Maven Central. Maven
   * Central serves spark-connect_2.12 up to 3.5.7 (3.5.8 and 3.5.9 were not published
   * there), so 3.5.9 runs the 3.5.7 Connect jar, the newest of its line.
   */
  readonly connectJar?: string;
}

export const VERSIONS: readonly Version[] = [
  { version: "3.5.9", connectJar: "3.5.7" },
  { version: "4.0.5" },
  { version: PINNED },
  { version: "4.1.4" },
  { version: "4.2.1" },
  { version: "4.3.0" },
];

/** The rows of the matrix: what each group of integration test files covers. */
export const AREAS: readonly { readonly area: string; readonly files: readonly string[] }[] = [
  { area: "Sessions, config, lifecycle", files: ["session", "lifecycle"] },
  { area: "SQL commands", files: ["sqlCommands"] },
  { area: "DataFrame transformations", files: ["dataframe", "setOps"] },
  { area: "Functions", files: ["functions"] },
  { area: "Type round trips", files: ["roundtrip", "types"] },
  { area: "Errors (classes, sqlStates)", files: ["errors"] },
  { area: "Interrupts", files: ["interrupt"] },
  { area: "Reattach (forced short streams)", files: ["reattach"] },
  { area: "Results (large, chunked)", files: ["results"] },
  { area: "Streaming", files: ["streaming"] },
  { area: "DSL fixture queries", files: ["dsl", "dslDifferential"] },
  { area: "Version-gated features", files: ["compat/features"] },
];

/**
 * Tests that need a newer server than some of the matrix, and why. A failure of such a
 * test on an older server shows that need ("needs server ≥ X" in its cell, the reason
 * under the matrix), not a defect; the same failure on a server that has what it needs
 * is a failure. A title that says "(needs Spark ≥ X)" declares it itself
 * (test/compat/features.test.ts).
 */
export const REQUIREMENTS: readonly { readonly file: string; readonly title?: RegExp; readonly needs: string; readonly why: string }[] = [
  { file: "functions", needs: "4.1", why: "the catalogue checks every function of Spark 4.1 (many are newer than 4.0) over a fixture row with a TIME column" },
  { file: "roundtrip", title: /^time /, needs: "4.1", why: "the TIME type is new in Spark 4.1" },
  { file: "lifecycle", title: /^clone\(\)/, needs: "4.1", why: "CloneSession is new in Spark 4.1 (the client refuses it earlier with UnsupportedByServerError)" },
  {
    file: "dataframe",
    title: /^SQL parameters are bound as literals/,
    needs: "4.1",
    why: "the query's literal 'x''y': before 4.1 Spark reads two adjacent string literals as one ('xy'), so the row does not match; the parameters themselves are bound (test/compat/features.test.ts)",
  },
  { file: "dslDifferential", title: /^case 1037:/, needs: "4.1", why: "Spark 4.0 names a remainder by zero DIVIDE_BY_ZERO; 4.1 names it REMAINDER_BY_ZERO" },
  { file: "lifecycle", title: /^a restarted server is reported as a changed session/, needs: "4.0", why: "servers send their server-side session id from Spark 4.0; a 3.5 server that restarted cannot be told from the same one" },
  { file: "dataframe", title: /^withColumn\(s\), renames, drop, toDF, cast/, needs: "4.0", why: "the test uses tryCast, which the client refuses on Spark 3.5 with UnsupportedByServerError" },
  { file: "dataframe", title: /^show, schema text, explain/, needs: "4.0", why: "Spark 3.5 answers that df and df.select(\"*\") do not have the same semantics" },
  { file: "setOps", title: /^a column of this side stays usable after an intersect or except/, needs: "4.0", why: "Spark 3.5 cannot resolve a DataFrame's column reference in a plan that holds that DataFrame twice (AMBIGUOUS_COLUMN_REFERENCE)" },
  { file: "roundtrip", title: /^calendar intervals/, needs: "4.0", why: "Spark 3.5 cannot send CalendarInterval values as Arrow (UNSUPPORTED_ARROWTYPE)" },
  { file: "roundtrip", title: /^(date|timestamp): .*year 1/, needs: "4.0", why: "Spark 3.5 refuses to write dates before 1582 to Parquet unless spark.sql.parquet.datetimeRebaseModeInWrite is set (CORRECTED is 4.0's default)" },
  { file: "results", title: /^observe\(\)/, needs: "4.0", why: "observed metrics arrive with their names from Spark 4.0 (ObservedMetrics.keys)" },
  {
    file: "dslDifferential",
    title: /^(batch \d+|session time zone .*)/,
    needs: "4.0",
    why: "Spark 3.5's analyzer gives up on the larger expressions the DSL compiles to (Max iterations (100) reached for batch Resolution; spark.sql.analyzer.maxIterations on the server raises the limit)",
  },
  { file: "dsl", title: /^select with computed fields/, needs: "4.0", why: "Spark 3.5's analyzer gives up on the larger expressions the DSL compiles to (Max iterations (100) reached for batch Resolution)" },
  {
    file: "dslDifferential",
    title: /^case 10(36|40|41):/,
    needs: "4.0",
    why: "ANSI mode is off by default before Spark 4.0, so bigint overflow and division by zero give Spark's non-ANSI answers (a wrapped value, NULL) where JavaScript throws or is exact; on 3.5 set spark.sql.ansi.enabled=true (docs/dsl.md)",
  },
  { file: "errors", needs: "4.0", why: "before 4.0 a Spark error carries only its message and JVM classes: no sqlState, message parameters, query contexts or cause chains (FetchErrorDetails is new in 4.0)" },
  { file: "session", title: /rejects with (a ParseError|an AnalysisError)/, needs: "4.0", why: "sqlState and message parameters arrive from Spark 4.0 (before it, errorClass is read from the message)" },
  { file: "sqlCommands", title: /error/i, needs: "4.0", why: "sqlState and message parameters arrive from Spark 4.0" },
  { file: "streaming", title: /listener/, needs: "4.0", why: "the streaming listener bus is new in Spark 4.0 (the client refuses it earlier with UnsupportedByServerError)" },
];

/** The requirement a test declares or the table names, or undefined. */
export function requirement(file: string, title: string): { needs: string; why: string } | undefined {
  const own = needs(title);
  if (own !== undefined) return { needs: own, why: title.replace(/\s*\(needs Spark ≥ ?[\d.]+\)/, "") };
  const name = file.split(" › ").pop() ?? file;
  return REQUIREMENTS.find((r) => r.file === name && (r.title === undefined || r.title.test(title)));
}

/** One test's outcome. */
interface TestResult {
  readonly file: string;
  readonly title: string;
  readonly ok: boolean;
  readonly reason?: string;
}

/** What one version's run left in compat/results/<version>.json. */
interface VersionResult {
  readonly version: string;
  /** The version the server reported (spark.version()), when it started. */
  readonly serverVersion?: string;
  readonly connectJar?: string;
  readonly date: string;
  readonly durationSec: number;
  /** Set when the server could not be installed or started: every cell fails with it. */
  readonly setupError?: string;
  readonly tests: readonly TestResult[];
}

const log = (line: string) => console.log(`[compat] ${line}`);

function run(cmd: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<{ code: number; out: string }> {
  return runChild(cmd, args, { env });
}

/** The pyspark directory (a full SPARK_HOME) of a venv, or undefined. */
function pysparkHome(venv: string): string | undefined {
  const lib = join(venv, "lib");
  if (!existsSync(lib)) return undefined;
  for (const py of readdirSync(lib)) {
    const home = join(lib, py, "site-packages", "pyspark");
    if (existsSync(join(home, "jars")) && existsSync(join(home, "bin", "spark-submit"))) return home;
  }
  return undefined;
}

/** Downloads a Maven Central jar (checked against its .sha1) into `dir`; returns its path. */
async function mavenJar(group: string, artifact: string, version: string, dir: string): Promise<string> {
  const file = join(dir, `${artifact}-${version}.jar`);
  if (existsSync(file)) return file;
  const repo = process.env["SPARK_CONNECT_TS_MAVEN_REPO"] || MAVEN_CENTRAL;
  const url = `${repo}/${group.replaceAll(".", "/")}/${artifact}/${version}/${artifact}-${version}.jar`;
  log(`downloading ${url}`);
  const [jar, sha] = await Promise.all([fetch(url), fetch(`${url}.sha1`)]);
  if (!jar.ok) throw new Error(`${url}: HTTP ${jar.status}`);
  const bytes = new Uint8Array(await jar.arrayBuffer());
  const want = sha.ok ? (await sha.text()).trim().split(/\s+/)[0] : undefined;
  const got = createHash("sha1").update(bytes).digest("hex");
  if (want !== undefined && want !== got) throw new Error(`${url}: SHA-1 ${got} does not match the published ${want}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${file}.part`, bytes);
  renameSync(`${file}.part`, file);
  return file;
}

/** The Spark home of a version, installed into .spark/compat/<version>/venv on first use. */
async function provision(v: Version): Promise<{ sparkHome: string; jars: string[] }> {
  const jars = v.connectJar ? [await mavenJar("org.apache.spark", "spark-connect_2.12", v.connectJar, join(CACHE, "jars"))] : [];
  if (v.version === PINNED) {
    const r = await run("bash", [join(ROOT, "scripts", "spark-install.sh")]);
    if (r.code !== 0) throw new Error(`scripts/spark-install.sh failed:\n${r.out.slice(-2000)}`);
    const home = pysparkHome(join(ROOT, ".spark", "venv"));
    if (home === undefined) throw new Error("scripts/spark-install.sh left no Spark in .spark/venv");
    return { sparkHome: home, jars };
  }
  const dir = join(CACHE, v.version);
  const venv = join(dir, "venv");
  const marker = join(dir, ".installed");
  const home = pysparkHome(venv);
  if (existsSync(marker) && home !== undefined) return { sparkHome: home, jars };
  log(`installing pyspark==${v.version} into ${venv} (one time, about 400 MB from PyPI)`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const python = process.env["SPARK_CONNECT_TS_PYTHON"] ?? "python3";
  const mk = await run(python, ["-m", "venv", venv]);
  if (mk.code !== 0) throw new Error(`${python} -m venv failed:\n${mk.out.slice(-2000)}`);
  // The server needs only the jars and scripts pyspark carries; its Python dependencies are not installed.
  const pip = await run(join(venv, "bin", "pip"), ["install", "--quiet", "--disable-pip-version-check", "--no-deps", `pyspark==${v.version}`]);
  if (pip.code !== 0) throw new Error(`pip install pyspark==${v.version} failed:\n${pip.out.slice(-2000)}`);
  const installed = pysparkHome(venv);
  if (installed === undefined) throw new Error(`pyspark==${v.version} installed without its jars`);
  writeFileSync(marker, "");
  return { sparkHome: installed, jars };
}

/** Parses ava's TAP output into one result per test. */
export function parseTap(text: string, fileName?: string): TestResult[] {
  const out: TestResult[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const m = /^(not ok|ok) \d+ - (.*?)(?: # (SKIP|TODO).*)?$/.exec(lines[i] ?? "");
    if (!m) continue;
    const ok = m[1] === "ok" && m[3] === undefined;
    // One file's run: the title alone. Several files: "file › title", or "dir › file ›
    // title" when they come from several directories.
    const parts = (m[2] ?? "").split(" › ");
    const skip = fileName === undefined && parts.length >= 3 && ["integration", "compat"].includes(parts[0] ?? "") ? 1 : 0;
    const file = fileName ?? (parts.length > 1 ? (parts[skip] ?? "") : "");
    const title = fileName !== undefined ? (m[2] ?? "") : parts.slice(parts.length > 1 ? skip + 1 : 0).join(" › ");
    let reason: string | undefined;
    if (!ok) {
      // The YAML block that follows a failure: the assertion's message and values, or the
      // rejected error's tag and message.
      const yaml: string[] = [];
      if ((lines[i + 1] ?? "").trim() === "---") {
        for (let j = i + 2; j < lines.length && (lines[j] ?? "").trim() !== "..."; j++) yaml.push((lines[j] ?? "").trim());
      }
      const text = yaml.join("\n");
      const tag = /_tag: '(\w+)'/.exec(text)?.[1];
      const msg = /^message: (.*)$/m.exec(text)?.[1]?.replace(/^[`'"]|[`'"]$/g, "").replace(/␊/g, " ").trim();
      const errMsg = tag ? /message: [`'"]?(?:␊\s*)?([^\n]*)/.exec(text.slice(text.indexOf("_tag")))?.[1]?.replace(/␊/g, " ").trim() : undefined;
      const diff = /Difference[^\n]*\n([\s\S]*?)(?:\n\S+:|$)/.exec(text)?.[1]?.replace(/\s+/g, " ").trim();
      reason = [tag ? `${tag}: ${errMsg ?? ""}` : msg, diff].filter((x) => x !== undefined && x !== "").join(" ").slice(0, 400) || "failed";
    }
    out.push(reason === undefined ? { file, title, ok } : { file, title, ok, reason: reason.slice(0, 400) });
  }
  return out;
}

/** The server's own version string, from spark.version(). */
async function askVersion(url: string): Promise<string | undefined> {
  const { SparkSession } = await import("../src/index.js");
  try {
    const spark = await SparkSession.connect(url, { retry: { maxRetries: 3 } });
    try {
      return await spark.version();
    } finally {
      await spark.close();
    }
  } catch {
    return undefined;
  }
}

async function runVersion(v: Version): Promise<VersionResult> {
  const started = Date.now();
  const date = new Date().toISOString().slice(0, 10);
  const base = { version: v.version, date, ...(v.connectJar ? { connectJar: v.connectJar } : {}) };
  let server: LocalServer | undefined;
  try {
    const { sparkHome, jars } = await provision(v);
    const conf: Record<string, string> = jars.length > 0 ? { "spark.jars": jars.join(",") } : {};
    log(`${v.version}: starting the server (${sparkHome})`);
    server = await Effect.runPromise(
      startLocalServer({ sparkHome, install: false, token: false, driverMemory: "3g", conf, dir: join(CACHE, v.version, "state") }),
    );
    const url = server.connectionString();
    const serverVersion = await askVersion(url);
    log(`${v.version}: server ${serverVersion ?? "?"} ready on port ${server.port}; running the suite`);
    const files = AREAS.flatMap((a) => a.files).map((f) => join(DIST, "test", f.includes("/") ? f : `integration/${f}`) + ".test.js");
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      FORCE_COLOR: "0",
      SPARK_CONNECT_TEST_URL: url,
      SPARK_CONNECT_TEST_SPARK_VERSION: v.version,
      // test/support/dedicatedServer.ts starts the tests' own servers from the same Spark.
      SPARK_CONNECT_TEST_SPARK_HOME: sparkHome,
      SPARK_CONNECT_TEST_SERVER_CONF: JSON.stringify(conf),
    };
    // A file at a time (two at once): ava's TAP reporter ends the whole run when one test
    // times out, so each file's run is its own, and a run that ends early is reported as a
    // failure of that file.
    const taps: string[] = [];
    const tests: TestResult[] = [];
    const queue = files.filter((f) => existsSync(f));
    const worker = async () => {
      for (let f = queue.shift(); f !== undefined; f = queue.shift()) {
        const ava = await run(process.execPath, [join(ROOT, "node_modules/ava/entrypoints/cli.js"), "--tap", f], env);
        taps.push(ava.out);
        const name = f.split("/").pop()!.replace(/\.test\.js$/, "");
        const got = parseTap(ava.out, name);
        tests.push(...got);
        if (ava.code !== 0 && (got.length === 0 || !/^# (tests|pass|fail) /m.test(ava.out))) {
          const why = ava.out.includes("Timed out") || ava.out.includes("writeTimeout") ? "a test timed out (ava's 2-minute limit) and ended the file's run" : ava.out.trim().split("\n").slice(-3).join(" ");
          tests.push({ file: name, title: "(the rest of the file did not run)", ok: false, reason: why.slice(0, 400) });
        }
      }
    };
    await Promise.all([worker(), worker()]);
    writeFileSync(join(CACHE, v.version, "ava.tap"), taps.join("\n"));
    if (tests.length === 0) throw new Error(`the suite ran no test:\n${taps.join("\n").slice(-2000)}`);
    return { ...base, ...(serverVersion ? { serverVersion } : {}), durationSec: Math.round((Date.now() - started) / 1000), tests };
  } catch (e) {
    const setupError = e instanceof Error ? e.message : String(e);
    log(`${v.version}: ${setupError}`);
    return { ...base, durationSec: Math.round((Date.now() - started) / 1000), setupError: setupError.slice(0, 2000), tests: [] };
  } finally {
    await server?.stop();
  }
}

/** A test's declared server requirement: its title says "(needs Spark ≥ X)". */
export function needs(title: string): string | undefined {
  return /needs Spark ≥ ?(\d+\.\d+(?:\.\d+)?)/.exec(title)?.[1];
}

/** One cell of the matrix: its text, its failures and the tests that need a newer server. */
function cell(r: VersionResult, files: readonly string[]): { text: string; failures: TestResult[]; needing: { t: TestResult; needs: string; why: string }[] } {
  if (r.setupError) return { text: "fail (server did not start)", failures: [], needing: [] };
  const names = new Set(files.map((f) => f.split("/").pop()));
  const tests = r.tests.filter((t) => names.has(t.file));
  if (tests.length === 0) return { text: "not run", failures: [], needing: [] };
  const version = r.serverVersion ?? r.version;
  const failures: TestResult[] = [];
  const needing: { t: TestResult; needs: string; why: string }[] = [];
  let typed = 0;
  for (const t of tests) {
    const req = requirement(t.file, t.title);
    const old = req !== undefined && olderThan(version, req.needs);
    if (t.ok) {
      if (old && needs(t.title) !== undefined) typed++;
    } else if (old) needing.push({ t, needs: req.needs, why: req.why });
    else failures.push(t);
  }
  const passed = tests.filter((t) => t.ok).length;
  const parts = [failures.length > 0 ? `**fail** ${failures.length} of ${tests.length}` : `pass (${passed} of ${tests.length})`];
  const byVersion = new Map<string, number>();
  for (const n of needing) byVersion.set(n.needs, (byVersion.get(n.needs) ?? 0) + 1);
  for (const [v, n] of [...byVersion].sort()) parts.push(`${n} need server ≥ ${v}`);
  if (typed > 0) parts.push(`${typed} show the typed error of a newer feature`);
  return { text: parts.join("; "), failures, needing };
}

function escapeCell(s: string): string {
  return s.replaceAll("|", "\\|").replaceAll("\n", " ");
}

/** Regenerates docs/compatibility.md's matrix region and compat/results/latest.json. */
function report(): void {
  const results = VERSIONS.map((v) => {
    const f = join(RESULTS, `${v.version}.json`);
    return existsSync(f) ? (JSON.parse(readFileSync(f, "utf8")) as VersionResult) : undefined;
  }).filter((r): r is VersionResult => r !== undefined);
  writeFileSync(join(RESULTS, "latest.json"), `${JSON.stringify({ versions: results }, null, 2)}\n`);
  const lines: string[] = [];
  lines.push(`Generated by \`npm run compat\` from compat/results/*.json (runs of ${[...new Set(results.map((r) => r.date))].join(", ")}).`);
  lines.push("");
  lines.push(`| area | ${results.map((r) => `${r.version}${r.version === PINNED ? " (pinned)" : ""}`).join(" | ")} |`);
  lines.push(`|---|${results.map(() => "---").join("|")}|`);
  const allFailures: { version: string; area: string; t: TestResult }[] = [];
  const allNeeds = new Map<string, { versions: string[]; needs: string; area: string }>();
  for (const a of AREAS) {
    const cells = results.map((r) => {
      const c = cell(r, a.files);
      for (const t of c.failures) allFailures.push({ version: r.version, area: a.area, t });
      for (const n of c.needing) {
        const key = `${a.area}: ${n.why}`;
        const e = allNeeds.get(key) ?? { versions: [], needs: n.needs, area: a.area };
        if (!e.versions.includes(r.version)) e.versions.push(r.version);
        allNeeds.set(key, e);
      }
      return c.text;
    });
    lines.push(`| ${a.area} | ${cells.join(" | ")} |`);
  }
  const total = results.map((r) => {
    if (r.setupError) return "server did not start";
    const version = r.serverVersion ?? r.version;
    const passed = r.tests.filter((t) => t.ok).length;
    const needing = r.tests.filter((t) => {
      const req = requirement(t.file, t.title);
      return !t.ok && req !== undefined && olderThan(version, req.needs);
    }).length;
    const failed = r.tests.length - passed - needing;
    return `${passed} passed, ${needing} need a newer server, ${failed} failed (${Math.round(r.durationSec / 60)} min)`;
  });
  lines.push(`| **all** | ${total.join(" | ")} |`);
  lines.push("");
  const notes = results.filter((r) => r.connectJar || r.setupError || (r.serverVersion && r.serverVersion !== r.version));
  for (const r of notes) {
    if (r.connectJar) lines.push(`- ${r.version}: Spark ${r.version} with the Connect server jar spark-connect_2.12 ${r.connectJar} (the newest 3.5 jar Maven Central serves).`);
    if (r.setupError) lines.push(`- ${r.version}: the server did not start: ${escapeCell(r.setupError.split("\n")[0] ?? "")}`);
  }
  if (allFailures.length > 0) {
    lines.push("");
    lines.push("### Failures");
    lines.push("");
    lines.push("| server | area | test | reason |");
    lines.push("|---|---|---|---|");
    for (const { version, area, t } of allFailures) {
      lines.push(`| ${version} | ${area} | ${escapeCell(t.title)} | ${escapeCell(t.reason ?? "")} |`);
    }
  }
  if (allNeeds.size > 0) {
    lines.push("");
    lines.push("### Tests that need a newer server");
    lines.push("");
    lines.push("Failures of these tests on the servers named are what the server lacks, not defects of the client (scripts/compat.ts `REQUIREMENTS`).");
    lines.push("");
    lines.push("| area | needs | on | why |");
    lines.push("|---|---|---|---|");
    for (const [key, e] of allNeeds) lines.push(`| ${e.area} | Spark ≥ ${e.needs} | ${e.versions.join(", ")} | ${escapeCell(key.slice(e.area.length + 2))} |`);
  }
  const gated = new Map<string, string>();
  for (const r of results) for (const t of r.tests) if (needs(t.title)) gated.set(t.title, needs(t.title) ?? "");
  if (gated.size > 0) {
    lines.push("");
    lines.push("### Features that need a newer server");
    lines.push("");
    lines.push("On an older server each fails before the round trip with `UnsupportedByServerError`, which names the feature and both versions; test/compat/features.test.ts checks that on every server of the matrix.");
    lines.push("");
    lines.push("| feature | needs |");
    lines.push("|---|---|");
    for (const [title, v] of [...gated].sort((x, y) => (olderThan(x[1], y[1]) ? -1 : olderThan(y[1], x[1]) ? 1 : x[0].localeCompare(y[0])))) {
      lines.push(`| ${escapeCell(title.replace(/\s*\(needs Spark ≥ ?[\d.]+\)/, ""))} | Spark ≥ ${v} |`);
    }
  }
  lines.push("");
  lines.push("### Every part of the protocol newer than Spark 3.5 that the client can send");
  lines.push("");
  lines.push("From `FEATURES` in runtime/internal/serverFeatures.ts. On a server older than the version named, a plan that uses one fails before the round trip with `UnsupportedByServerError`, except where the older protocol has an equivalent the plan is rewritten into (spark.sql's command, literal SQL parameters, renames). Of the RPCs, only CloneSession is refused; a missing ReleaseSession is ignored, and FetchErrorDetails is asked only for errors with an id, which older servers do not send.");
  lines.push("");
  lines.push("| what uses it | protocol field | needs |");
  lines.push("|---|---|---|");
  for (const [key, f] of Object.entries(FEATURES).sort((a, b) => a[1].since.localeCompare(b[1].since) || a[1].feature.localeCompare(b[1].feature))) {
    lines.push(`| ${escapeCell(f.feature.replace(/,$/, ""))} | \`${key.replace(/^spark\.connect\./, "")}\` | Spark ≥ ${f.since} |`);
  }
  for (const [rpc, since] of Object.entries(RPC_SINCE)) lines.push(`| the ${rpc} RPC | \`SparkConnectService.${rpc}\` | Spark ≥ ${since} |`);
  const begin = "<!-- compat:begin -->";
  const end = "<!-- compat:end -->";
  const doc = readFileSync(DOC, "utf8");
  const i = doc.indexOf(begin);
  const j = doc.indexOf(end);
  if (i < 0 || j < i) throw new Error(`${DOC} has no ${begin} ... ${end} region`);
  writeFileSync(DOC, `${doc.slice(0, i + begin.length)}\n${lines.join("\n")}\n${doc.slice(j)}`);
  log(`wrote ${DOC} and ${join(RESULTS, "latest.json")}`);
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  mkdirSync(RESULTS, { recursive: true });
  if (!args.includes("--report")) {
    const unknown = args.filter((a) => !VERSIONS.some((v) => v.version === a));
    if (unknown.length > 0) {
      console.error(`unknown version(s) ${unknown.join(", ")}; the matrix has ${VERSIONS.map((v) => v.version).join(", ")}`);
      return 2;
    }
    const chosen = args.length > 0 ? VERSIONS.filter((v) => args.includes(v.version)) : VERSIONS;
    for (const v of chosen) {
      const r = await runVersion(v);
      writeFileSync(join(RESULTS, `${v.version}.json`), `${JSON.stringify(r, null, 2)}\n`);
      const failed = r.tests.filter((t) => !t.ok).length;
      log(`${v.version}: ${r.setupError ? "server did not start" : `${r.tests.length - failed} passed, ${failed} failed`} in ${r.durationSec} s`);
    }
  }
  report();
  const latest = JSON.parse(readFileSync(join(RESULTS, "latest.json"), "utf8")) as { versions: VersionResult[] };
  return latest.versions.some((r) => r.setupError) ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) process.exitCode = await main();
