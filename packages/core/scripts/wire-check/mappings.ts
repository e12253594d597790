// Which of our wire types mirrors which part of openapi.yaml, and in which direction.

import type { Direction } from './compare.ts';

export type Mapping = {
  /** Our exported type (src/wire). */
  type: string;
  /** A JSON pointer into the spec; `parameters` means "the query parameters at this pointer". */
  spec: string;
  parameters?: boolean;
  direction: Direction;
};

const json = 'content/application~1json/schema';

export const mappings: readonly Mapping[] = [
  { type: 'WireChatRequest', spec: '#/components/schemas/ChatRequest', direction: 'request' },
  { type: 'WireChatResponse', spec: '#/components/schemas/ChatResult', direction: 'response' },
  { type: 'WireChatChunk', spec: '#/components/schemas/ChatStreamChunk', direction: 'response' },
  { type: 'WireUsage', spec: '#/components/schemas/ChatUsage', direction: 'response' },
  { type: 'WireReasoningDetail', spec: '#/components/schemas/ReasoningDetailUnion', direction: 'response' },
  { type: 'WireErrorBody', spec: '#/components/schemas/BadRequestResponse', direction: 'response' },
  { type: 'WireModel', spec: '#/components/schemas/Model', direction: 'response' },
  { type: 'WireModelsResponse', spec: '#/components/schemas/ModelsListResponse', direction: 'response' },
  {
    type: 'WireModelsQuery',
    spec: '#/paths/~1models/get/parameters',
    parameters: true,
    direction: 'request',
  },
  {
    type: 'WireModelEndpointsResponse',
    spec: `#/paths/~1models~1{author}~1{slug}~1endpoints/get/responses/200/${json}`,
    direction: 'response',
  },
  {
    type: 'WireEmbeddingRequest',
    spec: `#/paths/~1embeddings/post/requestBody/${json}`,
    direction: 'request',
  },
  {
    type: 'WireEmbeddingResponse',
    spec: `#/paths/~1embeddings/post/responses/200/${json}`,
    direction: 'response',
  },
  { type: 'WireGenerationResponse', spec: '#/components/schemas/GenerationResponse', direction: 'response' },
  { type: 'WireKeyResponse', spec: `#/paths/~1key/get/responses/200/${json}`, direction: 'response' },
  { type: 'WireCreditsResponse', spec: `#/paths/~1credits/get/responses/200/${json}`, direction: 'response' },
];

/** Wire types with no counterpart in the spec, and why (reported, not checked). */
export const unmapped: ReadonlyMap<string, string> = new Map([
  ['WireCompletionRequest', 'legacy POST /completions is not described by openapi.yaml'],
  ['WireCompletionResponse', 'legacy POST /completions is not described by openapi.yaml'],
  ['WireCompletionChunk', 'legacy POST /completions is not described by openapi.yaml'],
]);
