import autocannon from 'autocannon';
import type { HttpTarget } from './http-target';

export type AutocannonResult = {
  requestsPerSecond: number;
  /** Whole milliseconds: autocannon's histogram has 1 ms resolution. */
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
};

/** autocannon at a fixed number of connections, as a cross-check of the in-process generator's throughput. */
export async function runAutocannon(
  target: HttpTarget,
  connections: number,
  durationSeconds: number,
): Promise<AutocannonResult> {
  const result = await autocannon({
    url: target.url,
    method: 'POST',
    headers: target.headers,
    body: target.body,
    connections,
    duration: durationSeconds,
    timeout: 10,
  });
  return {
    requestsPerSecond: result['2xx'] / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}
