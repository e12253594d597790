// doStream throughput: this provider vs @openrouter/ai-sdk-provider@3 vs the JSON.parse floor,
// on the same 2,000-chunk stream fed from an in-memory fetch, consumed to the end. Same run.
//
//   pnpm --filter @openrouter-adapters/ai-sdk build && pnpm --filter @openrouter-adapters/ai-sdk bench
//
// Targets (issue 4): at least 4x faster than the official provider, within 2.5x of the floor.

import type { LanguageModelV4, LanguageModelV4CallOptions } from '@ai-sdk/provider';
import { createOpenRouter as createOfficial } from '@openrouter/ai-sdk-provider';
import { createOpenRouterClient } from '@openrouter-adapters/core';
import { createOpenRouter } from '../dist/index.js';
import { createFixtureFetch, createStreamFixture } from './stream-fixture.ts';

const ROUNDS = 60;
const fixture = createStreamFixture();
const fetch = createFixtureFetch(fixture);
const call: LanguageModelV4CallOptions = {
  prompt: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
};

const ours = createOpenRouter({ apiKey: 'sk-or-v1-bench', fetch, maxRetries: 0 })(
  'anthropic/claude-sonnet-4.6',
);
const official = createOfficial({ apiKey: 'sk-or-v1-bench', fetch }).chat(
  'anthropic/claude-sonnet-4.6',
) as unknown as LanguageModelV4;

const client = createOpenRouterClient({ apiKey: 'sk-or-v1-bench', fetch, maxRetries: 0 });

/** Core's chat stream alone (decode + accumulate): the part of our pipeline this package does not own. */
async function consumeCore(): Promise<number> {
  const stream = await client.chat.stream({
    model: 'anthropic/claude-sonnet-4.6',
    messages: [{ role: 'user', content: 'Hi' }],
  });
  let events = 0;
  for await (const _event of stream) events++;
  return events;
}

async function consume(model: LanguageModelV4): Promise<number> {
  const { stream } = await model.doStream(call);
  const reader = stream.getReader();
  let parts = 0;
  for (;;) {
    const { done } = await reader.read();
    if (done) return parts;
    parts++;
  }
}

function floor(): number {
  let count = 0;
  for (const payload of fixture.payloads) if (JSON.parse(payload) !== null) count++;
  return count;
}

async function time(run: () => unknown): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

/** The median, and the minimum (the least noisy estimate on a busy machine). */
const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const minimum = (values: number[]): number => Math.min(...values);

const ourParts = await consume(ours);
const officialParts = await consume(official);
for (let warmup = 0; warmup < 15; warmup++) {
  floor();
  await consumeCore();
  await consume(ours);
  await consume(official);
}
const samples = {
  floor: [] as number[],
  core: [] as number[],
  ours: [] as number[],
  official: [] as number[],
};
for (let round = 0; round < ROUNDS; round++) {
  samples.floor.push(await time(floor));
  samples.core.push(await time(consumeCore));
  samples.ours.push(await time(() => consume(ours)));
  samples.official.push(await time(() => consume(official)));
}
const row = (name: string, values: number[], floorValues: number[], parts: string): string =>
  `| ${name} | ${median(values).toFixed(2)} ms | ${(median(values) / median(floorValues)).toFixed(2)}x | ${minimum(values).toFixed(2)} ms | ${(minimum(values) / minimum(floorValues)).toFixed(2)}x | ${parts} |`;
const ratio = (pick: (values: number[]) => number, a: number[], b: number[]): string =>
  (pick(a) / pick(b)).toFixed(2);
const lines = [
  `doStream over ${fixture.payloads.length} chunks (${(fixture.bytes.length / 1024).toFixed(0)} kB, ${fixture.pieces.length} pieces of 1-4096 bytes), ${ROUNDS} interleaved runs`,
  '',
  '| pipeline | median | x floor | min | x floor (min) | stream parts |',
  '|---|---:|---:|---:|---:|---:|',
  row('JSON.parse floor', samples.floor, samples.floor, '-'),
  row('core chat stream alone (decode + accumulate)', samples.core, samples.floor, '-'),
  row('@openrouter-adapters/ai-sdk doStream', samples.ours, samples.floor, String(ourParts)),
  row('@openrouter/ai-sdk-provider@3.1.0 doStream', samples.official, samples.floor, String(officialParts)),
  '',
  `Speed-up vs the official provider: ${ratio(median, samples.official, samples.ours)}x median, ${ratio(minimum, samples.official, samples.ours)}x min (target >= 4x).`,
  `Ours vs the floor: ${ratio(median, samples.ours, samples.floor)}x median, ${ratio(minimum, samples.ours, samples.floor)}x min (target <= 2.5x).`,
  `Adapter overhead on top of core: ${ratio(minimum, samples.ours, samples.core)}x (min).`,
];
process.stdout.write(`${lines.join('\n')}\n`);
