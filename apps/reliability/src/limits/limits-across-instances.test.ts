import { type Emulator, startEmulator } from '@openrouter-adapters/emulator';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createCapture } from '../harness/capture';
import { createApiKey } from '../harness/create-api-key';
import { expectNoLeaks } from '../harness/expect-no-leaks';
import { recordResults } from '../harness/results';
import { markerHeader } from '../paths/chat-path';
import { callInstance, loadBothInstances, startInstancePair } from './instance-pair';

const capture = createCapture();
const serverKey = createApiKey();
const figures: Record<string, unknown> = {};
let emulator: Emulator;

function upstreamRequests(marker: string): number {
  return emulator.requests.filter(
    (request) => request.headers[markerHeader] === marker && request.path.endsWith('/chat/completions'),
  ).length;
}

function chatBody(prompt: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: prompt }], ...extra };
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, requireAuth: true, apiKeys: [{ key: serverKey, limit: null }] });
});

afterAll(async () => {
  await emulator.close();
  recordResults('limits-across-instances', { ...figures, capture: capture.summary() });
});

describe('limits across two middleware instances sharing one Redis', () => {
  it('a request limit holds exactly under concurrent load on both instances', async () => {
    const limit = 25;
    const marker = `requests-${Date.now()}`;
    const pair = await startInstancePair({
      capture,
      serverKey,
      emulator,
      redisUrl: inject('redisSharedUrl'),
      prefix: `rel-requests-${Date.now()}`,
      limits: { requestsPerMinute: limit },
    });
    try {
      const results = await loadBothInstances(pair, 100, 40, (instance) =>
        callInstance(instance, 'user-requests', chatBody('request limit probe'), { [markerHeader]: marker }),
      );
      const admitted = results.filter((result) => result.status === 200).length;
      const rejected = results.filter(
        (result) => result.status === 429 && result.errorType === 'rate_limit_exceeded',
      );
      figures.requestLimit = {
        limit,
        sent: results.length,
        admitted,
        rejected: rejected.length,
        upstream: upstreamRequests(marker),
      };
      expect(admitted).toBe(limit);
      expect(rejected).toHaveLength(results.length - limit);
      expect(upstreamRequests(marker)).toBe(limit);
      const rejection = rejected[0]!;
      expect(Number(rejection.headers['retry-after'])).toBeGreaterThan(0);
      expect(rejection.headers['x-ratelimit-limit']).toBe(String(limit));
      for (const result of results) capture.add('request limit response', result);
    } finally {
      await pair.close();
    }
  });

  for (const metric of ['tokens', 'usd'] as const) {
    it(`a ${metric} budget is not overspent beyond one in-flight request per instance`, {
      timeout: 60_000,
    }, async () => {
      const marker = `${metric}-${Date.now()}`;
      const prompt = `${metric} budget probe [[tokens: 30]]`;
      // One request's price, measured on the emulator directly.
      const probe = await fetch(`${emulator.baseURL}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${serverKey}` },
        body: JSON.stringify(chatBody(prompt)),
      });
      const probeBody = (await probe.json()) as { usage: { total_tokens: number; cost: number } };
      const perRequest = metric === 'tokens' ? probeBody.usage.total_tokens : probeBody.usage.cost;
      const budget = perRequest * 10;
      const pair = await startInstancePair({
        capture,
        serverKey,
        emulator,
        redisUrl: inject('redisSharedUrl'),
        prefix: `rel-${metric}-${Date.now()}`,
        limits: metric === 'tokens' ? { tokensPerMinute: budget } : { usdPerHour: budget },
      });
      try {
        // 8 clients per instance, each calling until the budget answers 429.
        const results = await loadBothInstances(pair, 80, 16, (instance) =>
          callInstance(instance, `user-${metric}`, chatBody(prompt), { [markerHeader]: marker }),
        );
        const admitted = results.filter((result) => result.status === 200).length;
        const spent = pair.usage
          .filter((event) => event.userId === `user-${metric}`)
          .reduce((sum, event) => sum + (metric === 'tokens' ? event.charged.tokens : event.charged.usd), 0);
        const allowedOverspend = 2 * perRequest; // one in-flight request per instance
        figures[`${metric}Budget`] = {
          budget,
          perRequest,
          sent: results.length,
          admitted,
          spent,
          overspendRequests: Math.max(0, Math.round((spent - budget) / perRequest)),
          allowedOverspendRequests: 2,
          upstream: upstreamRequests(marker),
        };
        for (const result of results) capture.add(`${metric} budget response`, result);
        expect(results.every((result) => result.status === 200 || result.status === 429)).toBe(true);
        expect(
          results
            .filter((result) => result.status === 429)
            .every(
              (result) =>
                result.errorType === (metric === 'tokens' ? 'token_limit_exceeded' : 'budget_exceeded'),
            ),
        ).toBe(true);
        expect(spent).toBeGreaterThanOrEqual(budget);
        expect(
          spent,
          `spent ${spent} of a ${budget} budget (${admitted} requests admitted, ${perRequest} each)`,
        ).toBeLessThanOrEqual(budget + allowedOverspend + 1e-12);
      } finally {
        await pair.close();
      }
    });
  }

  it('concurrent streams are limited across both instances and the slots come back', async () => {
    const limit = 3;
    const marker = `streams-${Date.now()}`;
    const pair = await startInstancePair({
      capture,
      serverKey,
      emulator,
      redisUrl: inject('redisSharedUrl'),
      prefix: `rel-streams-${Date.now()}`,
      limits: { concurrentStreams: limit },
    });
    try {
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, index) =>
          callInstance(
            pair.instances[index % 2]!,
            'user-streams',
            chatBody('stream slot probe [[tokens: 20]]', { stream: true }),
            { [markerHeader]: marker, 'x-emulator-scenario': 'slow-tokens; interval_ms=40' },
          ),
        ),
      );
      const admitted = results.filter((result) => result.status === 200).length;
      const rejected = results.filter(
        (result) => result.status === 429 && result.errorType === 'too_many_streams',
      ).length;
      const usage = await fetch(`${pair.instances[1].baseURL}/usage`, {
        headers: { 'x-user': 'user-streams' },
      });
      const active = ((await usage.json()) as { data: { concurrent_streams: { active: number } } }).data
        .concurrent_streams.active;
      figures.concurrentStreams = { limit, sent: results.length, admitted, rejected, activeAfter: active };
      expect(admitted).toBe(limit);
      expect(rejected).toBe(results.length - limit);
      expect(active).toBe(0);
      for (const result of results.filter((item) => item.status === 200))
        expect(result.body).toContain('data: [DONE]');
    } finally {
      await pair.close();
    }
  });
});

