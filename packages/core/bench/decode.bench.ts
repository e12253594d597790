// Decode benchmark: bytes of a realistic OpenRouter stream → accumulated typed chunks, against the
// floor of `JSON.parse` on the same payloads. Run after building: `node bench/decode.bench.ts`
// (Node 24). `--strict` exits non-zero when the target is missed.
import { type ChatStreamEvent, createChatEventDecoder, createSseDecoder } from '../dist/index.js';
import { createSeededRandom, dataPayloads, generateStreamEvents } from './generate-stream.ts';

const target = 1.2;
const warmupRounds = 60;
const rounds = 300;

const events = [...generateStreamEvents({ chunks: 2000, seed: 2026 })];
const bytes = new TextEncoder().encode(events.join(''));
const payloads = dataPayloads(events);
const random = createSeededRandom(7);
const pieces: Uint8Array[] = [];
for (let start = 0; start < bytes.length; ) {
  const size = 1 + Math.floor(random() * 4096);
  pieces.push(bytes.subarray(start, start + size));
  start += size;
}

let sink = 0;

/** (a) The floor: `JSON.parse` of every data payload, already decoded to strings. */
function floor(): void {
  for (const payload of payloads) sink += (JSON.parse(payload) as { created: number }).created & 1;
}

/** SSE framing and UTF-8 decoding only (no JSON), for reference. */
function sseOnly(): void {
  const decoder = createSseDecoder({ onEvent: (event) => (sink += event.data.length & 1) });
  for (const piece of pieces) decoder.feed(piece);
  decoder.end();
}

/** (b) Ours: bytes → SSE → JSON → accumulated typed chunks and deltas, with the final result. */
function ours(): void {
  let last: ChatStreamEvent | undefined;
  const decoder = createChatEventDecoder({
    onEvent: (event) => {
      last = event;
      if (event.type === 'chunk') sink += event.deltas.length;
    },
  });
  for (const piece of pieces) decoder.feed(piece);
  decoder.end();
  if (last?.type !== 'end') throw new Error(`The benchmark stream did not end cleanly: ${JSON.stringify(last)}`);
  sink += last.result.text.length;
}

const candidates = [
  { name: 'floor: JSON.parse of the payloads', run: floor },
  { name: 'createSseDecoder (framing + UTF-8, no JSON)', run: sseOnly },
  { name: 'createChatEventDecoder (bytes → accumulated chunks)', run: ours },
];
const samples = candidates.map(() => [] as number[]);

for (let round = 0; round < warmupRounds + rounds; round++) {
  // Interleaved, with the order rotating every round so no candidate always runs first.
  for (let offset = 0; offset < candidates.length; offset++) {
    const index = (round + offset) % candidates.length;
    const start = performance.now();
    candidates[index]?.run();
    const elapsed = performance.now() - start;
    if (round >= warmupRounds) samples[index]?.push(elapsed);
  }
}

const quantile = (sorted: readonly number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
const stats = samples.map((values) => {
  const sorted = values.slice().sort((a, b) => a - b);
  return { median: quantile(sorted, 0.5), p10: quantile(sorted, 0.1), p90: quantile(sorted, 0.9) };
});
const floorMedian = stats[0]?.median ?? Number.NaN;
const megabytes = bytes.length / 1e6;

console.log(
  `\nStream: ${payloads.length} JSON chunks + keep-alives + [DONE], ${(bytes.length / 1000).toFixed(0)} kB, ` +
    `fed in ${pieces.length} random pieces of 1..4096 bytes; ${rounds} interleaved rounds after ${warmupRounds} warm-up (Node ${process.versions.node}).\n`,
);
console.log('| pipeline | median ms | p10–p90 ms | × floor | MB/s |');
console.log('|---|---:|---:|---:|---:|');
candidates.forEach((candidate, index) => {
  const { median, p10, p90 } = stats[index] as { median: number; p10: number; p90: number };
  console.log(
    `| ${candidate.name} | ${median.toFixed(3)} | ${p10.toFixed(3)}–${p90.toFixed(3)} | ${(median / floorMedian).toFixed(2)} | ${(megabytes / (median / 1000)).toFixed(0)} |`,
  );
});
const ratio = (stats[2]?.median ?? Number.NaN) / floorMedian;
const met = ratio <= target;
console.log(`\nDecode target (≤ ${target}× the floor): ${met ? 'met' : 'MISSED'} (${ratio.toFixed(2)}×)${sink === 0.5 ? '' : ''}`);
if (!met && process.argv.includes('--strict')) process.exitCode = 1;
