/**
 * Timings of one request (milliseconds from `performance.now()`), reported as `Server-Timing`:
 * `gateway` is the middleware's own time (before the upstream request and after its headers),
 * `upstream` the wait for upstream's response headers.
 */
export class ServerTiming {
  readonly startedAt: number = performance.now();
  private upstreamStartedAt: number | undefined;
  private upstreamHeadersAt: number | undefined;

  upstreamStarted(): void {
    this.upstreamStartedAt = performance.now();
  }

  upstreamHeaders(): void {
    this.upstreamHeadersAt = performance.now();
  }

  /** The middleware's own overhead so far, in milliseconds. */
  overheadMs(now: number = performance.now()): number {
    if (this.upstreamStartedAt === undefined) return now - this.startedAt;
    const before = this.upstreamStartedAt - this.startedAt;
    return this.upstreamHeadersAt === undefined ? before : before + (now - this.upstreamHeadersAt);
  }

  header(): string {
    const now = performance.now();
    let value = `gateway;dur=${this.overheadMs(now).toFixed(3)};desc="openrouter middleware"`;
    if (this.upstreamStartedAt !== undefined && this.upstreamHeadersAt !== undefined) {
      value += `, upstream;dur=${(this.upstreamHeadersAt - this.upstreamStartedAt).toFixed(3)}`;
    }
    return value;
  }
}
