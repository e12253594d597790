import { InvalidArgumentError } from '@ai-sdk/provider';
import { jsonSchema, type Tool } from '@ai-sdk/provider-utils';

/** Configuration of OpenRouter's `openrouter:web_search` server tool. */
export type WebSearchToolOptions = {
  /** `auto` (default): native search when the provider has it, else Exa. */
  engine?: 'auto' | 'native' | 'exa' | 'parallel' | 'firecrawl' | 'perplexity' | (string & {});
  /** Results per search call (default 5). */
  maxResults?: number;
  /** Results across all searches of one request (default 50). */
  maxTotalResults?: number;
  /** Searches the model may run in one request. */
  maxUses?: number;
  /** Characters of content per result. */
  maxCharacters?: number;
  searchContextSize?: 'low' | 'medium' | 'high';
  /** Only these domains (exclusive with `excludedDomains`). */
  allowedDomains?: string[];
  excludedDomains?: string[];
  /** Engine-native search mode (e.g. Exa `deep`, Parallel `advanced`). */
  mode?: string;
};

const WIRE_NAMES: Record<keyof WebSearchToolOptions, string> = {
  engine: 'engine',
  maxResults: 'max_results',
  maxTotalResults: 'max_total_results',
  maxUses: 'max_uses',
  maxCharacters: 'max_characters',
  searchContextSize: 'search_context_size',
  allowedDomains: 'allowed_domains',
  excludedDomains: 'excluded_domains',
  mode: 'mode',
};

/**
 * OpenRouter's web search server tool: OpenRouter runs the searches and the answer cites its
 * sources (they arrive as `source` parts). Use it as `tools: { webSearch: openrouter.tools.webSearch() }`.
 */
export function webSearchTool(options: WebSearchToolOptions = {}): Tool<Record<string, unknown>, unknown> {
  const args: Record<string, unknown> = {};
  for (const key in options) {
    const value = options[key as keyof WebSearchToolOptions];
    const wireName = WIRE_NAMES[key as keyof WebSearchToolOptions];
    if (wireName === undefined) {
      throw new InvalidArgumentError({
        argument: `webSearch.${key}`,
        message: `Unknown web search option "${key}" (known: ${Object.keys(WIRE_NAMES).join(', ')}).`,
      });
    }
    if (value !== undefined) args[wireName] = value;
  }
  return {
    type: 'provider',
    id: 'openrouter.web_search',
    isProviderExecuted: true,
    args,
    inputSchema: jsonSchema<Record<string, unknown>>({ type: 'object' }),
    outputSchema: jsonSchema<unknown>({}),
  };
}
