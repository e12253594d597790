import type { ServerResponse } from 'node:http';

/**
 * Wraps a response for timed writes: `sleep` and `write` resolve `false` as soon as the client
 * went away (or the emulator closed), so no timer outlives its connection.
 */
export class ResponseChannel {
  readonly response: ServerResponse;
  private closed = false;
  private timers: Set<NodeJS.Timeout> | undefined;
  private wakeups: Set<() => void> | undefined;

  constructor(response: ServerResponse) {
    this.response = response;
    response.once('close', () => this.shutdown());
  }

  /** True once the connection closed or the response ended. */
  get isClosed(): boolean {
    return this.closed || this.response.destroyed || this.response.writableEnded;
  }

  /** Waits `ms`; resolves `false` early when the connection closes. */
  sleep(ms: number): Promise<boolean> {
    if (this.isClosed) return Promise.resolve(false);
    if (ms <= 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timers = this.timerSet();
      const wakeups = this.wakeupSet();
      const wake = (): void => {
        clearTimeout(timer);
        timers.delete(timer);
        wakeups.delete(wake);
        resolve(false);
      };
      const timer = setTimeout(() => {
        timers.delete(timer);
        wakeups.delete(wake);
        resolve(true);
      }, ms);
      timers.add(timer);
      wakeups.add(wake);
    });
  }

  /** Writes text, waiting for `drain` under backpressure; resolves `false` when closed. */
  write(text: string): Promise<boolean> | boolean {
    if (this.isClosed) return false;
    if (this.response.write(text)) return true;
    return new Promise((resolve) => {
      const wakeups = this.wakeupSet();
      const done = (ok: boolean): void => {
        this.response.off('drain', onDrain);
        wakeups.delete(onClose);
        resolve(ok);
      };
      const onDrain = (): void => done(true);
      const onClose = (): void => done(false);
      this.response.once('drain', onDrain);
      wakeups.add(onClose);
    });
  }

  private timerSet(): Set<NodeJS.Timeout> {
    if (!this.timers) this.timers = new Set();
    return this.timers;
  }

  private wakeupSet(): Set<() => void> {
    if (!this.wakeups) this.wakeups = new Set();
    return this.wakeups;
  }

  private shutdown(): void {
    this.closed = true;
    if (this.timers) for (const timer of this.timers) clearTimeout(timer);
    this.timers?.clear();
    const wakeups = this.wakeups ? [...this.wakeups] : [];
    this.wakeups?.clear();
    for (const wake of wakeups) wake();
  }
}
