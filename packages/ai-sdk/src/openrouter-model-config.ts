import type { OpenRouterClient } from '@openrouter-adapters/core';
import type { SettingsLevel } from './resolve-openrouter-settings';

/** What every model of one provider instance shares. */
export type OpenRouterModelConfig = {
  /** The one core client of the provider (all HTTP goes through it). */
  client: OpenRouterClient;
  /** Base URL without trailing slash (for error URLs and telemetry). */
  baseURL: string;
  /** Provider-level OpenRouter options (validated once, at creation). */
  defaults: SettingsLevel;
  /** Core's retry budget: errors it already retried reach the AI SDK as not retryable. */
  maxRetries: number;
  /** Throws `LoadAPIKeyError` when no key is available for openrouter.ai (checked per request). */
  assertApiKey: () => void;
};
