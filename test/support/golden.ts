// Golden files: compared byte for byte; rewritten only when UPDATE_GOLDEN=1 is set.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { ExecutionContext } from "ava";

const root = join(process.cwd(), "test", "contract", "golden");

/** Asserts that `value` (as pretty JSON) equals the golden file `name`.json. */
export function matchGolden(t: ExecutionContext, name: string, value: unknown): void {
  const file = join(root, `${name}.json`);
  const text = JSON.stringify(value, null, 2) + "\n";
  if (process.env["UPDATE_GOLDEN"] === "1") {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    t.pass();
    return;
  }
  if (!existsSync(file)) {
    t.fail(`Golden file ${file} is missing; run the tests once with UPDATE_GOLDEN=1 and review it.`);
    return;
  }
  t.is(text, readFileSync(file, "utf8"), `differs from ${file}; if the change is intended, rerun with UPDATE_GOLDEN=1`);
}
