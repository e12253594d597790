import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse as parseYaml } from 'yaml';

type Spec = { paths: Record<string, Record<string, unknown>> };
type Responses = Record<string, { content?: Record<string, { schema?: unknown }> }>;

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const componentRef = (name: string): string => `/components/schemas/${name}`;

/**
 * Extensions (NOTES.md): shapes the live API sends that the spec has no schema for. Extra fields
 * (`provider`, `native_finish_reason`, choice-level `error`, `availability`, ...) need none: the
 * spec's objects are open.
 */
export type ExtensionName = 'errorOnly' | 'errorEnvelope' | 'textCompletion';

const EXTENSIONS: Record<ExtensionName, object> = {
  /** In-band `{error}` event without id/choices, and the `{error}`-only 200 body. */
  errorOnly: {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['message', 'code'],
        properties: {
          code: { type: ['integer', 'string'] },
          message: { type: 'string' },
          metadata: { type: ['object', 'null'] },
        },
      },
    },
  },
  /** Any error status the spec does not list for an endpoint: OpenRouter's envelope. */
  errorEnvelope: { $ref: `openapi#${componentRef('BadRequestResponse')}` },
  /** Legacy POST /completions (absent from the spec): OpenAI's text completion + OpenRouter's fields. */
  textCompletion: {
    type: 'object',
    required: ['id', 'object', 'created', 'model', 'choices'],
    properties: {
      id: { type: 'string' },
      object: { const: 'text_completion' },
      created: { type: 'integer' },
      model: { type: 'string' },
      provider: { type: 'string' },
      choices: {
        type: 'array',
        items: {
          type: 'object',
          required: ['index', 'text', 'finish_reason'],
          properties: {
            index: { type: 'integer' },
            text: { type: 'string' },
            finish_reason: { enum: ['stop', 'length', 'content_filter', 'error', null] },
            native_finish_reason: { type: ['string', 'null'] },
          },
        },
      },
      usage: { $ref: `openapi#${componentRef('ChatUsage')}` },
    },
  },
};

/** Ajv (draft 2020-12) validators for the schemas of OpenRouter's OpenAPI document. */
export class SpecValidators {
  readonly specPath: string;
  private readonly spec: Spec;
  private readonly ajv: Ajv2020;
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly extensions: Record<ExtensionName, ValidateFunction>;

  constructor(specPath: string) {
    this.specPath = specPath;
    this.spec = parseYaml(readFileSync(specPath, 'utf8')) as Spec;
    this.ajv = addFormats(new Ajv2020({ strict: false, allErrors: true, validateFormats: true }));
    // OpenAPI's numeric formats carry no constraint JSON Schema can check.
    for (const format of ['double', 'float', 'int32', 'int64', 'uint32', 'uint64', 'decimal']) {
      this.ajv.addFormat(format, true);
    }
    this.ajv.addSchema(this.spec, 'openapi');
    this.extensions = {
      errorOnly: this.ajv.compile(EXTENSIONS.errorOnly),
      errorEnvelope: this.ajv.compile(EXTENSIONS.errorEnvelope),
      textCompletion: this.ajv.compile(EXTENSIONS.textCompletion),
    };
  }

  /** The validator for a JSON pointer into the spec (`$ref`s resolve into `#/components/schemas`). */
  at(ref: string): ValidateFunction {
    let validate = this.compiled.get(ref);
    if (!validate) {
      validate = this.ajv.getSchema(`openapi#${ref}`) ?? this.ajv.compile({ $ref: `openapi#${ref}` });
      this.compiled.set(ref, validate);
    }
    return validate;
  }

  component(name: string): ValidateFunction {
    return this.at(componentRef(name));
  }

  extension(name: ExtensionName): ValidateFunction {
    return this.extensions[name];
  }

  /** The pointer of the spec's schema for a response, or undefined when the spec lists none. */
  responseSchema(path: string, method: string, status: number, media: string): string | undefined {
    const operation = this.spec.paths[path]?.[method] as { responses?: Responses } | undefined;
    const content = operation?.responses?.[String(status)]?.content?.[media];
    if (!content?.schema) return undefined;
    const escapePointer = (part: string): string => part.replace(/~/g, '~0').replace(/\//g, '~1');
    return `/${['paths', path, method, 'responses', String(status), 'content', media, 'schema'].map(escapePointer).join('/')}`;
  }

  /** A readable name for what a pointer validates: the component it references, if any. */
  nameOf(ref: string, fallback: string): string {
    let node: unknown = this.spec;
    for (const part of ref.split('/').slice(1)) {
      node = (node as Record<string, unknown> | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    }
    const target = (node as { $ref?: string } | undefined)?.$ref;
    return target ? (target.split('/').pop() as string) : fallback;
  }
}
