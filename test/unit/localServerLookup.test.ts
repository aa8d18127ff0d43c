// Where a local server finds Spark and puts its files, with temporary directories standing
// in for SPARK_HOME, a checkout's .spark/ and the per-user cache; and the install's
// preconditions (Java, Python, venv), with fake programs on an otherwise empty PATH.
// Nothing is downloaded and no server is started.
import test from "ava";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Cause, Effect, Exit } from "effect";
import { LocalServerError } from "../../runtime/errors.js";
import { installSpark, startLocalServer } from "../../runtime/LocalServer.js";
import {
  INSTALL_MARKER,
  locateSpark,
  repositoryCheckout,
  serverStateDir,
  sparkCacheDir,
  type SparkLookupOptions,
} from "../../runtime/SparkHome.js";

const base = mkdtempSync(join(tmpdir(), "spark-lookup-"));
test.after.always(() => rmSync(base, { recursive: true, force: true }));
let n = 0;
const fresh = (name: string) => {
  const d = join(base, `${name}-${n++}`);
  mkdirSync(d, { recursive: true });
  return d;
};

/** A directory shaped like a Spark home. */
function sparkHome(dir: string): string {
  mkdirSync(join(dir, "bin"), { recursive: true });
  mkdirSync(join(dir, "jars"), { recursive: true });
  writeFileSync(join(dir, "bin", "spark-submit"), "#!/bin/sh\n");
  return dir;
}

/** A venv with a pyspark install; `complete: false` leaves out the marker a finished install writes. */
function venv(dir: string, complete = true): string {
  sparkHome(join(dir, "lib", "python3.12", "site-packages", "pyspark"));
  if (complete) writeFileSync(join(dir, INSTALL_MARKER), "");
  return join(dir, "lib", "python3.12", "site-packages", "pyspark");
}

/** Every place populated: an explicit home, SPARK_HOME, a checkout, SPARK_CONNECT_TS_HOME and an XDG cache. */
function world() {
  const option = sparkHome(fresh("option"));
  const sparkHomeEnv = sparkHome(fresh("spark-home"));
  const checkout = fresh("checkout");
  const checkoutSpark = venv(join(checkout, ".spark", "venv"));
  const own = fresh("own-cache");
  const ownSpark = venv(join(own, "venv"));
  const xdg = fresh("xdg");
  const xdgSpark = venv(join(xdg, "spark-connect-ts", "venv"));
  const home = fresh("home");
  const homeSpark = venv(join(home, ".cache", "spark-connect-ts", "venv"));
  return { option, sparkHomeEnv, checkout, checkoutSpark, own, ownSpark, xdg, xdgSpark, home, homeSpark };
}

const find = (o: SparkLookupOptions) => {
  const l = locateSpark(o);
  return l && `${l.source} ${l.sparkHome}`;
};

test("the lookup order: option, SPARK_HOME, the checkout's .spark, then the per-user cache", (t) => {
  const w = world();
  const env = { SPARK_HOME: w.sparkHomeEnv, XDG_CACHE_HOME: w.xdg, HOME: w.home };
  t.is(find({ sparkHome: w.option, env, checkout: w.checkout }), `option ${w.option}`);
  t.is(find({ env, checkout: w.checkout }), `SPARK_HOME ${w.sparkHomeEnv}`);
  t.is(find({ env: { XDG_CACHE_HOME: w.xdg, HOME: w.home }, checkout: w.checkout }), `checkout ${w.checkoutSpark}`);
  t.is(find({ env: { XDG_CACHE_HOME: w.xdg, HOME: w.home }, checkout: null }), `cache ${w.xdgSpark}`);
  t.is(find({ env: { HOME: w.home }, checkout: null }), `cache ${w.homeSpark}`);
});

test("SPARK_CONNECT_TS_HOME is the cache, and is preferred to a checkout's .spark", (t) => {
  const w = world();
  const env = { SPARK_CONNECT_TS_HOME: w.own, XDG_CACHE_HOME: w.xdg, HOME: w.home };
  t.is(find({ env, checkout: w.checkout }), `cache ${w.ownSpark}`);
  t.is(find({ env: { ...env, SPARK_HOME: w.sparkHomeEnv }, checkout: w.checkout }), `SPARK_HOME ${w.sparkHomeEnv}`);
  t.is(sparkCacheDir(env), w.own);
});

test("the cache directory: SPARK_CONNECT_TS_HOME, else an absolute XDG_CACHE_HOME, else ~/.cache", (t) => {
  t.is(sparkCacheDir({ SPARK_CONNECT_TS_HOME: "/a/b", XDG_CACHE_HOME: "/x", HOME: "/h" }), "/a/b");
  t.is(sparkCacheDir({ XDG_CACHE_HOME: "/x", HOME: "/h" }), "/x/spark-connect-ts");
  t.is(sparkCacheDir({ XDG_CACHE_HOME: "relative/cache", HOME: "/h" }), "/h/.cache/spark-connect-ts", "a relative XDG_CACHE_HOME is ignored");
  t.is(sparkCacheDir({ HOME: "/h" }), "/h/.cache/spark-connect-ts");
});

