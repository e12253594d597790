import { parseJson } from '@openrouter-adapters/core';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import type { ConformanceCase } from './conformance-cases.ts';
import type { SpecValidators } from './spec-validators.ts';

type Kind = 'body' | 'chunk' | 'extension';

/** Network JSON goes through core's `parseJson`, like everywhere else in the repo. */
function tryParse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: parseJson(text) };
  } catch {
    return { ok: false };
  }
}

/** Sends conformance cases and validates every body and stream chunk; keeps the counts. */
export class PayloadChecker {
  readonly counts: {
    requests: number;
    bodies: number;
    chunks: number;
    extensionPayloads: number;
    intentionallyMalformed: number;
  } = { requests: 0, bodies: 0, chunks: 0, extensionPayloads: 0, intentionallyMalformed: 0 };
  readonly failures: string[] = [];
  readonly bySchema: Map<string, number> = new Map();
  private readonly validators: SpecValidators;

  constructor(validators: SpecValidators) {
    this.validators = validators;
  }

  private check(label: string, name: string, validate: ValidateFunction, value: unknown, kind: Kind): void {
    if (kind === 'body') this.counts.bodies += 1;
    else if (kind === 'chunk') this.counts.chunks += 1;
    else this.counts.extensionPayloads += 1;
    this.bySchema.set(name, (this.bySchema.get(name) ?? 0) + 1);
    if (!validate(value)) {
      const errors = (validate.errors ?? [])
        .slice(0, 5)
        .map((error) => `${error.instancePath || '/'} ${error.message}`)
        .join('; ');
      this.failures.push(`${label} → ${name}: ${errors}\n    ${JSON.stringify(value).slice(0, 400)}`);
    }
  }

  private malformed(label: string, detail: string, expected: boolean | undefined): void {
    if (expected) this.counts.intentionallyMalformed += 1;
    else this.failures.push(`${label}: ${detail}`);
  }

  async run(baseURL: string, testCase: ConformanceCase): Promise<void> {
    this.counts.requests += 1;
    const method = testCase.method ?? (testCase.body === undefined ? 'GET' : 'POST');
    let response: Response;
    try {
      response = await fetch(`${baseURL}${testCase.path}`, {
        method,
        headers: { 'content-type': 'application/json', ...testCase.headers },
        ...(testCase.body === undefined ? {} : { body: JSON.stringify(testCase.body) }),
        signal: AbortSignal.timeout(15_000),
      });
    } catch (error) {
      // The disconnect scenario destroys the socket before a non-streamed response.
      this.malformed(testCase.label, `request failed: ${String(error)}`, testCase.malformedExpected);
      return;
    }
    let text = '';
    try {
      text = await response.text();
    } catch {
      // The disconnect scenario destroys the socket mid-body: what arrived is still validated.
      if (!testCase.malformedExpected) this.failures.push(`${testCase.label}: body read failed`);
    }
    if (response.headers.get('content-type')?.startsWith('text/event-stream'))
      this.checkStream(testCase, text);
    else this.checkBody(testCase, method, response.status, text);
  }

  private checkStream(testCase: ConformanceCase, text: string): void {
    const label = `${testCase.label} (stream)`;
    for (const block of text.split('\n\n')) {
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).trimStart())
        .join('\n');
      if (data === '' || data === '[DONE]') continue;
      const parsed = tryParse(data);
      if (!parsed.ok) {
        this.malformed(label, `chunk is not JSON: ${data.slice(0, 120)}`, testCase.malformedExpected);
        continue;
      }
      const value = parsed.value as Record<string, unknown>;
      if (!('id' in value) && !('choices' in value) && 'error' in value) {
        this.check(label, 'ext:errorOnly', this.validators.extension('errorOnly'), value, 'extension');
      } else if (testCase.template === '/completions') {
        this.check(
          label,
          'ext:textCompletion',
          this.validators.extension('textCompletion'),
          value,
          'extension',
        );
      } else if (testCase.template === '/chat/completions') {
        this.check(label, 'ChatStreamChunk', this.validators.component('ChatStreamChunk'), value, 'chunk');
      } else {
        this.failures.push(`${label}: no stream schema for ${testCase.template}`);
      }
    }
  }

  private checkBody(testCase: ConformanceCase, method: string, status: number, text: string): void {
    const { label, template } = testCase;
    const parsed = tryParse(text.trim() === '' ? 'null' : text);
    if (!parsed.ok) {
      this.malformed(
        label,
        `body is not JSON (${status}): ${text.slice(0, 120)}`,
        testCase.malformedExpected,
      );
      return;
    }
    const value = parsed.value;
    if (
      status === 200 &&
      value &&
      typeof value === 'object' &&
      Object.keys(value).length === 1 &&
      'error' in value
    ) {
      this.check(label, 'ext:errorOnly', this.validators.extension('errorOnly'), value, 'extension');
      return;
    }
    if (template === '/completions') {
      const name = status === 200 ? 'textCompletion' : 'errorEnvelope';
      this.check(label, `ext:${name}`, this.validators.extension(name), value, 'extension');
      return;
    }
    const ref = this.validators.responseSchema(template, method.toLowerCase(), status, 'application/json');
    if (ref) {
      const name = this.validators.nameOf(ref, `${method} ${template} ${status} (inline schema)`);
      this.check(label, name, this.validators.at(ref), value, 'body');
    } else if (status >= 400) {
      const name = `ext:errorEnvelope (${status} not listed for ${template})`;
      this.check(label, name, this.validators.extension('errorEnvelope'), value, 'extension');
    } else {
      this.failures.push(`${label}: the spec has no ${status} schema for ${method} ${template}`);
    }
  }
}
