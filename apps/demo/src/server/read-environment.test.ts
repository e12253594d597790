import { describe, expect, it } from 'vitest';
import { DEFAULT_ALLOWED_MODELS, DEFAULT_BUDGET_USD_PER_DAY } from './demo-options';
import { readEnvironment } from './read-environment';

describe('readEnvironment', () => {
  it('defaults to emulator mode on the default port', () => {
    expect(readEnvironment({})).toEqual({
      allowedModels: DEFAULT_ALLOWED_MODELS,
      budgetUsdPerDay: DEFAULT_BUDGET_USD_PER_DAY,
    });
  });

  it('reads PORT, HOST, OPENROUTER_API_KEY, DEMO_MODELS and DEMO_BUDGET_USD', () => {
    expect(
      readEnvironment({
        PORT: '8080',
        HOST: '0.0.0.0',
        OPENROUTER_API_KEY: ' sk-or-v1-abc ',
        DEMO_MODELS: 'openai/*, anthropic/claude-sonnet-4.6',
        DEMO_BUDGET_USD: '1.5',
      }),
    ).toEqual({
      port: 8080,
      host: '0.0.0.0',
      openRouterApiKey: 'sk-or-v1-abc',
      allowedModels: ['openai/*', 'anthropic/claude-sonnet-4.6'],
      budgetUsdPerDay: 1.5,
    });
  });

  it('rejects bad values, naming each', () => {
    expect(() =>
      readEnvironment({ PORT: 'eighty', OPENROUTER_API_KEY: 'abc', DEMO_BUDGET_USD: '-1' }),
    ).toThrow(
      /^Invalid environment: PORT must be a port number from 0 to 65535 \(got "eighty"\); OPENROUTER_API_KEY does not look like an OpenRouter key .*; DEMO_BUDGET_USD must be a non-negative number/,
    );
    expect(() => readEnvironment({ PORT: '70000' })).toThrow(/PORT must be a port number/);
  });
});
