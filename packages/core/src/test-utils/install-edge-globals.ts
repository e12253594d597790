import { EdgeVM } from '@edge-runtime/vm';

/** The web APIs core relies on, taken from the edge runtime instead of Node. */
export const edgeWebGlobals: readonly string[] = [
  'fetch',
  'Request',
  'Response',
  'Headers',
  'AbortController',
  'AbortSignal',
  'ReadableStream',
  'ReadableStreamDefaultReader',
  'TransformStream',
  'WritableStream',
  'TextDecoder',
  'TextEncoder',
  'TextDecoderStream',
  'TextEncoderStream',
  'URL',
  'URLSearchParams',
  'crypto',
  'atob',
  'btoa',
  'structuredClone',
  'DOMException',
];

// Setup file of the `edge` vitest project. vitest's `edge-runtime` environment only adds the edge
// globals Node lacks: `fetch`, `Response`, `Headers`, streams, `TextDecoder`, `AbortSignal`, Web
// Crypto... would stay Node's own. Installing the edge runtime's implementations makes the code
// under test (the client's real-HTTP tests included) run on the edge's web APIs.
const edge = new EdgeVM().context as Record<string, unknown>;
for (const name of edgeWebGlobals) {
  Object.defineProperty(globalThis, name, { value: edge[name], writable: true, configurable: true });
}
Object.defineProperty(globalThis, Symbol.for('openrouter-adapters.test.edge-globals'), { value: true });
