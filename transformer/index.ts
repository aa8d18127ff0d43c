// The ts-patch source transformer of the query DSL, registered in tsconfig.json's
// "plugins". It receives the Program (and so the type checker) and returns a
// TransformerFactory; files without DSL calls are returned unchanged.
import type * as ts from "typescript";
import type { PluginConfig, TransformerExtras } from "ts-patch";

export default function dslTransformer(
  _program: ts.Program,
  _config: PluginConfig,
  _extras: TransformerExtras,
): ts.TransformerFactory<ts.SourceFile> {
  return () => (sourceFile) => sourceFile;
}
