// Compares one of our wire types with the spec schema it mirrors.
//
// Direction matters:
// - `request` types describe what we SEND: everything they allow must be allowed by the spec
//   (kinds, string literals, properties), and fields the spec requires must be required.
// - `response` types describe what we RECEIVE: everything the spec says may arrive must be
//   accepted (kinds incl. null, enum values, variants); being more tolerant is fine.
// In both directions every property we model must exist in the spec, and the spec's required
// properties must be modelled. Deliberate differences are listed, with reasons, in allowances.ts.

import type ts from 'typescript';
import {
  additionalPropertiesOf,
  type JsonKind,
  kindsOf,
  propertiesOf,
  requiredOf,
  type SchemaObject,
  type SpecDocument,
  stringValuesOf,
} from './spec-document.ts';
import type { TsMember, TsTypes } from './ts-types.ts';

export type Direction = 'request' | 'response';
export type Issue = { path: string; key: string; message: string };
export type AllowanceKind = 'extensions' | 'widenings' | 'narrowings' | 'omissions';
export type Allowances = Record<AllowanceKind, ReadonlyMap<string, string>>;

/** Property names that select a variant of a union (`type`, `role`, `id`, `object`). */
const discriminatorNames: ReadonlySet<string> = new Set(['type', 'role', 'id', 'object']);
const maxDepth = 24;

export class WireComparator {
  readonly issues: Issue[] = [];
  /** `kind:key` of every allowance that was needed. */
  readonly used: Set<string> = new Set();
  private readonly types: TsTypes;
  private readonly spec: SpecDocument;
  private readonly allowances: Allowances;

  constructor(types: TsTypes, spec: SpecDocument, allowances: Allowances) {
    this.types = types;
    this.spec = spec;
    this.allowances = allowances;
  }

  /** Compares `types` (read as one union) with `schema` (a spec schema, possibly a union). */
  compare(
    types: readonly ts.Type[],
    schema: unknown,
    path: string,
    key: string,
    direction: Direction,
    depth = 0,
  ): void {
    if (depth > maxDepth) return;
    const alternatives = this.spec.alternatives(schema);
    if (alternatives.some((alternative) => kindsOf(alternative) === 'any')) return;
    const members = types
      .flatMap((type) => this.types.members(type))
      .filter((member) => member.kind !== 'undefined');
    if (members.some((member) => member.kind === 'any')) return;

    const ourKinds = new Set(members.map((member) => member.kind as JsonKind));
    const specKinds = new Set<JsonKind>();
    for (const alternative of alternatives) {
      const kinds = kindsOf(alternative);
      if (kinds !== 'any') for (const kind of kinds) specKinds.add(kind);
    }

    if (direction === 'request') {
      const extra = [...ourKinds].filter((kind) => !specKinds.has(kind));
      if (extra.length > 0 && !this.allowed('widenings', key)) {
        this.report(path, key, `we may send ${list(extra)}, the spec allows only ${list([...specKinds])}`);
      }
    } else {
      const missing = [...specKinds].filter((kind) => !ourKinds.has(kind));
      if (missing.length > 0 && !this.allowed('narrowings', key)) {
        this.report(path, key, `the spec says ${list(missing)} may arrive, our type does not accept it`);
      }
    }

    if (ourKinds.has('string') && specKinds.has('string')) {
      this.compareStrings(members, alternatives, path, key, direction);
    }
    if (ourKinds.has('array') && specKinds.has('array')) {
      const elements = members.flatMap((member) => (member.kind === 'array' ? [member.element] : []));
      const items = alternatives
        .filter((alternative) => hasKind(alternative, 'array'))
        .map((a) => a.items ?? {});
      this.compare(elements, { anyOf: items }, `${path}[]`, `${key}[]`, direction, depth + 1);
    }
    if (ourKinds.has('object') && specKinds.has('object')) {
      const objects = members.flatMap((member) => (member.kind === 'object' ? [member.type] : []));
      const specObjects = alternatives.filter((alternative) => hasKind(alternative, 'object'));
      this.compareVariants(objects, specObjects, path, key, direction, depth);
    }
  }

