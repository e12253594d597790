import { describe, expect, it } from 'vitest';
import { parseChatRequest } from './parse-chat-request';

const messages = [{ id: 'u1', role: 'user', parts: [{ type: 'text', text: 'Hi' }] }];

describe('parseChatRequest', () => {
  it('accepts the page’s body and fills defaults', async () => {
    const parsed = await parseChatRequest({ messages, settings: { model: 'openai/gpt-4o-mini' } });
    expect(parsed).toEqual({
      ok: true,
      request: {
        messages,
        settings: {
          model: 'openai/gpt-4o-mini',
          fallbackModels: [],
          sort: 'default',
          zdr: false,
          reasoning: 'default',
          tools: true,
        },
      },
    });
  });

  it('names every problem in one sentence', async () => {
    expect(await parseChatRequest(null)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Send a JSON body/),
    });
    const bad = await parseChatRequest({
      messages,
      settings: { model: 'bad id', sort: 'cheapest', scenario: 'meltdown', extra: 1 },
    });
    expect(bad.ok).toBe(false);
    const message = (bad as { message: string }).message;
    expect(message).toMatch(/^Invalid chat settings: /);
    expect(message).toMatch(/settings\.model: model ids have no spaces/);
    expect(message).toMatch(/settings\.sort/);
    expect(message).toMatch(/settings\.scenario/);
    expect(message).toMatch(/extra/);
    expect(await parseChatRequest({ messages: [], settings: { model: 'a/b' } })).toMatchObject({
      ok: false,
      message: '`messages` must be a non-empty array of chat messages',
    });
    expect(
      await parseChatRequest({ messages: [{ role: 'user' }], settings: { model: 'a/b' } }),
    ).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Invalid messages: /),
    });
  });
});
