// The Delta Lake jar cache of the local server, against a Maven repository served on
// 127.0.0.1 by the test: download with checksum checks, reuse without a request,
// replacement of a damaged jar, refusal of a wrong download, the error of an unreachable
// repository, and the Spark settings of a server with Delta. No server is started.
import test from "ava";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  artifactUrl,
  DELTA_ARTIFACTS,
  DELTA_CONF,
  DELTA_VERSION,
  deltaConf,
  deltaJarsDir,
  type DeltaArtifact,
  ensureDeltaJars,
} from "../../runtime/Delta.js";
import { LocalServerError } from "../../runtime/errors.js";
import { freePort } from "../../runtime/LocalServer.js";

const base = mkdtempSync(join(tmpdir(), "delta-jars-"));
test.after.always(() => rmSync(base, { recursive: true, force: true }));
let n = 0;
const fresh = () => {
  const d = join(base, `cache-${n++}`);
  mkdirSync(d, { recursive: true });
  return d;
};

const sha1 = (b: Buffer | string) => createHash("sha1").update(b).digest("hex");
const JAR_A = Buffer.from("PK jar a");
const JAR_B = Buffer.from("PK jar b, a little longer");
const ARTIFACTS: DeltaArtifact[] = [
  { group: "io.example", artifact: "a_2.13", version: "1.0.0", sha1: sha1(JAR_A) },
  { group: "io.example", artifact: "b", version: "1.0.0", sha1: sha1(JAR_B) },
];

/** A Maven repository on 127.0.0.1 serving `files` (path -> body); records the paths asked for. */
async function repository(files: Record<string, Buffer | string>): Promise<{ url: string; requests: string[]; server: Server }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const path = req.url ?? "";
    requests.push(path);
    const body = files[path];
    if (body === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200).end(body);
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const addr = server.address();
  const port = typeof addr === "object" && addr ? addr.port : 0;
  return { url: `http://127.0.0.1:${port}/maven2`, requests, server };
}

function served(jars: Record<string, Buffer>): Record<string, Buffer | string> {
  const files: Record<string, Buffer | string> = {};
  for (const a of ARTIFACTS) {
    const path = new URL(artifactUrl("http://x/maven2", a)).pathname;
    const body = jars[a.artifact]!;
    files[path] = body;
    files[`${path}.sha1`] = `${sha1(body)}  ${a.artifact}-${a.version}.jar\n`;
  }
  return files;
}

test("the pinned release is delta-spark_2.13 and delta-storage of one version, with Delta's extension and catalog", (t) => {
  t.deepEqual(
    DELTA_ARTIFACTS.map((a) => `${a.group}:${a.artifact}:${a.version}`),
    [`io.delta:delta-spark_2.13:${DELTA_VERSION}`, `io.delta:delta-storage:${DELTA_VERSION}`],
  );
  for (const a of DELTA_ARTIFACTS) t.regex(a.sha1, /^[0-9a-f]{40}$/);
  t.is(
    artifactUrl("https://repo.example/maven2/", DELTA_ARTIFACTS[0]!),
    `https://repo.example/maven2/io/delta/delta-spark_2.13/${DELTA_VERSION}/delta-spark_2.13-${DELTA_VERSION}.jar`,
  );
  t.is(deltaJarsDir({ SPARK_CONNECT_TS_HOME: "/tmp/sct" }), `/tmp/sct/jars/delta-${DELTA_VERSION}`);
});

test("jars are downloaded once, checked, and then used from the cache without a request", async (t) => {
  const repo = await repository(served({ "a_2.13": JAR_A, b: JAR_B }));
  try {
    const dir = fresh();
    const progress: string[] = [];
    const first = await ensureDeltaJars({ dir, repository: repo.url, artifacts: ARTIFACTS, onProgress: (l) => progress.push(l) });
    t.true(first.downloaded);
    t.deepEqual(first.jars, [join(dir, "a_2.13-1.0.0.jar"), join(dir, "b-1.0.0.jar")]);
    t.deepEqual(readFileSync(first.jars[0]!), JAR_A);
    t.deepEqual(readFileSync(first.jars[1]!), JAR_B);
    t.deepEqual(readdirSync(dir).sort(), ["a_2.13-1.0.0.jar", "b-1.0.0.jar"], "no temporary files left");
    t.is(repo.requests.length, 4, "a .sha1 and a jar per artifact");
    t.regex(progress.join("\n"), /Downloading Delta Lake .* into /);

    const second = await ensureDeltaJars({ dir, repository: repo.url, artifacts: ARTIFACTS });
    t.false(second.downloaded);
    t.deepEqual(second.jars, first.jars);
    t.is(repo.requests.length, 4, "nothing asked for the second time");

    writeFileSync(first.jars[1]!, "truncated");
    const third = await ensureDeltaJars({ dir, repository: repo.url, artifacts: ARTIFACTS });
    t.true(third.downloaded, "a damaged jar is fetched again");
    t.deepEqual(readFileSync(first.jars[1]!), JAR_B);
    t.deepEqual(repo.requests.slice(4), ["/maven2/io/example/b/1.0.0/b-1.0.0.jar.sha1", "/maven2/io/example/b/1.0.0/b-1.0.0.jar"]);
  } finally {
    repo.server.close();
  }
});

