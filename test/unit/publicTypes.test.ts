// The published declaration files are the public API: they must not carry the runtime's
// handles or anything marked @internal. Starting from the `types` file of every entry in
// package.json's `exports`, this follows the relative imports and re-exports of the
// built .d.ts files transitively and checks every file reached:
//   - no `@internal` left in it (tsconfig.json has stripInternal, which drops what it can);
//   - no exported class with a public member named core, ctx, session, plan, rowDefaults
//     or transport;
//   - no declaration of, or reference to, the runtime types CallContext, Transport,
//     Session (the runtime session interface of runtime/Session.ts, not SparkSession)
//     or grpc-js's Client.
// Failures name the .d.ts file and line and how the file is reached from an entry point.
// Reads dist/, so it runs after the build, like every test; it needs no server.
import test from "ava";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import type * as TS from "typescript";

const root = process.cwd();

const HANDLE_MEMBERS = new Set(["core", "ctx", "session", "plan", "rowDefaults", "transport"]);
const GRPC = "@grpc/grpc-js";
const RUNTIME_SESSION = resolve(root, "dist/runtime/Session.d.ts");

interface Offence {
  readonly file: string; // absolute path of the .d.ts
  readonly line: number; // 1-based
  readonly what: string;
}

// ---------------------------------------------------------------------------------------
// The reachable declaration files.

interface DeclFile {
  readonly path: string;
  readonly source: TS.SourceFile;
  readonly from: string | undefined; // the file whose import reached this one first
  readonly entry: string; // the exports key that reached it first
}

/** The .d.ts file a relative module specifier of a .d.ts file names, if it exists. */
function resolveRelative(fromFile: string, specifier: string): string | undefined {
  const base = resolve(dirname(fromFile), specifier);
  const candidates = [
    base.replace(/\.js$/, ".d.ts"),
    base.replace(/\.mjs$/, ".d.mts"),
    base.replace(/\.cjs$/, ".d.cts"),
    base.endsWith(".d.ts") ? base : `${base}.d.ts`,
    join(base, "index.d.ts"),
  ];
  return candidates.find((c) => /\.d\.[mc]?ts$/.test(c) && existsSync(c));
}

const isRelative = (specifier: string) => specifier.startsWith("./") || specifier.startsWith("../");

