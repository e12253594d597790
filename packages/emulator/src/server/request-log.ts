import type { RecordedRequest, WaitForOptions } from './emulator-types';

type Waiter = {
  predicate: (requests: RecordedRequest[]) => boolean;
  resolve: () => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
};

/** The live request log behind `emulator.requests` and `emulator.waitFor`. */
export class RequestLog {
  /** Live array (never replaced, so callers may hold on to it). */
  readonly requests: RecordedRequest[] = [];
  private readonly maxRecords: number;
  private counter = 0;
  private readonly waiters = new Set<Waiter>();
  private notifyScheduled = false;

  constructor(maxRecords: number) {
    this.maxRecords = Math.max(1, maxRecords);
  }

  nextId(): string {
    this.counter += 1;
    return `req_${this.counter}`;
  }

  add(record: RecordedRequest): void {
    if (this.requests.length >= this.maxRecords)
      this.requests.splice(0, this.requests.length - this.maxRecords + 1);
    this.requests.push(record);
    this.changed();
  }

  /** Call after mutating a record (end, disconnect, status) so waiters re-check. */
  changed(): void {
    if (this.waiters.size === 0 || this.notifyScheduled) return;
    this.notifyScheduled = true;
    queueMicrotask(() => {
      this.notifyScheduled = false;
      this.check();
    });
  }

  waitFor(predicate: (requests: RecordedRequest[]) => boolean, options: WaitForOptions = {}): Promise<void> {
    const timeoutMs = options.timeoutMs ?? 5000;
    try {
      if (predicate(this.requests)) return Promise.resolve();
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        predicate,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          reject(
            new Error(
              `emulator.waitFor: the predicate did not hold within ${timeoutMs} ms (${this.requests.length} requests recorded: ${this.describe()})`,
            ),
          );
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  reset(): void {
    this.requests.length = 0;
    this.changed();
  }

  /** Rejects pending waiters (the emulator is closing). */
  close(): void {
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error('emulator.waitFor: the emulator was closed before the predicate held'));
    }
    this.waiters.clear();
  }

  private check(): void {
    for (const waiter of [...this.waiters]) {
      let holds = false;
      try {
        holds = waiter.predicate(this.requests);
      } catch (error) {
        clearTimeout(waiter.timer);
        this.waiters.delete(waiter);
        waiter.reject(error instanceof Error ? error : new Error(String(error)));
        continue;
      }
      if (holds) {
        clearTimeout(waiter.timer);
        this.waiters.delete(waiter);
        waiter.resolve();
      }
    }
  }

  private describe(): string {
    const recent = this.requests.slice(-5).map((request) => {
      const state =
        request.clientDisconnectedAt !== undefined
          ? 'client disconnected'
          : request.endedAt !== undefined
            ? `ended ${request.status ?? ''}`.trim()
            : 'in progress';
      return `${request.method} ${request.path} (${state})`;
    });
    return recent.length > 0 ? `last: ${recent.join('; ')}` : 'none';
  }
}
