// `spark-connect-ts check`: the DSL analysis (and, unless --dsl-only, TypeScript's own
// type check) over a project, without emitting. For editors, noEmit builds and CI.
import ts from "typescript";
import type * as TS from "typescript";
import { dslDiagnostics } from "./languageService.js";

// The default import and the namespace type describe the same module object.
const tsn = ts as unknown as typeof TS;

/** Checks the project of a tsconfig.json; returns the diagnostics found. */
export function checkProject(configPath: string, dslOnly: boolean): readonly ts.Diagnostic[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    },
  });
  if (parsed === undefined) throw new Error(`Cannot read ${configPath}`);
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: { ...parsed.options, noEmit: true } });
  const out: ts.Diagnostic[] = dslOnly ? [] : [...ts.getPreEmitDiagnostics(program)];
  for (const file of program.getSourceFiles()) {
    if (file.isDeclarationFile || program.isSourceFileFromExternalLibrary(file)) continue;
    out.push(...dslDiagnostics(tsn, program, file));
  }
  return out;
}

const USAGE = `Usage: spark-connect-ts check [-p tsconfig.json] [--dsl-only]

Checks the query lambdas of a TypeScript project (and its types, unless --dsl-only)
without emitting anything. Exits with 1 when there are errors.`;

/** The command line entry point. */
export function main(argv: readonly string[]): number {
  const [command, ...rest] = argv;
  if (command !== "check" || rest.includes("--help") || rest.includes("-h")) {
    console.log(USAGE);
    return command === "check" || command === "--help" || command === "-h" ? 0 : 2;
  }
  const p = rest.indexOf("-p") >= 0 ? rest.indexOf("-p") : rest.indexOf("--project");
  const config = p >= 0 ? rest[p + 1] : ts.findConfigFile(process.cwd(), ts.sys.fileExists);
  if (!config) {
    console.error("No tsconfig.json found; pass one with -p path/to/tsconfig.json.");
    return 2;
  }
  const diagnostics = checkProject(config, rest.includes("--dsl-only"));
  const host: ts.FormatDiagnosticsHost = {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => process.cwd(),
    getNewLine: () => "\n",
  };
  if (diagnostics.length > 0) process.stdout.write(ts.formatDiagnostics(diagnostics, host));
  const errors = diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error).length;
  console.log(errors === 0 ? "spark-connect-ts check: no problems found." : `spark-connect-ts check: ${errors} error(s).`);
  return errors === 0 ? 0 : 1;
}