/** Every module specifier a declaration file names: imports, re-exports, import("...") types. */
function moduleSpecifiers(source: TS.SourceFile): string[] {
  const out: string[] = [];
  const visit = (node: TS.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      out.push(node.moduleSpecifier.text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      out.push(node.argument.literal.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const e = node.moduleReference.expression;
      if (ts.isStringLiteral(e)) out.push(e.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  exports: Record<string, string | { types?: string }>;
};
const entries = Object.entries(pkg.exports).flatMap(([key, value]) =>
  typeof value === "object" && value.types ? [{ key, types: resolve(root, value.types) }] : [],
);

const files = new Map<string, DeclFile>();
const missing: string[] = [];
for (const { key, types } of entries) {
  if (!existsSync(types)) {
    missing.push(`${key}: ${rel(types)} does not exist (run npm run build)`);
    continue;
  }
  const queue: Array<{ path: string; from: string | undefined }> = [{ path: types, from: undefined }];
  while (queue.length > 0) {
    const { path, from } = queue.shift()!;
    if (files.has(path)) continue;
    const source = ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.Latest, true);
    files.set(path, { path, source, from, entry: key });
    for (const specifier of moduleSpecifiers(source)) {
      if (!isRelative(specifier)) continue;
      const target = resolveRelative(path, specifier);
      if (target === undefined) missing.push(`${rel(path)}: cannot find the declarations of "${specifier}"`);
      else if (!files.has(target)) queue.push({ path: target, from: path });
    }
  }
}

function rel(path: string): string {
  return relative(root, path);
}

function lineOf(source: TS.SourceFile, node: TS.Node): number {
  return source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
}

/** How a file is reached: `"./effect": dist/src/effect.d.ts → dist/runtime/Session.d.ts`. */
function chain(path: string): string {
  const steps: string[] = [];
  let at: string | undefined = path;
  while (at !== undefined && steps.length < 50) {
    steps.unshift(rel(at));
    at = files.get(at)?.from;
  }
  return `"${files.get(path)?.entry}": ${steps.join(" → ")}`;
}

function report(offences: Offence[]): string {
  const byFile = new Map<string, Offence[]>();
  for (const o of offences) byFile.set(o.file, [...(byFile.get(o.file) ?? []), o]);
  const parts: string[] = [];
  for (const [file, list] of byFile) {
    parts.push(`reached from ${chain(file)}`);
    const lines = files.get(file)!.source.text.split("\n");
    for (const o of list.sort((a, b) => a.line - b.line)) {
      parts.push(`  ${rel(file)}:${o.line}: ${o.what}  |  ${(lines[o.line - 1] ?? "").trim()}`);
    }
  }
  return parts.join("\n");
}

// ---------------------------------------------------------------------------------------
// Where a name comes from: imports and re-exports are followed to the declaring file.

/** A declaration's origin: a reachable .d.ts file and the name declared there, or a package and an export name. */
type Origin = { readonly file: string; readonly name: string } | { readonly module: string; readonly name: string };

function hasExportModifier(node: TS.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/** Top-level declared names of a file (interfaces, classes, type aliases, enums, functions, variables, namespaces). */
function declaredNames(source: TS.SourceFile, exportedOnly: boolean): Set<string> {
  const names = new Set<string>();
  for (const s of source.statements) {
    if (exportedOnly && !hasExportModifier(s)) continue;
    if (
      (ts.isInterfaceDeclaration(s) || ts.isClassDeclaration(s) || ts.isTypeAliasDeclaration(s) || ts.isEnumDeclaration(s) || ts.isFunctionDeclaration(s)) &&
      s.name
    ) {
      names.add(s.name.text);
    } else if (ts.isModuleDeclaration(s) && ts.isIdentifier(s.name)) {
      names.add(s.name.text);
    } else if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) if (ts.isIdentifier(d.name)) names.add(d.name.text);
    }
  }
  return names;
}

interface Binding {
  readonly specifier: string;
  readonly name: string | "*"; // the imported name; "*" for a namespace import
}

/** The import bindings of a file: local name → module specifier and imported name. */
function importBindings(source: TS.SourceFile): Map<string, Binding> {
  const out = new Map<string, Binding>();
  for (const s of source.statements) {
    if (ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier) && s.importClause) {
      const specifier = s.moduleSpecifier.text;
      const clause = s.importClause;
      if (clause.name) out.set(clause.name.text, { specifier, name: "default" });
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) out.set(bindings.name.text, { specifier, name: "*" });
      if (bindings && ts.isNamedImports(bindings)) {
        for (const e of bindings.elements) out.set(e.name.text, { specifier, name: (e.propertyName ?? e.name).text });
      }
    } else if (ts.isImportEqualsDeclaration(s) && ts.isExternalModuleReference(s.moduleReference) && ts.isStringLiteral(s.moduleReference.expression)) {
      out.set(s.name.text, { specifier: s.moduleReference.expression.text, name: "*" });
    }
  }
  return out;
}

const bindingsOf = new Map<string, Map<string, Binding>>();
const declaredOf = new Map<string, Set<string>>();
const exportedOf = new Map<string, Set<string>>();
function bindings(path: string): Map<string, Binding> {
  if (!bindingsOf.has(path)) bindingsOf.set(path, importBindings(files.get(path)!.source));
  return bindingsOf.get(path)!;
}
function declared(path: string): Set<string> {
  if (!declaredOf.has(path)) declaredOf.set(path, declaredNames(files.get(path)!.source, false));
  return declaredOf.get(path)!;
}
function exportedDeclared(path: string): Set<string> {
  if (!exportedOf.has(path)) exportedOf.set(path, declaredNames(files.get(path)!.source, true));
  return exportedOf.get(path)!;
}

/** Where `name` of module `specifier` (as written in `fromFile`) is declared. */
function originOfImport(fromFile: string, specifier: string, name: string, depth: number): Origin | undefined {
  if (!isRelative(specifier)) return { module: specifier, name };
  const target = resolveRelative(fromFile, specifier);
  return target !== undefined && files.has(target) ? originOfExport(target, name, depth + 1) : undefined;
}