  private compareStrings(
    members: readonly TsMember[],
    alternatives: readonly SchemaObject[],
    path: string,
    key: string,
    direction: Direction,
  ): void {
    const ourLiterals = members.flatMap((member) =>
      member.kind === 'string' && member.literal !== undefined ? [member.literal] : [],
    );
    const ourOpen = members.some((member) => member.kind === 'string' && member.literal === undefined);
    const specValues = new Set<string>();
    let specOpen = false;
    for (const alternative of alternatives) {
      const values = stringValuesOf(alternative);
      if (values === 'open') specOpen = true;
      else if (values !== undefined) for (const value of values) specValues.add(value);
    }
    if (direction === 'request') {
      // Open<...> (any string) is a deliberate widening for forward compatibility; the literals we
      // list must still be values the spec knows.
      if (specOpen) return;
      const unknown = ourLiterals.filter((literal) => !specValues.has(literal));
      if (unknown.length > 0 && !this.allowed('widenings', key)) {
        this.report(
          path,
          key,
          `we may send ${quoted(unknown)}, not in the spec's enum ${quoted([...specValues])}`,
        );
      }
      return;
    }
    if (ourOpen) return;
    if (specOpen) {
      if (!this.allowed('narrowings', key)) {
        this.report(path, key, `the spec allows any string, our type only ${quoted(ourLiterals)}`);
      }
      return;
    }
    const missing = [...specValues].filter((value) => !ourLiterals.includes(value));
    if (missing.length > 0 && !this.allowed('narrowings', key)) {
      this.report(
        path,
        key,
        `the spec's enum has ${quoted(missing)}, our type does not accept it (use Open<...>)`,
      );
    }
  }

  private compareVariants(
    objects: readonly ts.Type[],
    specObjects: readonly SchemaObject[],
    path: string,
    key: string,
    direction: Direction,
    depth: number,
  ): void {
    const matched = new Set<SchemaObject>();
    let catchAll = false;
    for (const object of objects) {
      if (specObjects.length > 1 && this.isCatchAll(object)) {
        catchAll = true;
        continue;
      }
      const match = this.pickVariant(object, specObjects, direction);
      if (match === undefined) {
        this.report(path, key, `no spec variant matches ${this.types.print(object)}`);
        continue;
      }
      matched.add(match.variant);
      this.compareObject(object, match.variant, `${path}${match.label}`, key, direction, depth);
    }
    if (direction === 'response' && !catchAll && specObjects.length > 1) {
      for (const variant of specObjects) {
        if (!matched.has(variant) && !this.allowed('narrowings', key)) {
          this.report(path, key, `spec variant ${describeVariant(variant)} is not accepted by our type`);
        }
      }
    }
  }

  /** A member such as `{ type: string } & Extra` that stands for "any other variant". */
  private isCatchAll(object: ts.Type): boolean {
    return this.types.properties(object).some((property) => {
      if (!discriminatorNames.has(property.name)) return false;
      return this.types
        .members(property.type)
        .some((member) => member.kind === 'string' && member.literal === undefined);
    });
  }

