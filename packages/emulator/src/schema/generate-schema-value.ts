import type { Prng } from '../util/prng';
import type { PromptHints } from './prompt-hints';

type Schema = Record<string, unknown>;

const WORDS = [
  'alpha',
  'amber',
  'beacon',
  'cedar',
  'delta',
  'ember',
  'falcon',
  'garnet',
  'harbor',
  'indigo',
  'juniper',
  'kepler',
  'lumen',
  'maple',
  'nimbus',
  'onyx',
  'prism',
  'quartz',
  'river',
  'summit',
  'tundra',
  'umber',
  'vertex',
  'willow',
  'xenon',
  'yonder',
  'zephyr',
];

export type GenerateOptions = {
  prng: Prng;
  hints?: PromptHints;
};

type State = GenerateOptions & {
  root: unknown;
  numberHint: number;
  stringHint: number;
};

const MAX_DEPTH = 8;

/**
 * Generates a value that validates against a JSON Schema (draft 2020-12 / 07 subset): types and
 * unions, enum/const, required and nested objects, arrays (items, prefixItems, min/max, unique),
 * numbers with bounds and multipleOf, string lengths and formats, $ref into $defs/definitions,
 * allOf/anyOf/oneOf. Deterministic for a given PRNG. `pattern` is not interpreted.
 */
export function generateSchemaValue(schema: unknown, options: GenerateOptions): unknown {
  const state: State = { ...options, root: schema, numberHint: 0, stringHint: 0 };
  return generate(schema, state, 0, undefined);
}

function generate(schema: unknown, state: State, depth: number, propertyName: string | undefined): unknown {
  if (schema === true || schema === undefined || schema === null) return WORDS[0];
  if (schema === false || typeof schema !== 'object') return null;
  let node = schema as Schema;
  if (typeof node.$ref === 'string') {
    const target = resolveRef(state.root, node.$ref);
    if (depth > MAX_DEPTH) return minimal(target);
    const { $ref: _ref, ...rest } = node;
    node = { ...(target as Schema), ...rest };
  }
  if ('const' in node) return node.const;
  if (Array.isArray(node.enum) && node.enum.length > 0) return state.prng.pick(node.enum);
  if (Array.isArray(node.allOf)) node = mergeAllOf(node, state.root);
  const union = (node.anyOf ?? node.oneOf) as unknown[] | undefined;
  if (Array.isArray(union) && union.length > 0) {
    const option = union.find((item) => !isNullSchema(item, state.root)) ?? union[0];
    const { anyOf: _anyOf, oneOf: _oneOf, ...rest } = node;
    return generate({ ...rest, ...(option as Schema) }, state, depth + 1, propertyName);
  }
  const type = pickType(node);
  switch (type) {
    case 'null':
      return null;
    case 'boolean':
      return state.prng.next() < 0.5;
    case 'integer':
    case 'number':
      return generateNumber(node, state, type === 'integer');
    case 'array':
      return depth > MAX_DEPTH ? [] : generateArray(node, state, depth);
    case 'object':
      return depth > MAX_DEPTH ? {} : generateObject(node, state, depth);
    default:
      return generateString(node, state, propertyName);
  }
}

function pickType(node: Schema): string {
  const type = node.type;
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) {
    const first = type.find((item) => item !== 'null');
    return typeof first === 'string' ? first : 'null';
  }
  if (node.nullable === true && node.type === undefined) return 'string';
  if (node.properties || node.required || node.additionalProperties) return 'object';
  if (node.items || node.prefixItems) return 'array';
  if (typeof node.minimum === 'number' || typeof node.maximum === 'number') return 'number';
  return 'string';
}

function isNullSchema(schema: unknown, root: unknown): boolean {
  if (!schema || typeof schema !== 'object') return false;
  let node = schema as Schema;
  if (typeof node.$ref === 'string') node = resolveRef(root, node.$ref) as Schema;
  return (
    node?.type === 'null' || (Array.isArray(node?.enum) && node.enum.length === 1 && node.enum[0] === null)
  );
}