/** Where the export `name` of a reachable file is declared. */
function originOfExport(path: string, name: string, depth: number): Origin | undefined {
  if (depth > 30) return undefined;
  const source = files.get(path)!.source;
  for (const s of source.statements) {
    if (!ts.isExportDeclaration(s)) continue;
    const specifier = s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier) ? s.moduleSpecifier.text : undefined;
    if (s.exportClause && ts.isNamedExports(s.exportClause)) {
      for (const e of s.exportClause.elements) {
        if (e.name.text !== name) continue;
        const local = (e.propertyName ?? e.name).text;
        return specifier !== undefined ? originOfImport(path, specifier, local, depth) : originOfLocal(path, local, depth);
      }
    } else if (s.exportClause && ts.isNamespaceExport(s.exportClause)) {
      if (s.exportClause.name.text === name && specifier !== undefined) return { file: path, name };
    } else if (specifier !== undefined) {
      const found = originOfImport(path, specifier, name, depth);
      if (found !== undefined) return found;
    }
  }
  return exportedDeclared(path).has(name) ? { file: path, name } : undefined;
}

/** Where a name used in a reachable file is declared: the file itself, or what it imports. */
function originOfLocal(path: string, name: string, depth: number): Origin | undefined {
  if (declared(path).has(name)) return { file: path, name };
  const b = bindings(path).get(name);
  if (b === undefined || b.name === "*") return undefined;
  return originOfImport(path, b.specifier, b.name, depth);
}

/** The forbidden runtime type an origin is, if it is one. */
function runtimeType(origin: Origin | undefined): string | undefined {
  if (origin === undefined) return undefined;
  if ("module" in origin) return origin.module === GRPC && origin.name === "Client" ? "grpc.Client" : undefined;
  if (origin.name === "CallContext" || origin.name === "Transport") return origin.name;
  if (origin.name === "Session" && origin.file === RUNTIME_SESSION) return "Session (runtime/Session.ts)";
  return undefined;
}

/** The forbidden runtime type an entity name (`Session`, `grpc.Client`, `ns.Transport`) refers to in a file. */
function referencedRuntimeType(path: string, name: TS.EntityName | TS.Expression): string | undefined {
  if (ts.isIdentifier(name)) return runtimeType(originOfLocal(path, name.text, 0));
  const left = ts.isQualifiedName(name) ? name.left : ts.isPropertyAccessExpression(name) ? name.expression : undefined;
  const right = ts.isQualifiedName(name) ? name.right : ts.isPropertyAccessExpression(name) ? name.name : undefined;
  if (left === undefined || right === undefined || !ts.isIdentifier(left) || !ts.isIdentifier(right)) return undefined;
  const b = bindings(path).get(left.text);
  if (b === undefined || b.name !== "*") return undefined;
  return runtimeType(originOfImport(path, b.specifier, right.text, 0));
}

// ---------------------------------------------------------------------------------------
// The checks.

function internalTags(): Offence[] {
  const out: Offence[] = [];
  for (const { path, source } of files.values()) {
    source.text.split("\n").forEach((text, i) => {
      if (text.includes("@internal")) out.push({ file: path, line: i + 1, what: "@internal left in" });
    });
  }
  return out;
}

function exportedClasses(source: TS.SourceFile): TS.ClassDeclaration[] {
  const exportedNames = new Set<string>();
  for (const s of source.statements) {
    if (ts.isExportDeclaration(s) && !s.moduleSpecifier && s.exportClause && ts.isNamedExports(s.exportClause)) {
      for (const e of s.exportClause.elements) exportedNames.add((e.propertyName ?? e.name).text);
    }
    if (ts.isExportAssignment(s) && ts.isIdentifier(s.expression)) exportedNames.add(s.expression.text);
  }
  return source.statements.filter(
    (s): s is TS.ClassDeclaration => ts.isClassDeclaration(s) && (hasExportModifier(s) || (s.name !== undefined && exportedNames.has(s.name.text))),
  );
}

function memberName(name: TS.PropertyName | TS.BindingName | undefined): string | undefined {
  if (name === undefined) return undefined;
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  if (ts.isComputedPropertyName(name) && ts.isStringLiteral(name.expression)) return name.expression.text;
  return undefined; // #private names and other computed names are not public members by these names
}

