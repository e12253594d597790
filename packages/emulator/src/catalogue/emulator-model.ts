import type { CatalogueModel } from './catalogue-types';

const FAULT_PARAMETERS = [
  'temperature',
  'top_p',
  'stop',
  'seed',
  'max_tokens',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'response_format',
  'structured_outputs',
  'reasoning',
  'include_reasoning',
  'reasoning_effort',
];

/**
 * The model behind `emulator/<scenario>` ids: a capable chat model (tools, structured outputs,
 * Anthropic-style reasoning on request) served by "FakeProvider", priced like GPT-4o-mini.
 * Never listed by `GET /models`.
 */
export function createEmulatorModel(id: string): CatalogueModel {
  return {
    id,
    canonicalSlug: id,
    name: `Emulator: ${id.slice('emulator/'.length)}`,
    created: 1767225600,
    description: 'Fault-injection model of the OpenRouter emulator.',
    kind: 'chat',
    contextLength: 128000,
    inputModalities: ['text', 'image', 'file'],
    outputModalities: ['text'],
    tokenizer: 'Other',
    instructType: null,
    supportedParameters: FAULT_PARAMETERS,
    hidden: true,
    reasoning: {
      format: 'anthropic-claude-v1',
      mandatory: false,
      defaultEnabled: false,
      supportedEfforts: ['low', 'medium', 'high'],
      defaultEffort: 'medium',
    },
    providers: [
      {
        name: 'FakeProvider',
        slug: 'fakeprovider',
        pricing: { prompt: '0.00000015', completion: '0.0000006' },
        contextLength: 128000,
        maxCompletionTokens: 16384,
        quantization: 'unknown',
        dataCollection: 'deny',
        zdr: true,
        supportedParameters: FAULT_PARAMETERS,
        latency: { p50: 0.3, p75: 0.4, p90: 0.5, p99: 0.9 },
        throughput: { p50: 100, p75: 85, p90: 70, p99: 45 },
        uptime: 100,
        supportsImplicitCaching: true,
        nativeFinishReasons: 'openai',
      },
    ],
  };
}