test("a jar that does not match the checksum is refused and not cached", async (t) => {
  const repo = await repository(served({ "a_2.13": JAR_A, b: Buffer.from("something else") }));
  try {
    const dir = fresh();
    const err = await t.throwsAsync(ensureDeltaJars({ dir, repository: repo.url, artifacts: ARTIFACTS }), { instanceOf: LocalServerError });
    t.regex(err.message, /b-1\.0\.0\.jar is damaged or not the expected release/);
    t.true(err.message.includes(ARTIFACTS[1]!.sha1));
    t.true(existsSync(join(dir, "a_2.13-1.0.0.jar")), "the good one is kept");
    t.false(existsSync(join(dir, "b-1.0.0.jar")));
    t.deepEqual(readdirSync(dir).filter((f) => f.includes(".downloading-")), []);
  } finally {
    repo.server.close();
  }
});

test("an unreachable repository fails with what to download, from where, and into which directory", async (t) => {
  const port = await freePort(); // nothing listens there
  const dir = fresh();
  const repo = `http://127.0.0.1:${port}/maven2`;
  const err = await t.throwsAsync(ensureDeltaJars({ dir, repository: repo, artifacts: ARTIFACTS }), { instanceOf: LocalServerError });
  t.regex(err.message, /A local server with Delta Lake needs io\.example:a_2\.13:1\.0\.0/);
  t.regex(err.message, /could not be downloaded \(.*ECONNREFUSED/);
  for (const a of ARTIFACTS) t.true(err.message.includes(artifactUrl(repo, a)), a.artifact);
  t.true(err.message.includes(`into ${dir}`));
  t.regex(err.message, /mvn dependency:copy -Dartifact=io\.example:a_2\.13:1\.0\.0/);
  t.regex(err.message, /SPARK_CONNECT_TS_MAVEN_REPO/);

  // A jar put there by hand, with the right checksum, needs no repository.
  writeFileSync(join(dir, "a_2.13-1.0.0.jar"), JAR_A);
  writeFileSync(join(dir, "b-1.0.0.jar"), JAR_B);
  const found = await ensureDeltaJars({ dir, repository: repo, artifacts: ARTIFACTS });
  t.false(found.downloaded);
});

test("SPARK_CONNECT_TS_MAVEN_REPO names the repository", async (t) => {
  const repo = await repository(served({ "a_2.13": JAR_A, b: JAR_B }));
  try {
    const r = await ensureDeltaJars({ dir: fresh(), env: { SPARK_CONNECT_TS_MAVEN_REPO: repo.url }, artifacts: ARTIFACTS });
    t.true(r.downloaded);
    t.is(repo.requests.length, 4);
  } finally {
    repo.server.close();
  }
});

test("deltaConf puts the jars and Delta's extension beside the caller's settings", (t) => {
  t.deepEqual(deltaConf(["/j/a.jar", "/j/b.jar"]), { ...DELTA_CONF, "spark.jars": "/j/a.jar,/j/b.jar" });
  const merged = deltaConf(["/j/a.jar"], {
    "spark.jars": "/mine.jar",
    "spark.sql.extensions": "com.example.Ext",
    "spark.sql.ansi.enabled": "false",
  });
  t.is(merged["spark.jars"], "/j/a.jar,/mine.jar");
  t.is(merged["spark.sql.extensions"], "io.delta.sql.DeltaSparkSessionExtension,com.example.Ext");
  t.is(merged["spark.sql.catalog.spark_catalog"], "org.apache.spark.sql.delta.catalog.DeltaCatalog");
  t.is(merged["spark.sql.ansi.enabled"], "false");
  const again = deltaConf([], { "spark.sql.extensions": "com.example.Ext, io.delta.sql.DeltaSparkSessionExtension" });
  t.is(again["spark.sql.extensions"], "com.example.Ext, io.delta.sql.DeltaSparkSessionExtension", "not named twice");
});
