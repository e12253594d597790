// Read-only access to an OpenAPI document: JSON pointers, `$ref` resolution and the flattening
// of `oneOf`/`anyOf`/`allOf` into plain alternatives that the comparison can reason about.

export type JsonKind = 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array';
export type SchemaObject = { readonly [key: string]: unknown };

const jsonKinds: ReadonlySet<string> = new Set(['string', 'number', 'boolean', 'null', 'object', 'array']);

function isObject(value: unknown): value is SchemaObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class SpecDocument {
  readonly root: SchemaObject;

  constructor(root: SchemaObject) {
    this.root = root;
  }

  /** Resolves `#/a/b~1c` (RFC 6901) against the document. */
  pointer(reference: string): unknown {
    if (!reference.startsWith('#/')) throw new Error(`Only local references are supported: ${reference}`);
    let node: unknown = this.root;
    for (const raw of reference.slice(2).split('/')) {
      const segment = raw.replaceAll('~1', '/').replaceAll('~0', '~');
      if (Array.isArray(node)) node = node[Number(segment)];
      else if (isObject(node)) node = node[segment];
      else node = undefined;
      if (node === undefined) throw new Error(`Spec pointer ${reference} does not resolve (at "${segment}")`);
    }
    return node;
  }

  /** Follows `$ref` chains. */
  resolve(schema: unknown): SchemaObject {
    let current = schema;
    for (let depth = 0; depth < 32; depth += 1) {
      if (!isObject(current)) return {};
      const reference = current.$ref;
      if (typeof reference !== 'string') return current;
      current = this.pointer(reference);
    }
    throw new Error('Reference chain too deep');
  }

  /** The name of the component a schema refers to, for messages. */
  describe(schema: unknown): string {
    if (isObject(schema) && typeof schema.$ref === 'string') return schema.$ref.split('/').pop() ?? '?';
    return 'inline schema';
  }

  /**
   * Flattens a schema into alternatives without `oneOf`/`anyOf`/`allOf`/`$ref`: a value is valid
   * when it matches one of them. `allOf` parts are merged into one object schema.
   */
  alternatives(schema: unknown, depth = 0): SchemaObject[] {
    if (depth > 32) throw new Error('Schema nesting too deep');
    const resolved = this.resolve(schema);
    const unions = [resolved.oneOf, resolved.anyOf].filter(Array.isArray) as unknown[][];
    if (unions.length > 0) {
      const { oneOf: _oneOf, anyOf: _anyOf, ...rest } = resolved;
      const base = Object.keys(rest).some((key) => key !== 'description' && key !== 'discriminator')
        ? [rest]
        : [];
      const variants = unions.flat().flatMap((variant) => this.alternatives(variant, depth + 1));
      // Sibling keywords (e.g. `type`) constrain every variant; merging them keeps nullability.
      return base.length === 0 ? variants : variants.map((variant) => mergeSchemas(base[0] ?? {}, variant));
    }
    if (Array.isArray(resolved.allOf)) {
      const { allOf, ...rest } = resolved;
      let merged: SchemaObject[] = [rest];
      for (const part of allOf as unknown[]) {
        const partAlternatives = this.alternatives(part, depth + 1);
        merged = merged.flatMap((left) => partAlternatives.map((right) => mergeSchemas(left, right)));
      }
      return merged;
    }
    return [resolved];
  }
}

function mergeSchemas(left: SchemaObject, right: SchemaObject): SchemaObject {
  const properties = {
    ...(isObject(left.properties) ? left.properties : {}),
    ...(isObject(right.properties) ? right.properties : {}),
  };
  const required = [
    ...(Array.isArray(left.required) ? left.required : []),
    ...(Array.isArray(right.required) ? right.required : []),
  ];
  const merged: Record<string, unknown> = { ...left, ...right };
  if (Object.keys(properties).length > 0) merged.properties = properties;
  if (required.length > 0) merged.required = [...new Set(required)];
  if (left.type !== undefined && right.type !== undefined) {
    const leftTypes = new Set(typeList(left.type));
    const both = typeList(right.type).filter((type) => leftTypes.has(type));
    merged.type = both;
  }
  return merged;
}

function typeList(type: unknown): string[] {
  if (typeof type === 'string') return [type];
  return Array.isArray(type) ? type.filter((entry): entry is string => typeof entry === 'string') : [];
}

/** JSON kinds a (flattened) alternative admits, or `any` when it does not constrain the kind. */
export function kindsOf(alternative: SchemaObject): Set<JsonKind> | 'any' {
  const kinds = new Set<JsonKind>();
  const add = (value: unknown): void => {
    if (value === null) kinds.add('null');
    else if (Array.isArray(value)) kinds.add('array');
    else if (typeof value === 'object') kinds.add('object');
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      kinds.add(typeof value as JsonKind);
  };
  if (alternative.const !== undefined) {
    add(alternative.const);
    return kinds;
  }
  const types = typeList(alternative.type);
  if (Array.isArray(alternative.enum)) {
    for (const value of alternative.enum) add(value);
    // `type: [string, null]` with `enum: [..., null]`: the enum decides.
    return kinds;
  }
  if (types.length > 0) {
    for (const type of types) {
      const kind = type === 'integer' ? 'number' : type;
      if (jsonKinds.has(kind)) kinds.add(kind as JsonKind);
    }
    return kinds;
  }
  if (isObject(alternative.properties) || alternative.additionalProperties !== undefined)
    return new Set(['object']);
  if (alternative.items !== undefined) return new Set(['array']);
  return 'any';
}

/** The string values an alternative allows: a closed set, or `open` for any string. */
export function stringValuesOf(alternative: SchemaObject): Set<string> | 'open' | undefined {
  const kinds = kindsOf(alternative);
  if (kinds !== 'any' && !kinds.has('string')) return undefined;
  if (typeof alternative.const === 'string') return new Set([alternative.const]);
  if (Array.isArray(alternative.enum)) {
    return new Set(alternative.enum.filter((value): value is string => typeof value === 'string'));
  }
  return 'open';
}

export function propertiesOf(alternative: SchemaObject): SchemaObject {
  return isObject(alternative.properties) ? alternative.properties : {};
}

export function requiredOf(alternative: SchemaObject): Set<string> {
  return new Set(
    Array.isArray(alternative.required)
      ? alternative.required.filter((entry): entry is string => typeof entry === 'string')
      : [],
  );
}

/** `additionalProperties`: `open` (any extra key), `closed`, `unspecified`, or a value schema. */
export function additionalPropertiesOf(
  alternative: SchemaObject,
): 'open' | 'closed' | 'unspecified' | SchemaObject {
  const value = alternative.additionalProperties;
  if (value === undefined) return 'unspecified';
  if (value === false) return 'closed';
  if (value === true) return 'open';
  if (isObject(value)) return Object.keys(value).length === 0 ? 'open' : value;
  return 'unspecified';
}

/** Turns OpenAPI query `parameters` into an object schema with one property per parameter. */
export function parametersToSchema(parameters: unknown): SchemaObject {
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  if (Array.isArray(parameters)) {
    for (const parameter of parameters) {
      if (!isObject(parameter) || parameter.in !== 'query' || typeof parameter.name !== 'string') continue;
      properties[parameter.name] = parameter.schema ?? {};
      if (parameter.required === true) required.push(parameter.name);
    }
  }
  return { type: 'object', properties, required };
}
