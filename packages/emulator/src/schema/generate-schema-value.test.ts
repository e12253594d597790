import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPrng } from '../util/prng';
import { generateSchemaValue } from './generate-schema-value';
import { extractPromptHints } from './prompt-hints';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));

function expectValid(schema: Record<string, unknown>, seed = 1, prompt = ''): unknown {
  const value = generateSchemaValue(schema, { prng: createPrng(seed), hints: extractPromptHints(prompt) });
  const validate = ajv.compile(schema);
  if (!validate(value))
    throw new Error(`${JSON.stringify(value)} does not validate: ${ajv.errorsText(validate.errors)}`);
  return value;
}

const SCHEMAS: Record<string, Record<string, unknown>> = {
  weather: {
    type: 'object',
    properties: { location: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
    required: ['location', 'unit'],
    additionalProperties: false,
  },
  nested: {
    type: 'object',
    properties: {
      user: {
        type: 'object',
        properties: {
          id: { type: 'string', format: 'uuid' },
          email: { type: 'string', format: 'email' },
          homepage: { type: 'string', format: 'uri' },
          born: { type: 'string', format: 'date' },
          seen: { type: 'string', format: 'date-time' },
          tags: {
            type: 'array',
            items: { type: 'string', minLength: 3, maxLength: 5 },
            minItems: 3,
            maxItems: 4,
            uniqueItems: true,
          },
        },
        required: ['id', 'email', 'tags'],
      },
      scores: { type: 'array', items: { type: 'integer', minimum: 10, maximum: 12 }, minItems: 2 },
      ratio: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
      step: { type: 'number', multipleOf: 0.25, minimum: 1, maximum: 2 },
      flag: { type: 'boolean' },
      nothing: { type: 'null' },
      maybe: { type: ['string', 'null'] },
      fixed: { const: 'v1' },
    },
    required: ['user', 'scores', 'ratio', 'step', 'flag', 'nothing', 'maybe', 'fixed'],
  },
  references: {
    $defs: {
      point: {
        type: 'object',
        properties: { x: { type: 'integer' }, y: { type: 'integer' } },
        required: ['x', 'y'],
      },
    },
    type: 'object',
    properties: {
      from: { $ref: '#/$defs/point' },
      to: { $ref: '#/$defs/point' },
      path: { type: 'array', items: { $ref: '#/$defs/point' } },
    },
    required: ['from', 'to'],
  },
  unions: {
    type: 'object',
    properties: {
      any: { anyOf: [{ type: 'null' }, { type: 'integer', minimum: 5 }] },
      one: {
        oneOf: [
          { type: 'string', maxLength: 3 },
          { type: 'number', minimum: 100 },
        ],
      },
      all: {
        allOf: [
          { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
          { properties: { b: { type: 'integer' } }, required: ['b'] },
        ],
      },
    },
    required: ['any', 'one', 'all'],
  },
  tuple: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'integer' }], items: false, minItems: 2 },
  minProperties: { type: 'object', minProperties: 2, additionalProperties: { type: 'integer' } },
  recursive: {
    $defs: {
      node: {
        type: 'object',
        properties: {
          value: { type: 'integer' },
          children: { type: 'array', items: { $ref: '#/$defs/node' } },
        },
        required: ['value'],
      },
    },
    $ref: '#/$defs/node',
  },
  formats: {
    type: 'object',
    properties: {
      host: { type: 'string', format: 'hostname' },
      ip4: { type: 'string', format: 'ipv4' },
      ip6: { type: 'string', format: 'ipv6' },
      time: { type: 'string', format: 'time' },
      duration: { type: 'string', format: 'duration' },
    },
    required: ['host', 'ip4', 'ip6', 'time', 'duration'],
  },
};

describe('generateSchemaValue', () => {
  for (const [name, schema] of Object.entries(SCHEMAS)) {
    it(`generates a valid value for the ${name} schema with many seeds`, () => {
      for (let seed = 0; seed < 50; seed++) expectValid(schema, seed);
    });
  }

  it('is deterministic for a seed', () => {
    const a = generateSchemaValue(SCHEMAS.nested, { prng: createPrng(7) });
    const b = generateSchemaValue(SCHEMAS.nested, { prng: createPrng(7) });
    expect(a).toEqual(b);
  });

  it('prefers values from the prompt: places, numbers and quoted text', () => {
    expect(
      expectValid(SCHEMAS.weather as Record<string, unknown>, 1, 'What is the weather in Paris?'),
    ).toMatchObject({ location: 'Paris' });
    const sum = expectValid(
      { type: 'object', properties: { a: { type: 'number' }, b: { type: 'number' } }, required: ['a', 'b'] },
      1,
      'What is 3 plus 12?',
    );
    expect(sum).toEqual({ a: 3, b: 12 });
    expect(
      expectValid(
        { type: 'object', properties: { query: { type: 'string' } } },
        1,
        'search for "blue whales"',
      ),
    ).toEqual({
      query: 'blue whales',
    });
    expect(
      expectValid({ type: 'object', properties: { n: { type: 'integer', maximum: 5 } } }, 1, 'use 10 then 4'),
    ).toEqual({ n: 4 });
  });

  it('validates for random schemas built from the supported keywords', () => {
    const leaf = fc.oneof(
      fc.record({
        type: fc.constant('string'),
        minLength: fc.integer({ min: 0, max: 5 }),
        maxLength: fc.integer({ min: 5, max: 12 }),
      }),
      fc.record({
        type: fc.constant('integer'),
        minimum: fc.integer({ min: -50, max: 0 }),
        maximum: fc.integer({ min: 0, max: 50 }),
      }),
      fc.record({
        type: fc.constant('number'),
        minimum: fc.double({ min: -10, max: 0, noNaN: true }),
        maximum: fc.double({ min: 1, max: 10, noNaN: true }),
      }),
      fc.record({ type: fc.constant('boolean') }),
      fc.record({
        enum: fc.uniqueArray(fc.oneof(fc.string(), fc.integer()), { minLength: 1, maxLength: 4 }),
      }),
      fc.record({
        type: fc.constant('string'),
        format: fc.constantFrom('date-time', 'date', 'email', 'uri', 'uuid'),
      }),
    );
    const schema = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, leaf, tie('object'), tie('array')),
      object: fc
        .dictionary(fc.stringMatching(/^[a-z]{1,8}$/), tie('node'), { maxKeys: 4 })
        .map((properties) => ({ type: 'object', properties, required: Object.keys(properties) })),
      array: fc
        .record({ items: tie('node'), minItems: fc.integer({ min: 0, max: 3 }) })
        .map((array) => ({ type: 'array', ...array, maxItems: (array.minItems as number) + 2 })),
    })).node;
    fc.assert(
      fc.property(schema, fc.integer(), (candidate, seed) => {
        expectValid(candidate as Record<string, unknown>, seed);
      }),
      { numRuns: 300 },
    );
  });
});