function resolveRef(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) return {};
  const path = ref
    .slice(1)
    .split('/')
    .filter(Boolean)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: unknown = root;
  for (const part of path) {
    if (!node || typeof node !== 'object') return {};
    node = (node as Schema)[decodeURIComponent(part)];
  }
  return node ?? {};
}

function mergeAllOf(node: Schema, root: unknown): Schema {
  const { allOf, ...rest } = node;
  const merged: Schema = { ...rest };
  const properties: Schema = { ...((rest.properties as Schema | undefined) ?? {}) };
  const required = new Set<string>((rest.required as string[] | undefined) ?? []);
  for (const part of allOf as unknown[]) {
    let item = part as Schema;
    if (item && typeof item.$ref === 'string') item = resolveRef(root, item.$ref) as Schema;
    if (!item || typeof item !== 'object') continue;
    for (const [key, value] of Object.entries(item)) {
      if (key === 'properties') Object.assign(properties, value);
      else if (key === 'required' && Array.isArray(value))
        for (const name of value) required.add(String(name));
      else if (!(key in merged)) merged[key] = value;
    }
  }
  if (Object.keys(properties).length > 0) merged.properties = properties;
  if (required.size > 0) merged.required = [...required];
  return merged;
}

function minimal(schema: unknown): unknown {
  const type = schema && typeof schema === 'object' ? pickType(schema as Schema) : 'string';
  if (type === 'object') return {};
  if (type === 'array') return [];
  if (type === 'number' || type === 'integer') return 0;
  if (type === 'boolean') return false;
  if (type === 'null') return null;
  return '';
}

function generateObject(node: Schema, state: State, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const properties = (node.properties as Schema | undefined) ?? {};
  for (const [name, propertySchema] of Object.entries(properties)) {
    out[name] = generate(propertySchema, state, depth + 1, name);
  }
  for (const name of (node.required as string[] | undefined) ?? []) {
    if (!(name in out)) out[name] = generate(node.additionalProperties ?? true, state, depth + 1, name);
  }
  const minProperties = typeof node.minProperties === 'number' ? node.minProperties : 0;
  let extra = 0;
  while (Object.keys(out).length < minProperties && node.additionalProperties !== false) {
    out[`key_${++extra}`] = generate(
      typeof node.additionalProperties === 'object' ? node.additionalProperties : { type: 'string' },
      state,
      depth + 1,
      undefined,
    );
  }
  return out;
}

function generateArray(node: Schema, state: State, depth: number): unknown[] {
  const prefix = Array.isArray(node.prefixItems) ? (node.prefixItems as unknown[]) : [];
  const minItems = typeof node.minItems === 'number' ? node.minItems : 0;
  const maxItems = typeof node.maxItems === 'number' ? node.maxItems : Number.POSITIVE_INFINITY;
  const itemSchema = Array.isArray(node.items) ? undefined : node.items;
  let count = Math.min(Math.max(minItems, prefix.length, itemSchema === false ? 0 : 2), maxItems);
  if (itemSchema === false) count = Math.min(count, prefix.length);
  const out: unknown[] = [];
  const seen = new Set<string>();
  for (let index = 0; index < count; index++) {
    const schema = index < prefix.length ? prefix[index] : (itemSchema ?? true);
    let value = generate(schema, state, depth + 1, undefined);
    if (node.uniqueItems === true) {
      for (let attempt = 0; attempt < 8 && seen.has(JSON.stringify(value)); attempt++) {
        value = generate(schema, state, depth + 1, undefined);
      }
      if (seen.has(JSON.stringify(value))) {
        if (index >= minItems) break;
      }
      seen.add(JSON.stringify(value));
    }
    out.push(value);
  }
  return out;
}

