import type { JSONValue } from '@ai-sdk/provider';
import { generateText, isStepCount, type ModelMessage, tool } from 'ai';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createEmulatorHarness } from './test-utils/emulator-harness';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const PDF = new TextEncoder().encode('%PDF-1.4 tiny');
const MP3 = new Uint8Array([0x49, 0x44, 0x33, 3, 0, 0, 0, 0, 0, 0]);
const base64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));

describe('prompt conversion (as received by the emulator)', () => {
  it('maps files to image_url, file, input_audio and video_url; URLs are passed, not downloaded', async () => {
    const harness = createEmulatorHarness();
    await generateText({
      model: harness.provider('google/gemini-2.5-flash'),
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Describe these [[reply: ok]]' },
            { type: 'image', image: new URL('https://example.invalid/cat.png') },
            { type: 'image', image: PNG, mediaType: 'image/png' },
            { type: 'file', data: PDF, mediaType: 'application/pdf', filename: 'report.pdf' },
            {
              type: 'file',
              data: new URL('https://example.invalid/paper.pdf'),
              mediaType: 'application/pdf',
            },
            { type: 'file', data: MP3, mediaType: 'audio/mpeg' },
            { type: 'file', data: new URL('https://example.invalid/clip.mp4'), mediaType: 'video/mp4' },
          ],
        },
      ],
    });
    const [body] = await harness.chatBodies();
    expect(body?.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Describe these [[reply: ok]]' },
          { type: 'image_url', image_url: { url: 'https://example.invalid/cat.png' } },
          { type: 'image_url', image_url: { url: `data:image/png;base64,${base64(PNG)}` } },
          {
            type: 'file',
            file: { filename: 'report.pdf', file_data: `data:application/pdf;base64,${base64(PDF)}` },
          },
          {
            type: 'file',
            file: { filename: 'document.pdf', file_data: 'https://example.invalid/paper.pdf' },
          },
          { type: 'input_audio', input_audio: { data: base64(MP3), format: 'mp3' } },
          { type: 'video_url', video_url: { url: 'https://example.invalid/clip.mp4' } },
        ],
      },
    ]);
  });

  it('puts prompt-caching markers on messages and parts', async () => {
    const harness = createEmulatorHarness();
    const cache = { openrouter: { cacheControl: { type: 'ephemeral' } } };
    await generateText({
      model: harness.provider('anthropic/claude-sonnet-4.6'),
      allowSystemInMessages: true,
      messages: [
        { role: 'system', content: 'Long instructions', providerOptions: cache },
        {
          role: 'user',
          content: [
            {
              type: 'text',
              text: 'Part one',
              providerOptions: { openrouter: { cacheControl: { type: 'ephemeral', ttl: '1h' } } },
            },
            { type: 'text', text: 'Part two [[reply: ok]]' },
          ],
          providerOptions: cache,
        },
      ],
    });
    const [body] = await harness.chatBodies();
    expect(body?.messages).toEqual([
      {
        role: 'system',
        content: [{ type: 'text', text: 'Long instructions', cache_control: { type: 'ephemeral' } }],
      },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Part one', cache_control: { type: 'ephemeral', ttl: '1h' } },
          { type: 'text', text: 'Part two [[reply: ok]]', cache_control: { type: 'ephemeral' } },
        ],
      },
    ]);
  });

  it('sends tool results of every output type', async () => {
    const harness = createEmulatorHarness();
    const names = ['text', 'json', 'errorText', 'errorJson', 'denied', 'content'] as const;
    const tools = Object.fromEntries(names.map((name) => [name, tool({ inputSchema: z.object({}) })]));
    const calls = names.map((name, index) => ({
      type: 'tool-call' as const,
      toolCallId: `call_${index}`,
      toolName: name,
      input: {},
    }));
    const outputs = [
      { type: 'text', value: 'plain' },
      { type: 'json', value: { ok: true } },
      { type: 'error-text', value: 'boom' },
      { type: 'error-json', value: { error: 'bad' } },
      { type: 'execution-denied', reason: 'not allowed' },
      {
        type: 'content',
        value: [
          { type: 'text', text: 'see image' },
          { type: 'file', data: { type: 'data', data: base64(PNG) }, mediaType: 'image/png' },
        ],
      },
    ] as const;
    const messages: ModelMessage[] = [
      { role: 'user', content: 'Use all tools' },
      { role: 'assistant', content: calls },
      {
        role: 'tool',
        content: names.map((name, index) => ({
          type: 'tool-result' as const,
          toolCallId: `call_${index}`,
          toolName: name,
          output: outputs[index] as never,
        })),
      },
    ];
    await generateText({ model: harness.provider('openai/gpt-4o-mini'), messages, tools });
    const [body] = await harness.chatBodies();
    const toolMessages = ((body?.messages ?? []) as Array<Record<string, unknown>>).filter(
      (message) => message.role === 'tool',
    );
    expect(toolMessages).toEqual([
      { role: 'tool', tool_call_id: 'call_0', content: 'plain' },
      { role: 'tool', tool_call_id: 'call_1', content: '{"ok":true}' },
      { role: 'tool', tool_call_id: 'call_2', content: 'boom' },
      { role: 'tool', tool_call_id: 'call_3', content: '{"error":"bad"}' },
      { role: 'tool', tool_call_id: 'call_4', content: 'not allowed' },
      {
        role: 'tool',
        tool_call_id: 'call_5',
        content: [
          { type: 'text', text: 'see image' },
          { type: 'image_url', image_url: { url: `data:image/png;base64,${base64(PNG)}` } },
        ],
      },
    ]);
  });

  it('sends stored reasoning_details back verbatim: message-level, and the official provider’s duplicated per-part shape once', async () => {
    const harness = createEmulatorHarness();
    const model = harness.provider('anthropic/claude-sonnet-4.6');
    const weather = tool({
      inputSchema: z.object({ city: z.string() }),
      execute: async ({ city }) => `${city}: rain`,
    });
    const first = await generateText({
      model,
      prompt: 'Weather in Paris?',
      tools: { weather },
      stopWhen: isStepCount(3),
      reasoning: 'low',
    });
    const [toolStep, answerStep] = first.steps;
    const toolDetails = toolStep?.providerMetadata?.openrouter?.reasoningDetails as JSONValue[];
    const answerDetails = answerStep?.providerMetadata?.openrouter?.reasoningDetails as JSONValue[];
    const call = toolStep?.toolCalls[0];
    if (call === undefined) throw new Error('expected a tool call');
    const messages: ModelMessage[] = [
      { role: 'user', content: 'Weather in Paris?' },
      {
        // @openrouter/ai-sdk-provider stores each detail on its reasoning part and the whole list again on
        // the first tool call, in snake_case.
        role: 'assistant',
        content: [
          {
            type: 'reasoning',
            text: toolStep?.reasoningText ?? '',
            providerOptions: { openrouter: { reasoning_details: toolDetails } },
          },
          {
            type: 'tool-call',
            toolCallId: call.toolCallId,
            toolName: 'weather',
            input: call.input,
            providerOptions: { openrouter: { reasoning_details: toolDetails } },
          },
        ],
      },
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: call.toolCallId,
            toolName: 'weather',
            output: { type: 'text', value: 'Paris: rain' },
          },
        ],
      },
      // A message-level list (e.g. rebuilt from a database row) wins over part-level ones.
      {
        role: 'assistant',
        content: [{ type: 'text', text: answerStep?.text ?? '' }],
        providerOptions: { openrouter: { reasoningDetails: answerDetails } },
      },
      { role: 'user', content: 'Thanks [[reply: welcome]] [[no-tools]]' },
    ];
    const second = await generateText({ model, messages, tools: { weather }, reasoning: 'low' });
    expect(second.text).toBe('welcome');
    const bodies = await harness.chatBodies();
    const assistants = ((bodies[2]?.messages ?? []) as Array<Record<string, unknown>>).filter(
      (message) => message.role === 'assistant',
    );
    expect(assistants.map((message) => message.reasoning_details)).toEqual([toolDetails, answerDetails]);
    expect((await harness.requests()).map((request) => request.status)).toEqual([200, 200, 200]);
  });
});
