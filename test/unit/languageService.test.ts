// The editor plugin adds the DSL's diagnostics to a LanguageService's semantic diagnostics.
import test from "ava";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import ts from "typescript";
import type * as TS from "typescript";

const require = createRequire(import.meta.url);
const init = require("../../transformer/tsserverPlugin.cjs") as (m: { typescript: typeof TS }) => {
  create(info: { languageService: TS.LanguageService }): TS.LanguageService;
};

function languageService(files: string[]): TS.LanguageService {
  const options: TS.CompilerOptions = {
    target: ts.ScriptTarget.ES2023,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    skipLibCheck: true,
    types: ["node"],
  };
  const host: TS.LanguageServiceHost = {
    getCompilationSettings: () => options,
    getScriptFileNames: () => files,
    getScriptVersion: () => "1",
    getScriptSnapshot: (f) => (ts.sys.fileExists(f) ? ts.ScriptSnapshot.fromString(readFileSync(f, "utf8")) : undefined),
    getCurrentDirectory: () => process.cwd(),
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: ts.sys.fileExists,
    readFile: ts.sys.readFile,
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  return ts.createLanguageService(host);
}

test("the tsserver plugin reports DSL errors as semantic diagnostics, at the offending node", (t) => {
  const bad = resolve("test/dsl/err/free-variable.ts");
  const good = resolve("test/dsl/ok/where-pin.ts");
  const plugin = init({ typescript: ts as unknown as typeof TS }).create({ languageService: languageService([bad, good]) });
  const diagnostics = plugin.getSemanticDiagnostics(bad);
  const dsl = diagnostics.filter((d) => d.code === 91001);
  t.is(dsl.length, 1);
  t.regex(ts.flattenDiagnosticMessageText(dsl[0]!.messageText, "\n"), /Wrap it in pin\(\): `e\.amount > pin\(min\)`/);
  t.is(readFileSync(bad, "utf8").slice(dsl[0]!.start!, dsl[0]!.start! + dsl[0]!.length!), "min");
  t.deepEqual(plugin.getSemanticDiagnostics(good).filter((d) => d.code >= 91000), []);
});
