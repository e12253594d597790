// Memory check: decode a lazily generated 50 MB stream through createChatStream and report heap
// growth (target < 5 MB: nothing buffers the body). Run after building:
// `node --expose-gc bench/memory.bench.ts` (Node 24). `--strict` exits non-zero when missed.
import { createChatStream, type ResponseMeta } from '../dist/index.js';
import { generateStreamEvents } from './generate-stream.ts';

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) {
  console.error('Run with `node --expose-gc bench/memory.bench.ts`.');
  process.exit(2);
}
const collect = gc;
const mebibyte = 1024 * 1024;
const streamBytes = 50 * mebibyte;
const targetMebibytes = 5;
const sampleEvery = 2 * mebibyte;

const meta: ResponseMeta = {
  status: 200,
  headers: { 'content-type': 'text/event-stream' },
  generationId: undefined,
  url: 'memory-bench',
  attempts: 1,
};

/** A lazily generated stream (~320 bytes per chunk, token-sized deltas as OpenRouter sends them). */
function lazyResponse(bytes: number, seed: number): { response: Response; produced: () => number } {
  const events = generateStreamEvents({ chunks: Math.round(bytes / 320), seed, maxWordsPerDelta: 1 });
  const encoder = new TextEncoder();
  let produced = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        let batch = '';
        while (batch.length < 64 * 1024) {
          const next = events.next();
          if (next.done) break;
          batch += next.value;
        }
        if (batch === '') return controller.close();
        const encoded = encoder.encode(batch);
        produced += encoded.length;
        controller.enqueue(encoded);
      },
    },
    { highWaterMark: 0 },
  );
  const response = new Response(body, { headers: { 'content-type': 'text/event-stream' } });
  return { response, produced: () => produced };
}

// Warm-up: compile and optimise the whole pipeline first, so the baseline excludes one-time code.
await createChatStream(lazyResponse(4 * mebibyte, 1).response, meta, {}).result();

const usage = (): { heap: number; arrayBuffers: number } => {
  collect();
  collect();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return { heap: heapUsed, arrayBuffers };
};

const baseline = usage();
let peakHeap = 0;
let peakArrayBuffers = 0;
let nextSample = sampleEvery;
let eventCount = 0;
const started = performance.now();
const source = lazyResponse(streamBytes, 99);
const stream = createChatStream(source.response, meta, { idleTimeoutMs: 30_000 });
for await (const event of stream) {
  eventCount++;
  if (event.type === 'error') throw event.error;
  if (source.produced() >= nextSample) {
    nextSample += sampleEvery;
    const now = usage();
    peakHeap = Math.max(peakHeap, now.heap - baseline.heap);
    peakArrayBuffers = Math.max(peakArrayBuffers, now.arrayBuffers - baseline.arrayBuffers);
  }
}
const elapsed = performance.now() - started;
const result = await stream.result();
const end = usage();
const retainedText =
  result.text.length +
  result.reasoning.length +
  result.toolCalls.reduce((sum, call) => sum + call.arguments.length, 0) +
  result.reasoningDetails.reduce(
    (sum, detail) => sum + String((detail as { text?: unknown }).text ?? '').length,
    0,
  );

const mb = (bytes: number): string => (bytes / mebibyte).toFixed(2);
console.log(
  `\nDecoded ${mb(source.produced())} MiB (${eventCount} events) through createChatStream from a lazily generated ReadableStream in ${(elapsed / 1000).toFixed(1)} s (${(source.produced() / mebibyte / (elapsed / 1000)).toFixed(0)} MiB/s).\n`,
);
console.log('| measure | MiB |');
console.log('|---|---:|');
console.log(`| peak heap growth while decoding (sampled after GC every 2 MiB) | ${mb(peakHeap)} |`);
console.log(`| heap growth at the end, result still referenced | ${mb(end.heap - baseline.heap)} |`);
console.log(`| peak ArrayBuffer growth | ${mb(peakArrayBuffers)} |`);
console.log(
  `| the result's own text (text + reasoning + details + tool arguments, ${retainedText.toLocaleString('en')} characters) | ≤ ${mb(retainedText * 2)} |`,
);
const met = peakHeap < targetMebibytes * mebibyte;
console.log(
  `\nMemory target (heap growth < ${targetMebibytes} MiB): ${met ? 'met' : 'MISSED'} — peak ${mb(peakHeap)} MiB.`,
);
if (!met && process.argv.includes('--strict')) process.exitCode = 1;
