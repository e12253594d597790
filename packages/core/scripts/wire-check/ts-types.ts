// Reads our wire types through the TypeScript compiler API and describes each type as the JSON
// values it admits: primitives (with string literals), arrays (element types) and objects.

import ts from 'typescript';

export type TsMember =
  | { kind: 'any' }
  | { kind: 'undefined' }
  | { kind: 'null' }
  | { kind: 'boolean' }
  | { kind: 'number' }
  /** `literal` undefined: any string (`string`, `string & {}`, template literals). */
  | { kind: 'string'; literal: string | undefined }
  | { kind: 'array'; element: ts.Type }
  | { kind: 'object'; type: ts.Type };

export type TsProperty = { name: string; optional: boolean; type: ts.Type };

export class TsTypes {
  readonly checker: ts.TypeChecker;
  private readonly exported = new Map<string, ts.Type>();

  constructor(files: readonly string[], compilerOptions: ts.CompilerOptions) {
    const program = ts.createProgram(files, compilerOptions);
    this.checker = program.getTypeChecker();
    for (const file of files) {
      const source = program.getSourceFile(file);
      if (source === undefined) throw new Error(`Cannot load ${file}`);
      const moduleSymbol = this.checker.getSymbolAtLocation(source);
      if (moduleSymbol === undefined) continue;
      for (const symbol of this.checker.getExportsOfModule(moduleSymbol)) {
        const target = symbol.flags & ts.SymbolFlags.Alias ? this.checker.getAliasedSymbol(symbol) : symbol;
        if (target.flags & ts.SymbolFlags.TypeAlias) {
          this.exported.set(symbol.name, this.checker.getDeclaredTypeOfSymbol(target));
        }
      }
    }
  }

  /** An exported type alias by name. */
  named(name: string): ts.Type {
    const type = this.exported.get(name);
    if (type === undefined) throw new Error(`Wire type ${name} is not exported by the wire files`);
    return type;
  }

  hasNamed(name: string): boolean {
    return this.exported.has(name);
  }

  exportedNames(): string[] {
    return [...this.exported.keys()];
  }

  /** The JSON-level members of a type (unions flattened, `string & {}` treated as string). */
  members(type: ts.Type): TsMember[] {
    const flags = type.flags;
    if (flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return [{ kind: 'any' }];
    if (flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)) return [{ kind: 'undefined' }];
    if (flags & ts.TypeFlags.Never) return [];
    if (flags & ts.TypeFlags.Null) return [{ kind: 'null' }];
    if (flags & ts.TypeFlags.StringLiteral) {
      return [{ kind: 'string', literal: (type as ts.StringLiteralType).value }];
    }
    if (flags & (ts.TypeFlags.String | ts.TypeFlags.TemplateLiteral | ts.TypeFlags.StringMapping)) {
      return [{ kind: 'string', literal: undefined }];
    }
    if (flags & (ts.TypeFlags.Number | ts.TypeFlags.NumberLiteral)) return [{ kind: 'number' }];
    if (flags & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral)) return [{ kind: 'boolean' }];
    if (type.isUnion()) return dedupe(type.types.flatMap((member) => this.members(member)));
    if (type.isIntersection()) {
      const primitive = type.types.find(
        (member) =>
          member.flags & (ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BooleanLike),
      );
      if (primitive !== undefined) {
        // `string & {}` (Open<...>) is any string; a literal intersected with a brand stays that literal.
        return this.members(primitive);
      }
      return [{ kind: 'object', type }];
    }
    if (flags & ts.TypeFlags.Object) {
      if (this.checker.isArrayType(type)) {
        const [element] = this.checker.getTypeArguments(type as ts.TypeReference);
        return [{ kind: 'array', element: element ?? this.checker.getAnyType() }];
      }
      if (this.checker.isTupleType(type)) {
        return this.checker
          .getTypeArguments(type as ts.TypeReference)
          .map((element) => ({ kind: 'array' as const, element }));
      }
      return [{ kind: 'object', type }];
    }
    if (flags & ts.TypeFlags.NonPrimitive) return [{ kind: 'object', type }];
    return [{ kind: 'any' }];
  }

  /** Declared properties (index signatures excluded). */
  properties(type: ts.Type): TsProperty[] {
    return this.checker.getPropertiesOfType(type).map((symbol) => ({
      name: symbol.name,
      optional: (symbol.flags & ts.SymbolFlags.Optional) !== 0,
      type: this.checker.getTypeOfSymbol(symbol),
    }));
  }

  /** The value type of a string index signature (`Record<string, X>`, `& Extra`), if any. */
  indexValue(type: ts.Type): ts.Type | undefined {
    const info = this.checker
      .getIndexInfosOfType(type)
      .find((index) => index.keyType.flags & ts.TypeFlags.String);
    return info?.type;
  }

  /** The name of the `Wire*` alias a type was declared as, used to key allow-lists. */
  aliasName(type: ts.Type): string | undefined {
    const name = type.aliasSymbol?.name;
    return name?.startsWith('Wire') ? name : undefined;
  }

  print(type: ts.Type): string {
    return this.checker.typeToString(type, undefined, ts.TypeFormatFlags.NoTruncation);
  }
}

function dedupe(members: TsMember[]): TsMember[] {
  const seen = new Set<string>();
  return members.filter((member) => {
    if (member.kind === 'array' || member.kind === 'object') return true;
    const key = member.kind === 'string' ? `string:${member.literal ?? '*'}` : member.kind;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
