// Fixture baselines of the query DSL, compiled by the real tspc with the transformer:
// test/dsl/ok/*.ts must compile cleanly to the JavaScript in *.expected.js, and each
// test/dsl/err/*.ts must give exactly the diagnostics in *.expected.txt
// (`file(line,col): error TSnnnnn: message`). UPDATE_GOLDEN=1 rewrites the baselines.
import test from "ava";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = process.cwd();
const out = mkdtempSync(join(tmpdir(), "dsl-fixtures-"));
const run = spawnSync(
  process.execPath,
  [join(root, "node_modules/ts-patch/bin/tspc.js"), "-p", "test/dsl/tsconfig.json", "--outDir", out, "--pretty", "false"],
  { cwd: root, encoding: "utf8" },
);
const diagnostics = (run.stdout + run.stderr).split("\n").filter((l) => / error TS\d+: /.test(l));
test.after.always(() => rmSync(out, { recursive: true, force: true }));

const update = process.env["UPDATE_GOLDEN"] === "1";

function baseline(t: import("ava").ExecutionContext, file: string, actual: string): void {
  if (update) {
    writeFileSync(file, actual);
    t.pass();
  } else if (!existsSync(file)) {
    t.fail(`Baseline ${file} is missing; run the tests with UPDATE_GOLDEN=1 and review it.`);
  } else {
    t.is(actual, readFileSync(file, "utf8"), `differs from ${file}; if intended, rerun with UPDATE_GOLDEN=1`);
  }
}

const names = (dir: string) => readdirSync(join(root, "test/dsl", dir)).filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"));

for (const file of names("ok")) {
  test(`ok/${file} compiles without diagnostics to its baseline`, (t) => {
    t.deepEqual(diagnostics.filter((d) => d.includes(`test/dsl/ok/${file}`)), []);
    const emitted = readFileSync(join(out, "test/dsl/ok", file.replace(/\.ts$/, ".js")), "utf8");
    baseline(t, join(root, "test/dsl/ok", file.replace(/\.ts$/, ".expected.js")), emitted);
  });
}

for (const file of names("err")) {
  test(`err/${file} reports its diagnostics`, (t) => {
    const mine = diagnostics.filter((d) => d.startsWith(`test/dsl/err/${file}(`));
    t.true(mine.length > 0, "at least one diagnostic");
    t.true(mine.every((d) => / error TS91\d{3}: /.test(d)), "only DSL diagnostics (TS91xxx), no type errors");
    baseline(t, join(root, "test/dsl/err", file.replace(/\.ts$/, ".expected.txt")), mine.join("\n") + "\n");
  });
}

test("every diagnostic belongs to an err fixture", (t) => {
  t.deepEqual(diagnostics.filter((d) => !d.startsWith("test/dsl/err/")), []);
});