function generateNumber(node: Schema, state: State, integer: boolean): number {
  let minimum = typeof node.minimum === 'number' ? node.minimum : undefined;
  let maximum = typeof node.maximum === 'number' ? node.maximum : undefined;
  const step =
    typeof node.multipleOf === 'number' && node.multipleOf > 0 ? node.multipleOf : integer ? 1 : undefined;
  if (typeof node.exclusiveMinimum === 'number') minimum = node.exclusiveMinimum + (step ?? 0.01);
  if (typeof node.exclusiveMaximum === 'number') maximum = node.exclusiveMaximum - (step ?? 0.01);
  const fits = (value: number): boolean =>
    (minimum === undefined || value >= minimum) &&
    (maximum === undefined || value <= maximum) &&
    (!integer || Number.isInteger(value)) &&
    (step === undefined || isMultiple(value, step));
  const hints = state.hints?.numbers ?? [];
  while (state.numberHint < hints.length) {
    const hint = hints[state.numberHint++] as number;
    if (fits(hint)) return hint;
  }
  const low = minimum ?? (maximum !== undefined ? Math.min(0, maximum - 100) : 0);
  const high = maximum ?? low + 100;
  let value = low + state.prng.next() * (high - low);
  if (step !== undefined) {
    value = Math.ceil(low / step) * step + Math.floor((value - low) / step) * step;
    if (maximum !== undefined && value > maximum) value = Math.floor(maximum / step) * step;
    if (minimum !== undefined && value < minimum) value = Math.ceil(minimum / step) * step;
    value = Number(value.toFixed(10));
  } else if (!integer) {
    value = Math.round(value * 100) / 100;
    if (minimum !== undefined && value < minimum) value = minimum;
    if (maximum !== undefined && value > maximum) value = maximum;
  }
  return integer ? Math.round(value) : value;
}

function isMultiple(value: number, step: number): boolean {
  const ratio = value / step;
  return Math.abs(ratio - Math.round(ratio)) < 1e-9;
}

function generateString(node: Schema, state: State, propertyName: string | undefined): string {
  const format = typeof node.format === 'string' ? node.format : undefined;
  const seed = Math.floor(state.prng.next() * 1_000_000);
  let value: string | undefined;
  switch (format) {
    case 'date-time':
      value = new Date(Date.UTC(2025, seed % 12, 1 + (seed % 28), seed % 24, seed % 60, 0)).toISOString();
      break;
    case 'date':
      value = new Date(Date.UTC(2025, seed % 12, 1 + (seed % 28))).toISOString().slice(0, 10);
      break;
    case 'time':
      value = `${String(seed % 24).padStart(2, '0')}:${String(seed % 60).padStart(2, '0')}:00Z`;
      break;
    case 'email':
    case 'idn-email':
      value = `${state.prng.pick(WORDS)}.${seed % 1000}@example.com`;
      break;
    case 'uri':
    case 'url':
    case 'iri':
    case 'uri-reference':
    case 'iri-reference':
      value = `https://example.com/${state.prng.pick(WORDS)}/${seed % 1000}`;
      break;
    case 'uuid':
      value = uuidFrom(state.prng);
      break;
    case 'hostname':
    case 'idn-hostname':
      value = `${state.prng.pick(WORDS)}.example.com`;
      break;
    case 'ipv4':
      value = `192.0.2.${seed % 255}`;
      break;
    case 'ipv6':
      value = `2001:db8::${(seed % 65535).toString(16)}`;
      break;
    case 'duration':
      value = `PT${1 + (seed % 23)}H`;
      break;
    case 'regex':
      value = '^[a-z]+$';
      break;
    case 'json-pointer':
      value = `/${state.prng.pick(WORDS)}`;
      break;
    default: {
      const hints = state.hints;
      if (hints && (hints.quoted.length > 0 || hints.names.length > 0)) {
        const pool = hints.quoted.length > 0 ? hints.quoted : hints.names;
        if (state.stringHint < pool.length) value = pool[state.stringHint++];
      }
      if (value === undefined) {
        value = propertyName ? `${state.prng.pick(WORDS)} ${state.prng.pick(WORDS)}` : state.prng.pick(WORDS);
      }
    }
  }
  const minLength = typeof node.minLength === 'number' ? node.minLength : 0;
  const maxLength = typeof node.maxLength === 'number' ? node.maxLength : Number.POSITIVE_INFINITY;
  if (format === undefined) {
    while ([...value].length < minLength) value += ` ${state.prng.pick(WORDS)}`;
    if ([...value].length > maxLength) value = [...value].slice(0, maxLength).join('');
  }
  return value;
}

function uuidFrom(prng: Prng): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(prng.next() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((Number.parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
  const text = hex.join('');
  return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
}
