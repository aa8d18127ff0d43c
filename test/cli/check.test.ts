// `spark-connect-ts check` reports the same diagnostics as the compiler, without emitting.
import test from "ava";
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const cli = (...args: string[]) => spawnSync(process.execPath, ["bin/spark-connect-ts.js", ...args], { encoding: "utf8" });

test("check finds every DSL error of the fixtures and exits 1", (t) => {
  const r = cli("check", "-p", "test/dsl/tsconfig.json", "--dsl-only");
  t.is(r.status, 1);
  t.regex(r.stdout, /test\/dsl\/err\/free-variable\.ts\(4,49\): error TS91001: Cannot use runtime value `min`/);
  t.notRegex(r.stdout, /test\/dsl\/ok\//);
  const expected = readdirSync("test/dsl/err")
    .filter((f) => f.endsWith(".expected.txt"))
    .reduce((n, f) => n + readFileSync(join("test/dsl/err", f), "utf8").trim().split("\n").length, 0);
  t.true(r.stdout.includes(`spark-connect-ts check: ${expected} error(s).`), "as many errors as the fixture baselines list");
});

test("check without arguments explains its usage", (t) => {
  const r = cli();
  t.is(r.status, 2);
  t.regex(r.stdout, /Usage: spark-connect-ts check/);
});
