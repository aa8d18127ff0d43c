// `spark-connect-ts check`: the DSL analysis (and, unless --dsl-only, TypeScript's own
// type check) over a project, without emitting. For editors, noEmit builds and CI.
import ts from "typescript";
import type * as TS from "typescript";
import { join } from "node:path";
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

/** The usage of `spark-connect-ts check`. */
export const CHECK_USAGE = `Usage: spark-connect-ts check [-p <dir|tsconfig.json>] [--dsl-only]

Checks the query lambdas of a TypeScript project (and its types, unless --dsl-only)
without emitting anything. -p (or --project) names the project: a tsconfig.json, or a
directory holding one (default: the nearest tsconfig.json above the working directory).
Exits with 1 when there are errors, 2 when the project cannot be read.`;

/** The tsconfig.json that `-p` names: the file itself, or the tsconfig.json of a directory. */
export function resolveProject(p: string): string {
  return ts.sys.directoryExists(p) ? join(p, "tsconfig.json") : p;
}

/** `spark-connect-ts check [options]`: prints the diagnostics and returns the exit code. */
export function runCheck(args: readonly string[]): number {
  if (args.includes("--help") || args.includes("-h")) {
    console.log(CHECK_USAGE);
    return 0;
  }
  let project: string | undefined;
  let dslOnly = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "-p" || a === "--project") {
      project = args[++i];
      if (project === undefined) {
        console.error(`${a} needs a value: a tsconfig.json or a directory holding one.\n\n${CHECK_USAGE}`);
        return 2;
      }
    } else if (a.startsWith("--project=")) project = a.slice("--project=".length);
    else if (a === "--dsl-only") dslOnly = true;
    else {
      console.error(`Unknown ${a.startsWith("-") ? "option" : "argument"} '${a}'.\n\n${CHECK_USAGE}`);
      return 2;
    }
  }
  const config = project !== undefined ? resolveProject(project) : ts.findConfigFile(process.cwd(), ts.sys.fileExists);
  if (!config) {
    console.error("No tsconfig.json found here or above; pass one with -p path/to/tsconfig.json (or a directory holding one).");
    return 2;
  }
  if (!ts.sys.fileExists(config)) {
    console.error(`${config} does not exist; pass -p a tsconfig.json, or a directory holding one.`);
    return 2;
  }
  let diagnostics: readonly ts.Diagnostic[];
  try {
    diagnostics = checkProject(config, dslOnly);
  } catch (e) {
    console.error(`Cannot check ${config}: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
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

/** The former command line entry point: `main(["check", ...options])`. */
export function main(argv: readonly string[]): number {
  const [command, ...rest] = argv;
  if (command !== "check") {
    console.log(CHECK_USAGE);
    return command === "--help" || command === "-h" ? 0 : 2;
  }
  return runCheck(rest);
}
