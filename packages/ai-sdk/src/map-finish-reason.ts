import type { LanguageModelV4FinishReason } from '@ai-sdk/provider';

/**
 * OpenRouter's finish reason as the V4 `{ unified, raw }` pair. Tool calls finished with `stop`
 * (Gemini does this) count as `tool-calls`, so agent loops continue.
 */
export function mapFinishReason(raw: string | undefined, hasToolCalls: boolean): LanguageModelV4FinishReason {
  switch (raw) {
    case 'stop':
      return { unified: hasToolCalls ? 'tool-calls' : 'stop', raw };
    case 'length':
      return { unified: 'length', raw };
    case 'tool_calls':
      return { unified: 'tool-calls', raw };
    case 'content_filter':
      return { unified: 'content-filter', raw };
    case 'error':
      return { unified: 'error', raw };
    default:
      return { unified: hasToolCalls ? 'tool-calls' : 'other', raw };
  }
}