describe('Redis going away mid-run', () => {
  it('fails closed by default (clear 503, nothing upstream), open when configured, and recovers', {
    timeout: 60_000,
  }, async () => {
    const control = inject('redisControlUrl');
    const marker = `outage-${Date.now()}`;
    const closed = await startInstancePair({
      capture,
      serverKey,
      emulator,
      redisUrl: inject('redisOutageUrl'),
      prefix: `rel-outage-closed-${Date.now()}`,
      limits: { requestsPerMinute: 1_000, usdPerDay: 10 },
    });
    const open = await startInstancePair({
      capture,
      serverKey,
      emulator,
      redisUrl: inject('redisOutageUrl'),
      prefix: `rel-outage-open-${Date.now()}`,
      limits: { requestsPerMinute: 1_000, usdPerDay: 10 },
      middleware: { storeFailure: 'open' },
    });
    const call = (pair: typeof closed, phase: string) =>
      callInstance(pair.instances[0], 'user-outage', chatBody(`outage probe ${phase}`), {
        [markerHeader]: `${marker}-${phase}`,
      });
    try {
      expect((await call(closed, 'before')).status).toBe(200);
      expect((await call(open, 'before')).status).toBe(200);

      const stop = await fetch(`${control}/outage/stop`, { method: 'POST' });
      expect(stop.status).toBe(204);
      const stoppedAt = Date.now();
      const duringClosed = await call(closed, 'during-closed');
      const closedLatencyMs = Date.now() - stoppedAt;
      const duringOpen = await call(open, 'during-open');
      capture.add('outage responses', [duringClosed, duringOpen]);
      const message =
        (JSON.parse(duringClosed.body) as { error?: { message?: string } }).error?.message ?? '';
      expect(duringClosed.status).toBe(503);
      expect(duringClosed.errorType).toBe('limits_unavailable');
      expect(message).toMatch(/limit|store|unavailable/i);
      expect(upstreamRequests(`${marker}-during-closed`)).toBe(0);
      expect(duringOpen.status).toBe(200);
      expect(upstreamRequests(`${marker}-during-open`)).toBe(1);

      const start = await fetch(`${control}/outage/start`, { method: 'POST' });
      expect(start.status).toBe(204);
      const restartedAt = Date.now();
      let recoveredAfterMs: number | undefined;
      for (let attempt = 0; attempt < 100 && recoveredAfterMs === undefined; attempt++) {
        const result = await call(closed, `after-${attempt}`);
        if (result.status === 200) recoveredAfterMs = Date.now() - restartedAt;
        else await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(recoveredAfterMs, 'the closed instance served again after Redis returned').toBeDefined();
      expect((await call(open, 'after')).status).toBe(200);
      figures.redisOutage = {
        failClosed: {
          status: duringClosed.status,
          errorType: duringClosed.errorType,
          answeredInMs: closedLatencyMs,
          message,
        },
        failOpen: { status: duringOpen.status },
        recoveredAfterMs,
      };
    } finally {
      await fetch(`${control}/outage/start`, { method: 'POST' });
      await closed.close();
      await open.close();
    }
  });
});

describe('limits: secrets', () => {
  it('no API key in any response, log line, usage event or error of the limits tests', () => {
    expectNoLeaks(capture);
  });
});