test("an unfinished install, or nothing at all, is not found", (t) => {
  const cache = fresh("unfinished");
  venv(join(cache, "venv"), false);
  t.is(locateSpark({ env: { SPARK_CONNECT_TS_HOME: cache }, checkout: null }), undefined);
  t.is(locateSpark({ env: { SPARK_CONNECT_TS_HOME: fresh("empty") }, checkout: null }), undefined);
  const checkout = fresh("checkout-without-spark");
  t.is(locateSpark({ env: { HOME: fresh("home") }, checkout }), undefined);
});

test("a sparkHome option or SPARK_HOME that is not a Spark home is an error naming the fix", (t) => {
  const notSpark = fresh("not-spark");
  const env = { SPARK_CONNECT_TS_HOME: fresh("empty") };
  const option = t.throws(() => locateSpark({ sparkHome: notSpark, env, checkout: null }), { instanceOf: LocalServerError });
  t.regex(option.message, /The sparkHome option is .*not-spark.*, which is not a Spark installation \(it needs bin\/spark-submit and jars\/\)/);
  const fromEnv = t.throws(() => locateSpark({ env: { ...env, SPARK_HOME: notSpark }, checkout: null }), { instanceOf: LocalServerError });
  t.regex(fromEnv.message, /SPARK_HOME is .*, which is not a Spark installation.*or unset it to use the one `npx spark-connect-ts server install` installs/);
});

test("logs and state go to SPARK_CONNECT_TS_HOME, else the checkout's .spark, else the cache; never the working directory", (t) => {
  t.is(serverStateDir({ env: { SPARK_CONNECT_TS_HOME: "/own", HOME: "/h" }, checkout: "/repo" }), "/own");
  t.is(serverStateDir({ env: { HOME: "/h" }, checkout: "/repo" }), "/repo/.spark");
  t.is(serverStateDir({ env: { XDG_CACHE_HOME: "/x", HOME: "/h" }, checkout: null }), "/x/spark-connect-ts");
});

test("the checkout is detected from the library's own location", (t) => {
  // The tests run from the repository: its root is the checkout when it is a git checkout.
  t.is(repositoryCheckout(), existsSync(join(process.cwd(), ".git")) ? process.cwd() : undefined);
});

// ---- install preconditions ----

/** A PATH holding only the given fake programs (shell scripts). */
function fakePath(programs: Record<string, string>): string {
  const dir = fresh("bin");
  for (const [name, script] of Object.entries(programs)) {
    writeFileSync(join(dir, name), `#!/bin/sh\n${script}\n`);
    chmodSync(join(dir, name), 0o755);
  }
  return dir;
}

const java17 = `echo 'openjdk version "17.0.15" 2025-04-15' >&2`;

async function installError(programs: Record<string, string>): Promise<{ message: string; cache: string }> {
  const cache = fresh("install-cache");
  const env = { PATH: fakePath(programs), HOME: fresh("home"), SPARK_CONNECT_TS_HOME: cache };
  const lines: string[] = [];
  const exit = await Effect.runPromiseExit(installSpark({ env, onProgress: (l) => lines.push(l) }));
  if (Exit.isSuccess(exit)) throw new Error("the install should have failed");
  const error = Cause.squash(exit.cause);
  if (!(error instanceof LocalServerError)) throw new Error(`not a LocalServerError: ${String(error)}`);
  return { message: error.message, cache };
}

test("installing without Java says to install Java 17", async (t) => {
  const { message } = await installError({});
  t.regex(message, /needs Java 17, and no java was found \(looked in PATH\)\. Install a Java 17 \(or 21\) runtime, e\.g\. `sudo apt-get install openjdk-17-jre-headless`/);
});

test("installing with an old Java names its version", async (t) => {
  const { message } = await installError({ java: `echo 'java version "1.8.0_392"' >&2` });
  t.regex(message, /needs Java 17 or later; the java in PATH is version 1\.8\.0_392/);
});

test("installing without Python says which Python to install", async (t) => {
  const { message } = await installError({ java: java17 });
  t.regex(message, /needs Python 3\.10 or later with its venv module .*there is no python3 or python on PATH\. Install it \(`sudo apt-get install python3 python3-venv`/);
  t.regex(message, /SPARK_CONNECT_TS_PYTHON/);
});

test("installing with an old Python names it", async (t) => {
  const { message } = await installError({ java: java17, python3: "echo 3.8" });
  t.regex(message, /there is only python3 is Python 3\.8\./);
});

test("installing without Python's venv module says to install it, and leaves no half-made venv", async (t) => {
  const { message, cache } = await installError({
    java: java17,
    python3: `case "$1" in -c) echo 3.12 ;; *) echo 'The virtual environment was not created successfully because ensurepip is not available.'; exit 1 ;; esac`,
  });
  t.regex(message, /Python's venv module is missing .*`sudo apt-get install python3-venv`.*`npx spark-connect-ts server install` again/s);
  t.deepEqual(readdirSync(cache), [], "no venv.installing-* directory is left behind");
});

test.serial("startLocalServer({ install: false }) without Spark names the install command", async (t) => {
  const saved = { ...process.env };
  try {
    delete process.env["SPARK_HOME"];
    process.env["SPARK_CONNECT_TS_HOME"] = fresh("no-spark");
    const error = await t.throwsAsync(Effect.runPromise(startLocalServer({ install: false })));
    t.regex(error!.message, /Spark 4\.1\.1 is not installed for a local Spark Connect server .*Run `npx spark-connect-ts server install`/);
  } finally {
    process.env = saved;
  }
});
