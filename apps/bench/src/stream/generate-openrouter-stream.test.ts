import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateOpenRouterStream } from './generate-openrouter-stream';

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

describe('generateOpenRouterStream', () => {
  it('is deterministic: same options, same bytes', () => {
    const first = generateOpenRouterStream({ chunkCount: 2_000 });
    const second = generateOpenRouterStream({ chunkCount: 2_000 });
    expect(sha256(first.bytes)).toBe(sha256(second.bytes));
    expect(first.expected).toEqual(second.expected);
  });

  it('changes with the seed', () => {
    const first = generateOpenRouterStream({ chunkCount: 200, seed: 1 });
    const second = generateOpenRouterStream({ chunkCount: 200, seed: 2 });
    expect(sha256(first.bytes)).not.toBe(sha256(second.bytes));
  });

  it('produces the stream of the core issue at 2,000 chunks: about 630 kB', () => {
    const stream = generateOpenRouterStream({ chunkCount: 2_000 });
    expect(stream.chunkCount).toBe(2_000);
    expect(stream.bytes.length).toBeGreaterThan(600_000);
    expect(stream.bytes.length).toBeLessThan(680_000);
    const { phases } = stream;
    expect(phases.reasoning + phases.text + phases.toolCalls + phases.finish + phases.usage).toBe(2_000);
  });

  it('scales to 20,000 chunks', () => {
    const stream = generateOpenRouterStream({ chunkCount: 20_000 });
    expect(stream.chunkCount).toBe(20_000);
    expect(stream.bytes.length).toBeGreaterThan(6_000_000);
  });

  it('has every feature a decoder must handle, framed as OpenRouter frames it', () => {
    const stream = generateOpenRouterStream({ chunkCount: 400 });
    const body = new TextDecoder().decode(stream.bytes);
    expect(body.startsWith(': OPENROUTER PROCESSING\n\n')).toBe(true);
    expect(body.endsWith('data: [DONE]\n\n')).toBe(true);
    expect(stream.keepAliveCount).toBeGreaterThan(3);
    // Multi-byte UTF-8 of every length (2, 3 and 4 bytes).
    expect(body).toMatch(/é/);
    expect(body).toMatch(/日本語/);
    expect(body).toMatch(/🚀/);
    const chunks = stream.payloads.map((payload) => JSON.parse(payload));
    expect(chunks.some((chunk) => chunk.choices[0]?.delta?.reasoning_details?.[0]?.signature)).toBe(true);
    expect(chunks.some((chunk) => chunk.choices[0]?.delta?.tool_calls?.[0]?.id)).toBe(true);
    expect(chunks.filter((chunk) => chunk.choices[0]?.finish_reason === 'tool_calls')).toHaveLength(1);
    const last = chunks.at(-1);
    expect(last.usage.completion_tokens).toBe(stream.expected.usage.completionTokens);
    expect(last.choices[0].finish_reason).toBeNull();
  });

  it('describes exactly what a correct accumulator must produce', () => {
    const stream = generateOpenRouterStream({ chunkCount: 300 });
    const chunks = stream.payloads.map((payload) => JSON.parse(payload));
    let text = '';
    let reasoning = '';
    const toolArguments: string[] = ['', ''];
    for (const chunk of chunks) {
      const delta = chunk.choices[0]?.delta ?? {};
      if (typeof delta.content === 'string') text += delta.content;
      if (typeof delta.reasoning === 'string') reasoning += delta.reasoning;
      for (const call of delta.tool_calls ?? []) toolArguments[call.index] += call.function.arguments;
    }
    expect(text).toBe(stream.expected.text);
    expect(reasoning).toBe(stream.expected.reasoning);
    expect(toolArguments).toEqual(stream.expected.toolCalls.map((call) => call.arguments));
    for (const call of stream.expected.toolCalls) expect(() => JSON.parse(call.arguments)).not.toThrow();
  });

  it('rejects sizes too small to hold every phase', () => {
    expect(() => generateOpenRouterStream({ chunkCount: 5 })).toThrow(/at least 16/);
  });
});
