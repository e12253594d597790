import { type OpenRouterClient, parseJson, type WireModel } from '@openrouter-adapters/core';
import { useCallback, useEffect, useState } from 'react';
import type { DemoConfig } from '../shared/demo-config';
import { describeError } from '../shared/describe-error';

export type BudgetState = { usedUsd: number; limitUsd: number; resetAtMs: number | null };

export type ServerState = {
  config: DemoConfig | undefined;
  models: WireModel[];
  signedIn: boolean;
  budget: BudgetState | undefined;
  /** Plain-words problem loading any of it. */
  problem: string | undefined;
  refresh: () => void;
};

/**
 * What the page loads from the server: its config, the models the middleware allows (`GET
 * /api/openrouter/models` through core's client), whether this visitor signed in with OpenRouter,
 * and their budget (`GET /api/openrouter/usage`).
 */
export function useServerState(client: OpenRouterClient): ServerState {
  const [config, setConfig] = useState<DemoConfig>();
  const [models, setModels] = useState<WireModel[]>([]);
  const [signedIn, setSignedIn] = useState(false);
  const [budget, setBudget] = useState<BudgetState>();
  const [problem, setProblem] = useState<string>();

  const refresh = useCallback(() => {
    readJson<{ data?: { signed_in?: boolean } }>('/api/openrouter/auth/status')
      .then((status) => setSignedIn(status.data?.signed_in === true))
      .catch(() => setSignedIn(false));
    readJson<{
      data?: { limits?: Array<{ metric: string; limit: number; used: number; reset_at_ms: number | null }> };
    }>('/api/openrouter/usage')
      .then((usage) => {
        const usd = usage.data?.limits?.find((limit) => limit.metric === 'usd');
        setBudget(usd ? { usedUsd: usd.used, limitUsd: usd.limit, resetAtMs: usd.reset_at_ms } : undefined);
      })
      .catch(() => setBudget(undefined));
  }, []);

  useEffect(() => {
    readJson<DemoConfig>('/api/demo/config')
      .then(setConfig)
      .catch((error: unknown) => setProblem(`Could not load the demo's settings: ${describeError(error)}`));
    client.models
      .list()
      .then(setModels)
      .catch((error: unknown) => setProblem(`Could not load the models: ${describeError(error)}`));
    refresh();
  }, [client, refresh]);

  return { config, models, signedIn, budget, problem, refresh };
}

/** The demo's own small JSON endpoints (parsed with core's `parseJson`, like all network data). */
async function readJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  const text = await response.text();
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${text.slice(0, 200)}`);
  return parseJson(text, { what: path }) as T;
}
