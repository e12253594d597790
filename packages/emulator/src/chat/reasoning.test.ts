import { parseJson } from '@openrouter-adapters/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_IDS } from '../catalogue/model-ids';
import type { Emulator } from '../server/emulator-types';
import { startEmulator } from '../server/start-emulator';
import { type AnyJson, collectStream, postJson, postSse } from '../test-utils/http';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());
const url = (): string => `${emulator.baseURL}/chat/completions`;

const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

/** The provider's own error inside OpenRouter's "Provider returned error" 400. */
function upstreamMessage(body: AnyJson): string {
  const raw = parseJson(body.error.metadata.raw) as AnyJson;
  return raw.error?.message ?? '';
}

describe('Anthropic reasoning (signatures)', () => {
  const ask = {
    model: MODEL_IDS.claudeSonnet,
    messages: [{ role: 'user', content: 'Why is the sky blue?' }],
    reasoning: { effort: 'medium' },
  };

  it('non-streamed: reasoning text + one signed reasoning.text detail; reasoning tokens billed inside completion tokens', async () => {
    const response = await postJson(url(), ask);
    const { message } = response.body.choices[0];
    expect(message.reasoning.length).toBeGreaterThan(20);
    expect(message.reasoning_details).toEqual([
      {
        type: 'reasoning.text',
        text: message.reasoning,
        signature: expect.any(String),
        format: 'anthropic-claude-v1',
        index: 0,
      },
    ]);
    expect(response.body.usage.completion_tokens_details.reasoning_tokens).toBe(48);
    expect(response.body.usage.completion_tokens).toBeGreaterThan(48);
    expect(response.body.choices[0].native_finish_reason).toBe('end_turn');
  });

  it('streamed: delta.reasoning mirrors reasoning.text fragments (same index), then a signature-only piece, then content', async () => {
    const streamed = await postSse(url(), ask);
    const plain = await postJson(url(), ask);
    const details = streamed.chunks.flatMap((chunk) => chunk.choices[0]?.delta.reasoning_details ?? []);
    const signatureIndex = details.findIndex((detail) => detail.signature);
    expect(signatureIndex).toBe(details.length - 1);
    expect(details[signatureIndex]).toEqual({
      type: 'reasoning.text',
      signature: plain.body.choices[0].message.reasoning_details[0].signature,
      format: 'anthropic-claude-v1',
      index: 0,
    });
    expect(
      details
        .slice(0, -1)
        .every((detail) => detail.index === 0 && typeof detail.text === 'string' && !detail.signature),
    ).toBe(true);
    const collected = collectStream(streamed.chunks);
    expect(collected.reasoning).toBe(plain.body.choices[0].message.reasoning);
    expect(
      details
        .slice(0, -1)
        .map((detail) => detail.text)
        .join(''),
    ).toBe(collected.reasoning);
    expect(collected.content).toBe(plain.body.choices[0].message.content);
    expect(collected.usage).toEqual(plain.body.usage);
    const firstContent = streamed.chunks.findIndex((chunk) => chunk.choices[0]?.delta.content);
    const lastReasoning = streamed.chunks.findLastIndex((chunk) => chunk.choices[0]?.delta.reasoning_details);
    expect(firstContent).toBeGreaterThan(lastReasoning);
  });

  it('honours exclude (billed, not returned), effort, max_tokens, reasoning_effort and include_reasoning', async () => {
    const excluded = await postJson(url(), { ...ask, reasoning: { effort: 'high', exclude: true } });
    expect(excluded.body.choices[0].message.reasoning).toBeNull();
    expect(excluded.body.choices[0].message.reasoning_details).toBeUndefined();
    expect(excluded.body.usage.completion_tokens_details.reasoning_tokens).toBe(96);
    const budget = await postJson(url(), { ...ask, reasoning: { max_tokens: 30 } });
    expect(budget.body.usage.completion_tokens_details.reasoning_tokens).toBe(30);
    const topLevel = await postJson(url(), { ...ask, reasoning: undefined, reasoning_effort: 'low' });
    expect(topLevel.body.usage.completion_tokens_details.reasoning_tokens).toBe(24);
    const legacy = await postJson(url(), { ...ask, reasoning: undefined, include_reasoning: true });
    expect(legacy.body.choices[0].message.reasoning).toEqual(expect.any(String));
    const off = await postJson(url(), { ...ask, reasoning: undefined });
    expect(off.body.choices[0].message.reasoning).toBeNull();
    expect(off.body.usage.completion_tokens_details.reasoning_tokens).toBe(0);
    const thinking = await postJson(url(), {
      ...ask,
      reasoning: undefined,
      model: `${MODEL_IDS.claudeSonnet}:thinking`,
    });
    expect(thinking.body.choices[0].message.reasoning).toEqual(expect.any(String));
    const directive = await postJson(url(), {
      ...ask,
      messages: [{ role: 'user', content: 'why [[reasoning-tokens: 7]]' }],
    });
    expect(directive.body.usage.completion_tokens_details.reasoning_tokens).toBe(7);
  });

  it('ignores reasoning on models without it (like OpenRouter)', async () => {
    const response = await postJson(url(), { ...ask, model: MODEL_IDS.gpt4oMini });
    expect(response.status).toBe(200);
    expect(response.body.choices[0].message.reasoning).toBeNull();
  });

  it('accepts its own reasoning back unchanged; rejects altered text, foreign and missing signatures', async () => {
    const first = await postJson(url(), ask);
    const message = first.body.choices[0].message;
    const followUp = (details: AnyJson[]) => ({
      ...ask,
      messages: [
        ...ask.messages,
        { role: 'assistant', content: message.content, reasoning_details: details },
        { role: 'user', content: 'And at sunset?' },
      ],
    });
    const accepted = await postJson(url(), followUp(message.reasoning_details));
    expect(accepted.status).toBe(200);

    const altered = await postJson(
      url(),
      followUp([{ ...message.reasoning_details[0], text: `${message.reasoning} (edited)` }]),
    );
    expect(altered.status).toBe(400);
    expect(altered.body.error).toMatchObject({
      code: 400,
      message: 'Provider returned error',
      metadata: { provider_name: 'Anthropic' },
    });
    expect(upstreamMessage(altered.body)).toBe(
      'messages.1.content.0: Invalid `signature` in `thinking` block',
    );

    const foreign = await postJson(
      url(),
      followUp([{ ...message.reasoning_details[0], signature: 'EqQBCkgIARABGAIiQL3Xm6yW0O3P9Qk=' }]),
    );
    expect(foreign.status).toBe(400);
    const unsigned = await postJson(
      url(),
      followUp([{ type: 'reasoning.text', text: 'thoughts', format: 'anthropic-claude-v1', index: 0 }]),
    );
    expect(unsigned.status).toBe(400);
    expect(upstreamMessage(unsigned.body)).toMatch(/thinking\.signature: Field required/);
  });

  it('a Claude tool-call turn sent back without its signed reasoning while reasoning is on → 400', async () => {
    const body = { ...ask, messages: [{ role: 'user', content: 'weather in Oslo?' }], tools: [weatherTool] };
    const first = await postJson(url(), body);
    const message = first.body.choices[0].message;
    const call = message.tool_calls[0];
    const conversation = (assistant: AnyJson) => ({
      ...body,
      messages: [
        ...body.messages,
        assistant,
        { role: 'tool', tool_call_id: call.id, content: '{"temp": 3}' },
      ],
    });
    const dropped = await postJson(
      url(),
      conversation({ role: 'assistant', content: message.content, tool_calls: message.tool_calls }),
    );
    expect(dropped.status).toBe(400);
    expect(upstreamMessage(dropped.body)).toMatch(
      /^messages\.1\.content\.0\.type: Expected `thinking` or `redacted_thinking`, but found `tool_use`/,
    );
    const kept = await postJson(
      url(),
      conversation({
        role: 'assistant',
        content: message.content,
        tool_calls: message.tool_calls,
        reasoning_details: message.reasoning_details,
      }),
    );
    expect(kept.status).toBe(200);
    expect(kept.body.choices[0].message.content).toContain('get_weather returned {"temp": 3}');
    const reasoningOff = await postJson(url(), {
      ...conversation({ role: 'assistant', content: message.content, tool_calls: message.tool_calls }),
      reasoning: undefined,
    });
    expect(reasoningOff.status).toBe(200);
  });
});

