import { MODEL_IDS } from '@openrouter-adapters/emulator';
import type { Request } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captured, findLeaks, type Harness, readText, startHarness } from './test-utils/gateway-harness';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({
    middleware: {
      authorize: (request: Request) => (request.headers['x-user'] as string | undefined) ?? false,
    },
  });
});

afterAll(async () => {
  await harness.close();
  expect(findLeaks()).toEqual([]);
});

async function complete(user: string, stream: boolean): Promise<string> {
  const response = await fetch(`${harness.baseURL}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-user': user },
    body: JSON.stringify({ model: MODEL_IDS.gpt4oMini, stream, messages: [{ role: 'user', content: 'hi' }] }),
  });
  await readText(response);
  return response.headers.get('x-generation-id')!;
}

async function generation(user: string, id: string) {
  const response = await fetch(`${harness.baseURL}/generation?id=${encodeURIComponent(id)}`, {
    headers: { 'x-user': user },
  });
  const text = await readText(response);
  return {
    status: response.status,
    json: JSON.parse(text) as { data?: Record<string, unknown>; error?: { message: string } },
  };
}

describe('GET /generation', () => {
  it('answers the user who made the generation (streamed or not), right after the completion', async () => {
    for (const stream of [false, true]) {
      const id = await complete('alice', stream);
      const { status, json } = await generation('alice', id);
      expect(status).toBe(200);
      expect(json.data).toMatchObject({ id, model: MODEL_IDS.gpt4oMini, streamed: stream });
    }
  });

  it('answers 404 to any other user without asking upstream', async () => {
    const id = await complete('alice', false);
    const before = harness.emulator.requests.length;
    const { status, json } = await generation('mallory', id);
    captured.push(JSON.stringify(json));
    expect(status).toBe(404);
    expect(json.error?.message).toBe(`Generation ${id} was not found among this user's requests`);
    expect(harness.emulator.requests.length).toBe(before);
  });

  it('answers 400 for a missing or malformed id', async () => {
    expect((await generation('alice', '')).status).toBe(400);
    expect((await generation('alice', 'gen-1/../../key')).status).toBe(400);
  });
});
