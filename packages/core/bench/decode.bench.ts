// Decode benchmark: the bytes of a realistic OpenRouter stream → accumulated typed chunks, against the
// floor of `JSON.parse` on the same payloads. Run after building: `node bench/decode.bench.ts`
// (Node 24). `--strict` exits non-zero when the target is missed.
import { cpus } from 'node:os';
import { type ChatStreamEvent, createChatEventDecoder, createSseDecoder } from '../dist/index.js';
import {
  createSeededRandom,
  dataPayloads,
  generateStreamEvents,
  type StreamShape,
} from './generate-stream.ts';

const target = 1.2;
const warmupRounds = 60;
const rounds = 300;
/** Runs per measurement (a run takes a few ms; three keep timer granularity out of the numbers). */
const runsPerSample = 3;

type Stream = { label: string; bytes: Uint8Array; payloads: string[]; pieces: Uint8Array[] };

function makeStream(label: string, shape: Omit<StreamShape, 'chunks' | 'seed'>): Stream {
  const events = [...generateStreamEvents({ chunks: 2000, seed: 2026, ...shape })];
  const bytes = new TextEncoder().encode(events.join(''));
  const random = createSeededRandom(7);
  const pieces: Uint8Array[] = [];
  for (let start = 0; start < bytes.length; ) {
    const size = 1 + Math.floor(random() * 4096);
    pieces.push(bytes.subarray(start, start + size));
    start += size;
  }
  // The floor gets each payload as its own flat string (what `TextDecoder` makes of one event's
  // bytes: one-byte when it can be), the fastest input `JSON.parse` can have.
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  const payloads = dataPayloads(events).map((payload) => decoder.decode(encoder.encode(payload)));
  return { label, bytes, payloads, pieces };
}

const english = makeStream('English text, 4% multi-byte words', { multibyteShare: 0.04 });
const multilingual = makeStream('multilingual text, 50% multi-byte words', { multibyteShare: 0.5 });
const varying = makeStream('English text, a different envelope in every chunk', {
  multibyteShare: 0.04,
  varyEnvelope: true,
});
let sink = 0;

/** (a) The floor: `JSON.parse` of every data payload, already decoded to strings. */
const floor = (stream: Stream) => (): void => {
  for (const payload of stream.payloads) sink += (JSON.parse(payload) as { created: number }).created & 1;
};

/** SSE framing and UTF-8 decoding only (no JSON), for reference. */
const sseOnly = (stream: Stream) => (): void => {
  const decoder = createSseDecoder({ onEvent: (event) => (sink += event.data.length & 1) });
  for (const piece of stream.pieces) decoder.feed(piece);
  decoder.end();
};

type Outcome = { text: string; reasoning: string; toolArguments: string; outputTokens: number | undefined };

/** (b) Ours: bytes → SSE → JSON → accumulated typed chunks and deltas, and the final result. */
const decode = (stream: Stream): Outcome => {
  let last: ChatStreamEvent | undefined;
  const decoder = createChatEventDecoder({
    onEvent: (event) => {
      last = event;
      if (event.type === 'chunk') sink += event.deltas.length;
    },
  });
  for (const piece of stream.pieces) decoder.feed(piece);
  decoder.end();
  if (last?.type !== 'end')
    throw new Error(`The benchmark stream did not end cleanly: ${JSON.stringify(last)}`);
  const { result } = last;
  return {
    text: result.text,
    reasoning: result.reasoning,
    toolArguments: result.toolCalls.map((call) => call.arguments).join('\n'),
    outputTokens: result.usage?.outputTokens,
  };
};
const ours = (stream: Stream) => (): void => {
  sink += decode(stream).text.length;
};

/** What any correct decoder must produce, straight from the payloads (untimed sanity check). */
function expectedOutcome(stream: Stream): Outcome {
  type Payload = {
    choices: {
      delta: { content?: string; reasoning?: string; tool_calls?: { function: { arguments?: string } }[] };
    }[];
    usage?: { completion_tokens: number };
  };
  const outcome: Outcome = { text: '', reasoning: '', toolArguments: '', outputTokens: undefined };
  for (const payload of stream.payloads) {
    const chunk = JSON.parse(payload) as Payload;
    const delta = chunk.choices[0]?.delta;
    outcome.text += delta?.content ?? '';
    outcome.reasoning += delta?.reasoning ?? '';
    outcome.toolArguments += delta?.tool_calls?.[0]?.function.arguments ?? '';
    outcome.outputTokens ??= chunk.usage?.completion_tokens;
  }
  return outcome;
}
for (const stream of [english, multilingual, varying]) {
  const actual = JSON.stringify(decode(stream));
  if (actual !== JSON.stringify(expectedOutcome(stream))) {
    throw new Error(`Wrong output for the ${stream.label} stream: ${actual.slice(0, 200)}`);
  }
}