function isPublic(node: TS.Node): boolean {
  const mods = ts.canHaveModifiers(node) ? (ts.getModifiers(node) ?? []) : [];
  return !mods.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword);
}

function handleMembers(): Offence[] {
  const out: Offence[] = [];
  for (const { path, source } of files.values()) {
    for (const cls of exportedClasses(source)) {
      const className = cls.name?.text ?? "default";
      const check = (node: TS.Node, name: string | undefined) => {
        if (name !== undefined && HANDLE_MEMBERS.has(name) && isPublic(node)) {
          out.push({ file: path, line: lineOf(source, node), what: `class ${className} has the public member "${name}"` });
        }
      };
      for (const member of cls.members) {
        if (ts.isConstructorDeclaration(member)) {
          // Parameter properties, should a declaration file ever keep them.
          for (const p of member.parameters) if (ts.isParameterPropertyDeclaration(p, member)) check(p, memberName(p.name));
        } else {
          check(member, memberName(member.name));
        }
      }
    }
  }
  return out;
}

function runtimeTypes(): Offence[] {
  const out: Offence[] = [];
  for (const { path, source } of files.values()) {
    const seen = new Set<string>();
    const add = (node: TS.Node, what: string) => {
      const line = lineOf(source, node);
      const key = `${line}:${what}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push({ file: path, line, what });
      }
    };
    const visit = (node: TS.Node): void => {
      if (
        (ts.isInterfaceDeclaration(node) || ts.isClassDeclaration(node) || ts.isTypeAliasDeclaration(node) || ts.isEnumDeclaration(node)) &&
        node.name !== undefined &&
        node.parent === source
      ) {
        const type = runtimeType({ file: path, name: node.name.text });
        if (type !== undefined) add(node.name, `declares ${type}`);
      } else if (ts.isTypeReferenceNode(node)) {
        const type = referencedRuntimeType(path, node.typeName);
        if (type !== undefined) add(node, `refers to ${type}`);
      } else if (ts.isExpressionWithTypeArguments(node)) {
        const type = referencedRuntimeType(path, node.expression);
        if (type !== undefined) add(node, `extends or implements ${type}`);
      } else if (ts.isTypeQueryNode(node)) {
        const type = referencedRuntimeType(path, node.exprName);
        if (type !== undefined) add(node, `refers to ${type}`);
      } else if (ts.isImportTypeNode(node) && node.qualifier !== undefined && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
        const last = ts.isIdentifier(node.qualifier) ? node.qualifier : node.qualifier.right;
        const type = runtimeType(originOfImport(path, node.argument.literal.text, last.text, 0));
        if (type !== undefined) add(node, `refers to ${type}`);
      } else if (ts.isExportSpecifier(node)) {
        const decl = node.parent.parent;
        const specifier = decl.moduleSpecifier && ts.isStringLiteral(decl.moduleSpecifier) ? decl.moduleSpecifier.text : undefined;
        const local = (node.propertyName ?? node.name).text;
        const type = runtimeType(specifier !== undefined ? originOfImport(path, specifier, local, 0) : originOfLocal(path, local, 0));
        if (type !== undefined) add(node, `re-exports ${type}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return out;
}

// ---------------------------------------------------------------------------------------

test("every exports entry's types file exists and its relative imports resolve", (t) => {
  t.true(entries.length > 0, "package.json exports has no entry with a types file");
  t.deepEqual(missing, []);
  t.log(`${files.size} declaration files reachable from ${entries.map((e) => `"${e.key}"`).join(", ")}`);
});

test("no @internal left in the published declarations", (t) => {
  const offences = internalTags();
  t.is(offences.length, 0, `@internal in published declarations:\n${report(offences)}`);
});

test("no exported class has a public core, ctx, session, plan, rowDefaults or transport member", (t) => {
  const offences = handleMembers();
  t.is(offences.length, 0, `runtime handles on exported classes:\n${report(offences)}`);
});

test("the published declarations do not expose CallContext, Transport, the runtime Session or grpc.Client", (t) => {
  const offences = runtimeTypes();
  t.is(offences.length, 0, `runtime types in published declarations:\n${report(offences)}`);
});