describe('Gemini thought signatures', () => {
  const body = {
    model: MODEL_IDS.geminiFlash,
    messages: [{ role: 'user', content: 'weather in Kyoto?' }],
    tools: [weatherTool],
  };

  it('a tool-call turn carries a reasoning.encrypted detail whose id is the tool call id (streamed with the call)', async () => {
    const plain = await postJson(url(), body);
    const message = plain.body.choices[0].message;
    const call = message.tool_calls[0];
    expect(call.id).toMatch(/^tool_0_get_weather_/);
    expect(plain.body.choices[0].native_finish_reason).toBe('STOP');
    const encrypted = message.reasoning_details.filter(
      (detail: AnyJson) => detail.type === 'reasoning.encrypted',
    );
    expect(encrypted).toEqual([
      {
        type: 'reasoning.encrypted',
        data: expect.any(String),
        id: call.id,
        format: 'google-gemini-v1',
        index: 1,
      },
    ]);
    expect(message.reasoning_details[0]).toMatchObject({
      type: 'reasoning.text',
      format: 'google-gemini-v1',
    });

    const streamed = await postSse(url(), body);
    const withCall = streamed.chunks.find((chunk) => chunk.choices[0]?.delta.tool_calls?.[0]?.id);
    expect(withCall?.choices[0].delta.reasoning_details).toEqual([
      expect.objectContaining({
        type: 'reasoning.encrypted',
        id: withCall?.choices[0].delta.tool_calls[0].id,
      }),
    ]);
  });

  it('the next turn without the thought signature → 400 with Google’s wording; with it → the final answer', async () => {
    const first = await postJson(url(), body);
    const message = first.body.choices[0].message;
    const call = message.tool_calls[0];
    const next = (assistant: AnyJson) => ({
      ...body,
      messages: [...body.messages, assistant, { role: 'tool', tool_call_id: call.id, content: 'sunny' }],
    });
    const missing = await postJson(
      url(),
      next({ role: 'assistant', content: '', tool_calls: message.tool_calls }),
    );
    expect(missing.status).toBe(400);
    expect(missing.body.error.metadata.provider_name).toBe('Google AI Studio');
    expect(upstreamMessage(missing.body)).toMatch(
      /^Function call is missing a thought_signature in functionCall parts/,
    );
    const tampered = await postJson(
      url(),
      next({
        role: 'assistant',
        content: '',
        tool_calls: message.tool_calls,
        reasoning_details: [
          { type: 'reasoning.encrypted', id: call.id, data: 'AAAA', format: 'google-gemini-v1' },
        ],
      }),
    );
    expect(tampered.status).toBe(400);
    const ok = await postJson(
      url(),
      next({
        role: 'assistant',
        content: '',
        tool_calls: message.tool_calls,
        reasoning_details: message.reasoning_details,
      }),
    );
    expect(ok.status).toBe(200);
    expect(ok.body.choices[0].message.content).toContain('get_weather returned sunny');
  });

  it('hand-written tool-call histories (ids the emulator never issued) need no signature', async () => {
    const response = await postJson(url(), {
      ...body,
      messages: [
        ...body.messages,
        {
          role: 'assistant',
          content: '',
          tool_calls: [
            {
              id: 'call_manual',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Kyoto"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'call_manual', content: 'rain' },
      ],
    });
    expect(response.status).toBe(200);
  });
});

describe('OpenAI reasoning (summary + encrypted item)', () => {
  const body = {
    model: MODEL_IDS.gpt5Mini,
    messages: [{ role: 'user', content: 'Plan a trip' }],
    reasoning: { effort: 'low' },
  };

  it('returns reasoning.summary and a reasoning.encrypted item, verified when sent back', async () => {
    const first = await postJson(url(), body);
    const details = first.body.choices[0].message.reasoning_details;
    expect(details[0]).toMatchObject({
      type: 'reasoning.summary',
      summary: first.body.choices[0].message.reasoning,
      format: 'openai-responses-v1',
    });
    expect(details[1]).toMatchObject({
      type: 'reasoning.encrypted',
      id: expect.stringMatching(/^rs_/),
      format: 'openai-responses-v1',
    });
    const back = (reasoningDetails: AnyJson[]) => ({
      ...body,
      messages: [
        ...body.messages,
        { role: 'assistant', content: 'ok', reasoning_details: reasoningDetails },
        { role: 'user', content: 'more' },
      ],
    });
    expect((await postJson(url(), back(details))).status).toBe(200);
    const forged = await postJson(url(), back([details[0], { ...details[1], data: 'gAAAAforged' }]));
    expect(forged.status).toBe(400);
    expect(upstreamMessage(forged.body)).toMatch(/could not be verified/);
  });

  it('reasoning is mandatory: it stays on even when disabled', async () => {
    const response = await postJson(url(), { ...body, reasoning: { enabled: false } });
    expect(response.body.usage.completion_tokens_details.reasoning_tokens).toBeGreaterThan(0);
  });

  it('streams summary fragments then the encrypted item', async () => {
    const streamed = await postSse(url(), body);
    const details = streamed.chunks.flatMap((chunk) => chunk.choices[0]?.delta.reasoning_details ?? []);
    expect(details.at(-1)).toMatchObject({ type: 'reasoning.encrypted' });
    expect(
      details.slice(0, -1).every((detail) => detail.type === 'reasoning.summary' && detail.index === 0),
    ).toBe(true);
  });
});