const candidates = [
  { name: 'floor: JSON.parse of the payloads', floorIndex: 0, run: floor(english) },
  { name: 'createSseDecoder: framing + UTF-8 only', floorIndex: 0, run: sseOnly(english) },
  { name: '**createChatEventDecoder: bytes → accumulated chunks**', floorIndex: 0, run: ours(english) },
  { name: 'floor, multilingual stream', floorIndex: 3, run: floor(multilingual) },
  { name: 'createChatEventDecoder, multilingual stream', floorIndex: 3, run: ours(multilingual) },
  { name: 'floor, envelope varies per chunk', floorIndex: 5, run: floor(varying) },
  { name: 'createChatEventDecoder, envelope varies per chunk', floorIndex: 5, run: ours(varying) },
];
const wall = candidates.map(() => [] as number[]);
const cpu = candidates.map(() => [] as number[]);

for (let round = 0; round < warmupRounds + rounds; round++) {
  // Interleaved, the order rotating every round so that no candidate always runs first.
  for (let offset = 0; offset < candidates.length; offset++) {
    const index = (round + offset) % candidates.length;
    const candidate = candidates[index] as (typeof candidates)[number];
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    for (let run = 0; run < runsPerSample; run++) candidate.run();
    const elapsed = (performance.now() - start) / runsPerSample;
    const used = process.cpuUsage(cpuStart);
    if (round >= warmupRounds) {
      wall[index]?.push(elapsed);
      cpu[index]?.push((used.user + used.system) / 1000 / runsPerSample);
    }
  }
}

const quantile = (values: readonly number[], q: number): number => {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};
const median = (values: readonly number[]): number => quantile(values, 0.5);

console.log(
  `\n${english.payloads.length} JSON chunks (20% reasoning deltas with reasoning_details and a signature, 70% text, ` +
    `10% tool-call argument deltas, finish, usage) + keep-alives + [DONE]: ${(english.bytes.length / 1000).toFixed(0)} kB ` +
    `(${english.label}), fed in ${english.pieces.length} seeded-random pieces of 1..4096 bytes.\n` +
    `${rounds} interleaved rounds after ${warmupRounds} warm-up, ${runsPerSample} runs per sample; ` +
    `Node ${process.versions.node}, ${cpus().length} CPUs. "CPU" is process CPU time (robust when the machine is busy).\n` +
    'The floor parses each payload from its own flat string. Ours starts from the bytes and ends with the\n' +
    'accumulated result; it parses only `choices[0].delta` of a chunk whose envelope (every byte around the\n' +
    'delta) repeats the previous one, as OpenRouter sends it; the last stream defeats that on purpose.\n',
);
console.log('| pipeline | median ms | p10–p90 ms | median CPU ms | × floor | × floor (CPU) |');
console.log('|---|---:|---:|---:|---:|---:|');
const ratios = candidates.map((candidate, index) => {
  const wallRatio = median(wall[index] ?? []) / median(wall[candidate.floorIndex] ?? []);
  const cpuRatio = median(cpu[index] ?? []) / median(cpu[candidate.floorIndex] ?? []);
  console.log(
    `| ${candidate.name} | ${median(wall[index] ?? []).toFixed(3)} | ${quantile(wall[index] ?? [], 0.1).toFixed(3)}–${quantile(wall[index] ?? [], 0.9).toFixed(3)} | ${median(cpu[index] ?? []).toFixed(3)} | ${wallRatio.toFixed(2)} | ${cpuRatio.toFixed(2)} |`,
  );
  return { wallRatio, cpuRatio };
});
const { wallRatio, cpuRatio } = ratios[2] as { wallRatio: number; cpuRatio: number };
const met = Math.min(wallRatio, cpuRatio) <= target;
console.log(
  `\nDecode target (≤ ${target}× the floor): ${met ? 'met' : 'MISSED'} — ${wallRatio.toFixed(2)}× wall, ${cpuRatio.toFixed(2)}× CPU.${sink === -1 ? '' : ''}`,
);
if (!met && process.argv.includes('--strict')) process.exitCode = 1;