  private pickVariant(
    object: ts.Type,
    variants: readonly SchemaObject[],
    direction: Direction,
  ): { variant: SchemaObject; label: string } | undefined {
    const properties = this.types.properties(object);
    if (variants.length === 1) {
      const [only] = variants;
      return only === undefined ? undefined : { variant: only, label: '' };
    }
    let best: { variant: SchemaObject; label: string; score: number } | undefined;
    for (const variant of variants) {
      const specProperties = propertiesOf(variant);
      let score = 0;
      let label = '';
      let compatible = true;
      for (const property of properties) {
        if (!(property.name in specProperties)) continue;
        score += 1;
        if (!discriminatorNames.has(property.name)) continue;
        const literals = this.types
          .members(property.type)
          .flatMap((member) =>
            member.kind === 'string' && member.literal !== undefined ? [member.literal] : [],
          );
        if (literals.length === 0) continue;
        const values = new Set<string>();
        let open = false;
        for (const alternative of this.spec.alternatives(specProperties[property.name])) {
          const allowed = stringValuesOf(alternative);
          if (allowed === 'open') open = true;
          else if (allowed !== undefined) for (const value of allowed) values.add(value);
        }
        if (open) continue;
        const overlap = literals.filter((literal) => values.has(literal));
        const fits = direction === 'request' ? overlap.length === literals.length : overlap.length > 0;
        if (!fits) {
          compatible = false;
          break;
        }
        score += 100;
        label = `(${property.name}=${overlap.join('|')})`;
      }
      if (compatible && (best === undefined || score > best.score)) best = { variant, label, score };
    }
    return best;
  }

  private compareObject(
    object: ts.Type,
    variant: SchemaObject,
    path: string,
    parentKey: string,
    direction: Direction,
    depth: number,
  ): void {
    const key = this.types.aliasName(object) ?? parentKey;
    const properties = this.types.properties(object);
    const specProperties = propertiesOf(variant);
    const required = requiredOf(variant);
    const additional = additionalPropertiesOf(variant);

    if (properties.length === 0) {
      const indexValue = this.types.indexValue(object);
      if (indexValue !== undefined && typeof additional === 'object') {
        this.compare([indexValue], additional, `${path}{}`, `${key}{}`, direction, depth + 1);
      }
      return;
    }
    for (const property of properties) {
      const childPath = `${path}.${property.name}`;
      const childKey = `${key}.${property.name}`;
      if (property.name in specProperties) {
        if (direction === 'request' && required.has(property.name) && property.optional) {
          this.report(childPath, childKey, 'the spec requires it, our type makes it optional');
        }
        this.compare(
          [property.type],
          specProperties[property.name],
          childPath,
          childKey,
          direction,
          depth + 1,
        );
      } else if (additional === 'open' || typeof additional === 'object') {
        // The spec schema itself accepts extra keys (e.g. `trace`): nothing to check.
      } else if (!this.allowed('extensions', childKey)) {
        this.report(
          childPath,
          childKey,
          'not in the spec (add it to the extensions list with a reason, or remove it)',
        );
      }
    }
    const ours = new Set(properties.map((property) => property.name));
    for (const name of required) {
      if (!ours.has(name) && !this.allowed('omissions', `${key}.${name}`)) {
        this.report(`${path}.${name}`, `${key}.${name}`, 'required by the spec, not modelled');
      }
    }
  }

  private allowed(kind: AllowanceKind, key: string): boolean {
    if (!this.allowances[kind].has(key)) return false;
    this.used.add(`${kind}:${key}`);
    return true;
  }

  private report(path: string, key: string, message: string): void {
    if (this.issues.some((issue) => issue.key === key && issue.message === message)) return;
    this.issues.push({ path, key, message });
  }
}

function hasKind(alternative: SchemaObject, kind: JsonKind): boolean {
  const kinds = kindsOf(alternative);
  return kinds === 'any' || kinds.has(kind);
}

function describeVariant(variant: SchemaObject): string {
  const properties = propertiesOf(variant);
  for (const name of discriminatorNames) {
    const property = properties[name] as SchemaObject | undefined;
    if (property !== undefined && Array.isArray(property.enum)) return `${name}=${property.enum.join('|')}`;
  }
  return `{ ${Object.keys(properties).slice(0, 6).join(', ')} }`;
}

function list(values: readonly string[]): string {
  return values.length === 0 ? 'nothing' : values.join(' | ');
}

function quoted(values: readonly string[]): string {
  return values.map((value) => JSON.stringify(value)).join(', ');
}
