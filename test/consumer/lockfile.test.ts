// The committed lock file is complete: installing from it changes nothing, so `npm ci`
// on a fresh clone installs exactly what was tested.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import test from "ava";

const ROOT = resolve(import.meta.dirname, "../../..");

test("npm install leaves package-lock.json unchanged", (t) => {
  t.timeout(180_000);
  const dir = mkdtempSync(join(tmpdir(), "spark-connect-ts-lock-"));
  try {
    for (const f of ["package.json", "package-lock.json"]) copyFileSync(join(ROOT, f), join(dir, f));
    const r = spawnSync("npm", ["install", "--package-lock-only", "--ignore-scripts", "--no-audit", "--no-fund"], { cwd: dir, encoding: "utf8", timeout: 170_000 });
    t.is(r.status, 0, `${r.stdout}${r.stderr}`);
    const before = readFileSync(join(ROOT, "package-lock.json"), "utf8");
    const after = readFileSync(join(dir, "package-lock.json"), "utf8");
    t.true(before === after, "npm install rewrote package-lock.json: run npm install and commit the lock file");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
