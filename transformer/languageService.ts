// The DSL diagnostics of a file, for `spark-connect-ts check` and for editors: a wrapped
// LanguageService whose getSemanticDiagnostics also reports them (loaded by tsserver
// through transformer/tsserverPlugin.cts).
import type * as TS from "typescript";
import { analyzeLambda } from "./analyze.js";
import { Code, Message } from "./diagnostics.js";
import { toDiagnostic } from "./index.js";
import { dslTagOfCall, isForwardedLambda, isInQueryLambda, markerExample, castLambdaArg } from "./recognize.js";

/** The DSL diagnostics of one file of a program. */
export function dslDiagnostics(ts: typeof TS, program: TS.Program, file: TS.SourceFile): TS.Diagnostic[] {
  const checker = program.getTypeChecker();
  const out: TS.Diagnostic[] = [];
  const visit = (node: TS.Node): void => {
    if (ts.isCallExpression(node)) {
      const tag = dslTagOfCall(ts, checker, node);
      if (tag !== undefined && tag.role !== "lambda" && !isInQueryLambda(ts, checker, node)) {
        const name = node.expression.getText();
        out.push(toDiagnostic(ts, file, { code: Code.MarkerOutsideLambda, node, message: Message.markerOutsideLambda(name, markerExample(tag, name)) }));
      }
      const cast = tag === undefined ? castLambdaArg(ts, checker, node) : undefined;
      if (cast !== undefined) out.push(toDiagnostic(ts, file, { code: Code.NotInline, node: cast, message: Message.castLambda() }));
      const arg = tag?.role === "lambda" ? node.arguments[tag.argIndex] : undefined;
      if (tag?.role === "lambda" && arg !== undefined && !isForwardedLambda(ts, checker, arg)) {
        for (const p of analyzeLambda(ts, checker, arg, tag.kind).problems) out.push(toDiagnostic(ts, file, p));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return out;
}

/** A LanguageService whose semantic diagnostics include the DSL's. */
export function decorate(ts: typeof TS, service: TS.LanguageService): TS.LanguageService {
  const proxy = Object.create(null) as TS.LanguageService;
  for (const k of Object.keys(service) as (keyof TS.LanguageService)[]) {
    const member = service[k];
    (proxy as unknown as Record<string, unknown>)[k] = typeof member === "function" ? member.bind(service) : member;
  }
  proxy.getSemanticDiagnostics = (fileName) => {
    const prior = service.getSemanticDiagnostics(fileName);
    const program = service.getProgram();
    const file = program?.getSourceFile(fileName);
    if (!program || !file || file.isDeclarationFile) return prior;
    return [...prior, ...dslDiagnostics(ts, program, file)];
  };
  return proxy;
}
