// Can users name every type our public functions take or return? For each function, class and
// constant exported from src/index.ts, every core type referenced by a parameter, a return type, a
// public class member or a heritage clause must itself be exported from src/index.ts.
//
//   node scripts/check-public-types.ts        (pnpm check:exports)
//
// Exits 0 when every such type is public, 1 with the list of missing ones otherwise.

import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const packageDirectory = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const sourceDirectory = join(packageDirectory, 'src/');
const config = ts.readConfigFile(join(packageDirectory, 'tsconfig.json'), ts.sys.readFile);
const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, packageDirectory);
const program = ts.createProgram(parsed.fileNames, parsed.options);
const checker = program.getTypeChecker();
const entry = program.getSourceFile(join(sourceDirectory, 'index.ts'));
const entrySymbol = entry && checker.getSymbolAtLocation(entry);
if (entrySymbol === undefined) {
  process.stderr.write('check-public-types: cannot read src/index.ts\n');
  process.exit(2);
}

const resolveAlias = (symbol: ts.Symbol): ts.Symbol =>
  symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
const exported = checker.getExportsOfModule(entrySymbol);
const publicSymbols = new Set(exported.map(resolveAlias));
/** Missing type name (file) → the exports whose signatures use it. */
const missing = new Map<string, Set<string>>();

function visit(node: ts.Node, owner: string): void {
  const name = ts.isTypeReferenceNode(node)
    ? node.typeName
    : ts.isExpressionWithTypeArguments(node)
      ? node.expression
      : ts.isTypeQueryNode(node)
        ? node.exprName
        : undefined;
  const symbol = name && checker.getSymbolAtLocation(name);
  if (symbol !== undefined) {
    const target = resolveAlias(symbol);
    const file = target.declarations?.[0]?.getSourceFile().fileName ?? '';
    const isTypeParameter = (target.flags & ts.SymbolFlags.TypeParameter) !== 0;
    if (file.startsWith(sourceDirectory) && !isTypeParameter && !publicSymbols.has(target)) {
      const key = `${target.name} (src/${file.slice(sourceDirectory.length)})`;
      const owners = missing.get(key) ?? new Set<string>();
      owners.add(owner);
      missing.set(key, owners);
    }
  }
  ts.forEachChild(node, (child) => visit(child, owner));
}

function visitSignature(declaration: ts.SignatureDeclaration, owner: string): void {
  for (const parameter of declaration.parameters) if (parameter.type) visit(parameter.type, owner);
  if (declaration.type) visit(declaration.type, owner);
}

for (const symbol of exported) {
  for (const declaration of resolveAlias(symbol).declarations ?? []) {
    if (ts.isFunctionDeclaration(declaration)) visitSignature(declaration, symbol.name);
    else if (ts.isVariableDeclaration(declaration) && declaration.type) visit(declaration.type, symbol.name);
    else if (ts.isClassDeclaration(declaration)) {
      for (const clause of declaration.heritageClauses ?? []) visit(clause, symbol.name);
      for (const member of declaration.members) {
        const hidden = ts.ModifierFlags.Private | ts.ModifierFlags.Protected;
        if (ts.getCombinedModifierFlags(member as ts.Declaration) & hidden) continue;
        if (member.name && ts.isPrivateIdentifier(member.name)) continue;
        if (ts.isMethodDeclaration(member) || ts.isConstructorDeclaration(member)) {
          visitSignature(member, symbol.name);
        } else if (
          (ts.isPropertyDeclaration(member) || ts.isGetAccessorDeclaration(member)) &&
          member.type !== undefined
        ) {
          visit(member.type, symbol.name);
        }
      }
    }
  }
}

if (missing.size === 0) {
  process.stdout.write(`check-public-types: ${exported.length} exports; every type they use is public.\n`);
  process.exit(0);
}
process.stdout.write(
  'check-public-types: types used by public signatures but not exported from src/index.ts:\n',
);
for (const [type, owners] of [...missing].sort()) {
  process.stdout.write(`- ${type}, used by ${[...owners].join(', ')}\n`);
}
process.exit(1);
