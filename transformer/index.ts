// The ts-patch source transformer of the query DSL, registered in tsconfig.json's
// "plugins" as { "transform": "spark-connect-ts/transformer" }. For each call whose
// resolved signature carries a @sparkDsl lambda tag, it analyses the lambda argument:
// translatable lambdas are replaced by their compiled form; the rest are reported as
// errors at the smallest offending node.
import type * as TS from "typescript";
import type { PluginConfig, TransformerExtras } from "ts-patch";
import { analyzeLambda } from "./analyze.js";
import { Code, type DslProblem, Message } from "./diagnostics.js";
import { dslTagOfCall, isForwardedLambda, isInQueryLambda, markerExample, castLambdaArg } from "./recognize.js";
import { compiledLambda } from "./rewrite.js";

/** A problem as a TypeScript diagnostic of `file`. */
export function toDiagnostic(ts: typeof TS, file: TS.SourceFile, p: DslProblem): TS.Diagnostic {
  const start = p.node.getStart();
  return {
    file,
    start,
    length: p.node.getEnd() - start,
    messageText: p.message,
    category: ts.DiagnosticCategory.Error,
    code: p.code,
  };
}

/**
 * Visits a source file's DSL calls: `onProblems` receives what cannot be translated;
 * the returned file has the translatable lambdas compiled.
 */
export function transformFile(
  ts: typeof TS,
  checker: TS.TypeChecker,
  context: TS.TransformationContext,
  sourceFile: TS.SourceFile,
  onProblems: (problems: readonly DslProblem[]) => void,
): TS.SourceFile {
  const f = context.factory;
  const visit = (node: TS.Node): TS.Node => {
    if (ts.isCallExpression(node) && node.pos >= 0) {
      const tag = dslTagOfCall(ts, checker, node);
      if (tag !== undefined && tag.role !== "lambda" && !isInQueryLambda(ts, checker, node)) {
        const name = node.expression.getText();
        onProblems([{ code: Code.MarkerOutsideLambda, node, message: Message.markerOutsideLambda(name, markerExample(tag, name)) }]);
      }
      const cast = tag === undefined ? castLambdaArg(ts, checker, node) : undefined;
      if (cast !== undefined) onProblems([{ code: Code.NotInline, node: cast, message: Message.castLambda() }]);
      if (tag?.role === "lambda") {
        const arg = node.arguments[tag.argIndex];
        // A parameter already typed as a query lambda is forwarded as it is (it was compiled at its own call).
        if (arg !== undefined && !isForwardedLambda(ts, checker, arg)) {
          const analysis = analyzeLambda(ts, checker, arg, tag.kind);
          if (analysis.problems.length > 0 || analysis.body === undefined) {
            onProblems(analysis.problems);
            // The lambda stays as written (it throws if it runs); its inside is not visited again.
            return f.updateCallExpression(node, ts.visitNode(node.expression, visit) as TS.Expression, node.typeArguments, node.arguments.map((a, i) => (i === tag.argIndex ? a : (ts.visitNode(a, visit) as TS.Expression))));
          } else {
            let compiled: TS.Expression;
            try {
              compiled = compiledLambda(ts, f, analysis.use, analysis.body, analysis.pins.map((p) => ts.visitNode(p, visit) as TS.Expression));
            } catch (e) {
              onProblems([{ code: Code.Internal, node: arg, message: Message.internal(e instanceof Error ? e.message : String(e)) }]);
              return ts.visitEachChild(node, visit, context);
            }
            const args = node.arguments.map((a, i) => (i === tag.argIndex ? compiled : (ts.visitNode(a, visit) as TS.Expression)));
            return f.updateCallExpression(node, ts.visitNode(node.expression, visit) as TS.Expression, node.typeArguments, args);
          }
        }
      }
    }
    return ts.visitEachChild(node, visit, context);
  };
  return ts.visitNode(sourceFile, visit) as TS.SourceFile;
}

export default function dslTransformer(
  program: TS.Program,
  _config: PluginConfig,
  extras: TransformerExtras,
): TS.TransformerFactory<TS.SourceFile> {
  const ts = extras.ts as unknown as typeof TS;
  const checker = program.getTypeChecker();
  return (context) => (sourceFile) => {
    if (sourceFile.isDeclarationFile) return sourceFile;
    return transformFile(ts, checker, context, sourceFile, (problems) => {
      for (const p of problems) extras.addDiagnostic(toDiagnostic(ts, sourceFile, p));
    });
  };
}
