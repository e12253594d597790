import { DEFAULT_ALLOWED_MODELS, DEFAULT_BUDGET_USD_PER_DAY, type DemoServerOptions } from './demo-options';

/**
 * The demo's settings from environment variables: `PORT` (default 3000), `HOST` (default
 * 127.0.0.1), `OPENROUTER_API_KEY` (unset: emulator mode), `DEMO_MODELS` (comma-separated
 * allowlist) and `DEMO_BUDGET_USD` (per visitor per day). Bad values throw one error naming each.
 */
export function readEnvironment(environment: Record<string, string | undefined>): DemoServerOptions {
  const problems: string[] = [];
  const options: DemoServerOptions = {};

  const port = environment.PORT?.trim();
  if (port !== undefined && port !== '') {
    const value = Number(port);
    if (!Number.isInteger(value) || value < 0 || value > 65535) {
      problems.push(`PORT must be a port number from 0 to 65535 (got "${port}")`);
    } else {
      options.port = value;
    }
  }

  const host = environment.HOST?.trim();
  if (host !== undefined && host !== '') options.host = host;

  const apiKey = environment.OPENROUTER_API_KEY?.trim();
  if (apiKey !== undefined && apiKey !== '') {
    if (!apiKey.startsWith('sk-or-')) {
      problems.push('OPENROUTER_API_KEY does not look like an OpenRouter key (they start with "sk-or-")');
    } else {
      options.openRouterApiKey = apiKey;
    }
  }

  const models = environment.DEMO_MODELS?.trim();
  if (models !== undefined && models !== '') {
    const list = models
      .split(',')
      .map((model) => model.trim())
      .filter((model) => model !== '');
    if (list.length === 0)
      problems.push('DEMO_MODELS must list model ids, e.g. "openai/*,anthropic/claude-sonnet-4.6"');
    else options.allowedModels = list;
  } else {
    options.allowedModels = DEFAULT_ALLOWED_MODELS;
  }

  const budget = environment.DEMO_BUDGET_USD?.trim();
  if (budget !== undefined && budget !== '') {
    const value = Number(budget);
    if (!Number.isFinite(value) || value < 0) {
      problems.push(`DEMO_BUDGET_USD must be a non-negative number of dollars (got "${budget}")`);
    } else {
      options.budgetUsdPerDay = value;
    }
  } else {
    options.budgetUsdPerDay = DEFAULT_BUDGET_USD_PER_DAY;
  }

  if (problems.length > 0) throw new Error(`Invalid environment: ${problems.join('; ')}`);
  return options;
}
