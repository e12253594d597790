import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_IDS } from '../catalogue/model-ids';
import type { Emulator } from '../server/emulator-types';
import { startEmulator } from '../server/start-emulator';
import { postJson } from '../test-utils/http';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());

const models = fc.constantFrom(...Object.values(MODEL_IDS), 'acme/none', '', 42, null);
const content = fc.oneof(
  fc.string(),
  fc.constant(null),
  fc.array(fc.oneof(fc.record({ type: fc.constant('text'), text: fc.string() }), fc.anything()), {
    maxLength: 3,
  }),
  fc.anything(),
);
const message = fc.oneof(
  fc.record(
    { role: fc.constantFrom('system', 'developer', 'user', 'assistant', 'tool', 'robot'), content },
    { requiredKeys: ['role'] },
  ),
  fc.record({
    role: fc.constant('assistant'),
    content,
    tool_calls: fc.oneof(
      fc.anything(),
      fc.array(
        fc.record({
          id: fc.string(),
          type: fc.constant('function'),
          function: fc.record({ name: fc.string(), arguments: fc.string() }),
        }),
        { maxLength: 2 },
      ),
    ),
    reasoning_details: fc.oneof(
      fc.anything(),
      fc.array(
        fc.record({
          type: fc.constantFrom('reasoning.text', 'reasoning.encrypted', 'x'),
          text: fc.string(),
          signature: fc.string(),
          data: fc.string(),
          id: fc.string(),
          format: fc.constantFrom('anthropic-claude-v1', 'google-gemini-v1', 'openai-responses-v1'),
        }),
        { maxLength: 2 },
      ),
    ),
  }),
  fc.record({ role: fc.constant('tool'), tool_call_id: fc.oneof(fc.string(), fc.anything()), content }),
  fc.anything(),
);
const body = fc.record(
  {
    model: models,
    models: fc.oneof(fc.array(models, { maxLength: 2 }), fc.anything()),
    messages: fc.oneof(fc.array(message, { maxLength: 4 }), fc.anything()),
    stream: fc.oneof(fc.boolean(), fc.anything()),
    max_tokens: fc.oneof(fc.integer({ min: -5, max: 50 }), fc.anything()),
    temperature: fc.oneof(fc.double({ noNaN: false }), fc.anything()),
    tools: fc.oneof(
      fc.anything(),
      fc.array(
        fc.record({
          type: fc.constant('function'),
          function: fc.record({
            name: fc.stringMatching(/^[a-z_]{1,10}$/),
            parameters: fc.oneof(
              fc.anything(),
              fc.constant({ type: 'object', properties: { a: { type: 'string' } } }),
            ),
          }),
        }),
        { maxLength: 2 },
      ),
    ),
    tool_choice: fc.oneof(fc.constantFrom('auto', 'none', 'required'), fc.anything()),
    response_format: fc.anything(),
    reasoning: fc.oneof(
      fc.record({ effort: fc.constantFrom('low', 'high', 'none', 'bogus'), exclude: fc.boolean() }),
      fc.anything(),
    ),
    reasoning_effort: fc.anything(),
    provider: fc.oneof(
      fc.record({
        order: fc.array(fc.string(), { maxLength: 2 }),
        sort: fc.constantFrom('price', 'latency', 'x'),
      }),
      fc.anything(),
    ),
    modalities: fc.anything(),
    stop: fc.anything(),
  },
  { requiredKeys: [] },
);

describe('robustness', () => {
  it('answers any body with a well-formed response and never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(body, async (candidate) => {
        const response = await postJson(`${emulator.baseURL}/chat/completions`, candidate);
        expect(response.status, response.text.slice(0, 300)).not.toBe(500);
        expect([200, 400, 402, 404, 429, 503]).toContain(response.status);
        if (response.status !== 200) {
          expect(response.body?.error?.code, response.text.slice(0, 300)).toBe(response.status);
          expect(typeof response.body.error.message).toBe('string');
        }
      }),
      { numRuns: 300 },
    );
  });
});
