import type { EmulatorOptions } from '@openrouter-adapters/emulator';
import type { Limits } from '@openrouter-adapters/express';

/** Models the demo's middleware allows (OpenRouter ids; the emulator serves the same ones). */
export const DEFAULT_ALLOWED_MODELS: readonly string[] = [
  'openai/gpt-4o-mini',
  'openai/gpt-5-mini',
  'anthropic/claude-sonnet-4.6',
  'google/gemini-2.5-flash',
  'meta-llama/llama-3.3-70b-instruct',
  'meta-llama/llama-3.3-70b-instruct:free',
  'openrouter/auto',
];

export const DEFAULT_MODEL = 'openai/gpt-4o-mini';

/** Each visitor may spend this much per day (USD), and no more. */
export const DEFAULT_BUDGET_USD_PER_DAY = 0.25;

/** Options of `startDemoServer` (tests pass their own; `main.ts` reads the environment). */
export type DemoServerOptions = {
  /** Default 3000; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** A real OpenRouter key: talk to OpenRouter. Without it the emulator runs in-process. */
  openRouterApiKey?: string;
  /** The upstream API with a key (default `https://openrouter.ai/api/v1`). */
  openRouterBaseURL?: string;
  /** Emulator options in emulator mode (default: realistic latency). */
  emulator?: EmulatorOptions;
  allowedModels?: readonly string[];
  budgetUsdPerDay?: number;
  /** Extra per-visitor limits on top of the budget. */
  limits?: Limits;
  /** Where the built page is (default: dist/page next to src). */
  pageDirectory?: string;
  /** Log lines (default: none). */
  log?: (line: string) => void;
};
