// The library loads effect module by module ("effect/Effect", "effect/Stream", ...): the
// "effect" index loads every module of the package, about 8 MB more live heap in every
// process, which each major GC then marks again (on a 10M-row result that is ~20% more
// client CPU). This guards the shipped code against an index import creeping back in.
import test from "ava";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const DIST = fileURLToPath(new URL("../..", import.meta.url));

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? jsFiles(join(dir, e.name)) : e.name.endsWith(".js") ? [join(dir, e.name)] : [],
  );
}

test("the library's modules import effect per module, never the effect index", (t) => {
  const files = [...jsFiles(join(DIST, "runtime")), ...jsFiles(join(DIST, "src"))];
  t.true(files.length > 50, `found the compiled library under ${DIST}`);
  const offenders = files.filter((f) => /from\s*["']effect["']|import\(\s*["']effect["']\s*\)/.test(readFileSync(f, "utf8")));
  t.deepEqual(offenders, [], 'import * as Effect from "effect/Effect" (and so on) instead of from "effect"');
});
