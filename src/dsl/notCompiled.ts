import { InvalidPlanError } from "../../runtime/errors.js";

/**
 * Thrown by every DSL function that runs without having been rewritten at compile
 * time: the build did not run the spark-connect-ts transformer.
 */
export function notCompiled(name: string): never {
  throw new InvalidPlanError({
    message:
      `${name}() ran without being compiled by the spark-connect-ts transformer. DSL lambdas are rewritten at ` +
      `build time by ts-patch: build with \`tspc\` and add { "transform": "spark-connect-ts/transformer" } to ` +
      `compilerOptions.plugins in tsconfig.json. Tools that skip TypeScript transformers (tsx, esbuild, vitest, ` +
      `babel, swc) cannot compile DSL code.`,
  });
}
