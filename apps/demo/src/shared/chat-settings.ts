import type { OpenRouterOptions } from '@openrouter-adapters/core';

export type SortChoice = 'default' | 'price' | 'throughput' | 'latency';
export type ReasoningChoice = 'default' | 'low' | 'medium' | 'high';

export const SORT_CHOICES: readonly SortChoice[] = ['default', 'price', 'throughput', 'latency'];
export const REASONING_CHOICES: readonly ReasoningChoice[] = ['default', 'low', 'medium', 'high'];

/** What the page's controls choose for one message; the same on all three paths. */
export type ChatSettings = {
  model: string;
  /** Tried in order when the model fails (OpenRouter's `models`). */
  fallbackModels: string[];
  sort: SortChoice;
  /** Zero-data-retention endpoints only (on top of the server's `dataCollection: 'deny'`). */
  zdr: boolean;
  reasoning: ReasoningChoice;
  /** Let the model call the calculator (`tool_choice: auto`); off: the tool is offered with `none`. */
  tools: boolean;
  /** An emulator fault scenario id (emulator mode only). */
  scenario?: string;
};

/** The OpenRouter options the page's controls set. */
export type RoutingOptions = Partial<Pick<OpenRouterOptions, 'models' | 'provider' | 'reasoning'>>;

/** The routing part of the settings as OpenRouter options (camelCase; core converts them). */
export function toOpenRouterOptions(settings: ChatSettings): RoutingOptions {
  const options: RoutingOptions = {};
  const fallbacks = settings.fallbackModels.filter((model) => model !== settings.model);
  if (fallbacks.length > 0) options.models = [settings.model, ...fallbacks];
  const provider: NonNullable<OpenRouterOptions['provider']> = {};
  if (settings.sort !== 'default') provider.sort = settings.sort;
  if (settings.zdr) provider.zdr = true;
  if (Object.keys(provider).length > 0) options.provider = provider;
  if (settings.reasoning !== 'default') options.reasoning = { effort: settings.reasoning };
  return options;
}

/** Splits the fallback text field ("a/b, c/d") into model ids. */
export function parseModelList(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((model) => model.trim())
    .filter((model) => model !== '');
}
