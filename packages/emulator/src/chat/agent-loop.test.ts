import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_IDS } from '../catalogue/model-ids';
import type { Emulator } from '../server/emulator-types';
import { startEmulator } from '../server/start-emulator';
import { type AnyJson, collectStream, postJson, postSse } from '../test-utils/http';

// Guards that agent loops (AI SDK `stopWhen`, LangChain tool loops, openai tool turns) finish:
// tool_choice "auto" behaves like a model, and tool results are always answered in text.

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());
const url = (): string => `${emulator.baseURL}/chat/completions`;

const tool = (name: string, properties: Record<string, unknown>) => ({
  type: 'function',
  function: {
    name,
    parameters: { type: 'object', properties, required: Object.keys(properties) },
  },
});
const weather = tool('get_weather', { location: { type: 'string' } });
const time = tool('get_time', { timezone: { type: 'string' } });
const calculator = tool('calculator', { expression: { type: 'string' } });

type Message = Record<string, AnyJson>;

/** The assistant message as a client sends it back, plus one `tool` result per call. */
function answerCalls(message: Message, result: (name: string) => string): Message[] {
  return [
    message,
    ...(message.tool_calls ?? []).map((call: AnyJson) => ({
      role: 'tool',
      tool_call_id: call.id,
      content: result(call.function.name),
    })),
  ];
}

/** Runs a plain agent loop (call tools until the model answers in text) and returns every reply. */
async function runAgentLoop(body: Record<string, AnyJson>, maxSteps = 5): Promise<Message[]> {
  const messages: Message[] = [...body.messages];
  const replies: Message[] = [];
  for (let step = 0; step < maxSteps; step++) {
    const response = await postJson(url(), { ...body, messages });
    expect(response.status).toBe(200);
    const choice = response.body.choices[0];
    replies.push(choice);
    if (choice.finish_reason !== 'tool_calls') return replies;
    messages.push(...answerCalls(choice.message, (name) => `{"tool":"${name}","value":17}`));
  }
  throw new Error(`the agent loop did not finish in ${maxSteps} steps`);
}

describe('tool_choice "auto" behaves like a model', () => {
  it('answers in text when nothing in the prompt relates to a tool (the demo\'s "hi" → calculator)', async () => {
    const body = {
      model: MODEL_IDS.gpt4oMini,
      messages: [{ role: 'user', content: 'hi' }],
      tools: [calculator],
    };
    const choice = (await postJson(url(), body)).body.choices[0];
    expect(choice.finish_reason).toBe('stop');
    expect(choice.message.tool_calls).toBeUndefined();
    expect(choice.message.content).toMatch(/\S/);
    const streamed = collectStream((await postSse(url(), body)).chunks);
    expect(streamed.finishReason).toBe('stop');
    expect(streamed.toolCalls).toEqual([]);
    expect(streamed.content).toBe(choice.message.content);
  });

  it('calls a tool when the prompt names it (or a word of its name) or a [[tool: name]] directive asks', async () => {
    const ask = async (content: string) =>
      (
        await postJson(url(), {
          model: MODEL_IDS.gpt4oMini,
          messages: [{ role: 'user', content }],
          tools: [calculator, weather],
        })
      ).body.choices[0];
    expect((await ask('Use the calculator for 6*7')).message.tool_calls[0].function.name).toBe('calculator');
    expect((await ask('Any weather news for Oslo?')).message.tool_calls[0].function.name).toBe('get_weather');
    expect((await ask('hi [[tool: calculator]]')).message.tool_calls[0].function.name).toBe('calculator');
    expect((await ask('hi [[tool: not_offered]]')).message.tool_calls).toBeUndefined();
  });
});

describe('tool results are answered in text, whatever the directive says', () => {
  const prompt = 'What is the weather in Paris? [[tool: get_weather]]';

  it('[[tool: name]] calls once, then the turn after the tool results quotes them (streamed and not)', async () => {
    const body = {
      model: MODEL_IDS.gpt4oMini,
      tools: [weather],
      messages: [{ role: 'user', content: prompt }],
    };
    const first = await postJson(url(), body);
    expect(first.body.choices[0].finish_reason).toBe('tool_calls');
    const followUp = {
      ...body,
      messages: [
        ...body.messages,
        ...answerCalls(first.body.choices[0].message, () => '{"temperatureC":17}'),
      ],
    };
    for (const choice of [undefined, 'auto']) {
      const second = await postJson(url(), { ...followUp, ...(choice ? { tool_choice: choice } : {}) });
      expect(second.body.choices[0].finish_reason).toBe('stop');
      expect(second.body.choices[0].message.tool_calls).toBeUndefined();
      expect(second.body.choices[0].message.content).toContain('get_weather returned {"temperatureC":17}');
    }
    const streamed = collectStream((await postSse(url(), followUp)).chunks);
    expect(streamed.finishReason).toBe('stop');
    expect(streamed.toolCalls).toEqual([]);
    expect(streamed.content).toContain('{"temperatureC":17}');
  });

  it('a directive in a new user message after the answer calls again', async () => {
    const messages: Message[] = [{ role: 'user', content: prompt }];
    const first = await postJson(url(), { model: MODEL_IDS.gpt4oMini, tools: [weather, time], messages });
    messages.push(...answerCalls(first.body.choices[0].message, () => '{"temperatureC":17}'));
    const answer = await postJson(url(), { model: MODEL_IDS.gpt4oMini, tools: [weather, time], messages });
    messages.push(answer.body.choices[0].message);
    messages.push({ role: 'user', content: 'And the clock? [[tool: get_time]]' });
    const again = await postJson(url(), { model: MODEL_IDS.gpt4oMini, tools: [weather, time], messages });
    expect(again.body.choices[0].message.tool_calls.map((call: AnyJson) => call.function.name)).toEqual([
      'get_time',
    ]);
    messages[messages.length - 1] = { role: 'user', content: 'Thanks!' };
    const thanks = await postJson(url(), { model: MODEL_IDS.gpt4oMini, tools: [weather, time], messages });
    expect(thanks.body.choices[0].finish_reason).toBe('stop');
  });

  it.each([
    ['OpenAI', MODEL_IDS.gpt4oMini, {}],
    [
      'Claude with reasoning (signed thinking sent back)',
      MODEL_IDS.claudeSonnet,
      { reasoning: { max_tokens: 64 } },
    ],
    ['Gemini (thought signatures sent back)', MODEL_IDS.geminiFlash, {}],
  ])('a plain agent loop on %s finishes after one tool step', async (_name, model, extra) => {
    const replies = await runAgentLoop({
      model,
      tools: [weather, time],
      messages: [{ role: 'user', content: 'Weather and time in Oslo? [[tool: get_weather]]' }],
      ...extra,
    });
    expect(replies.map((reply) => reply.finish_reason)).toEqual(['tool_calls', 'stop']);
    expect(replies[1]?.message.content).toContain('get_weather returned {"tool":"get_weather","value":17}');
  });

  it('parallel calls: once every call is answered, the reply quotes every result', async () => {
    const replies = await runAgentLoop({
      model: MODEL_IDS.gpt4oMini,
      tools: [weather, time],
      messages: [{ role: 'user', content: 'Check the weather in Oslo and the time there' }],
    });
    expect(replies[0]?.message.tool_calls).toHaveLength(2);
    expect(replies.map((reply) => reply.finish_reason)).toEqual(['tool_calls', 'stop']);
    expect(replies[1]?.message.content).toContain('get_weather returned');
    expect(replies[1]?.message.content).toContain('get_time returned');
  });
});

describe('forced choices call again after tool results (like the real API: loops switch to "auto")', () => {
  const afterResults = (toolChoice: unknown) => ({
    model: MODEL_IDS.gpt4oMini,
    tools: [weather, time],
    tool_choice: toolChoice,
    messages: [
      { role: 'user', content: 'hello [[tool: get_time]]' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'call_t', type: 'function', function: { name: 'get_time', arguments: '{}' } }],
      },
      { role: 'tool', tool_call_id: 'call_t', content: '12:00' },
    ],
  });

  it('required: always a call (the directive picks it, else a mentioned tool, else the first)', async () => {
    const required = await postJson(url(), afterResults('required'));
    expect(required.body.choices[0].message.tool_calls.map((call: AnyJson) => call.function.name)).toEqual([
      'get_time',
    ]);
    const firstTool = await postJson(url(), {
      model: MODEL_IDS.gpt4oMini,
      tools: [weather, time],
      tool_choice: 'required',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(firstTool.body.choices[0].message.tool_calls.map((call: AnyJson) => call.function.name)).toEqual([
      'get_weather',
    ]);
  });

  it('a named choice: always that tool', async () => {
    const named = await postJson(
      url(),
      afterResults({ type: 'function', function: { name: 'get_weather' } }),
    );
    expect(named.body.choices[0].finish_reason).toBe('tool_calls');
    expect(named.body.choices[0].message.tool_calls[0].function.name).toBe('get_weather');
  });
});
