/** The right to run one request without an upper bound; `release()` hands it to the next in line. */
export type Turn = { release(): void };

export type TurnResult =
  /** `queued`: the turn was taken when the request arrived, so it waited for another one to end. */
  | { ok: true; turn: Turn; waitedMs: number; queued: boolean }
  | { ok: false; reason: 'timeout' | 'full' | 'aborted'; waitedMs: number };

type Waiter = { grant(): void };

/**
 * One turn per user in this process, with a first-come queue of bounded length and wait.
 * Requests that could overspend a token or USD budget by their whole size (no `max_tokens`, or
 * more than is left) take a turn, so at most one of them per user runs on each instance.
 */
export class UserTurns {
  /** Users whose turn is taken, with who waits for it. */
  private readonly holders = new Map<string, Waiter[]>();
  private readonly maxWaiting: number;

  constructor(maxWaiting: number) {
    this.maxWaiting = maxWaiting;
  }

  /** Requests of `userId` waiting for the turn (not counting the one holding it). */
  waiting(userId: string): number {
    return this.holders.get(userId)?.length ?? 0;
  }

  acquire(userId: string, timeoutMs: number, signal?: AbortSignal): Promise<TurnResult> {
    if (signal?.aborted) return Promise.resolve({ ok: false, reason: 'aborted', waitedMs: 0 });
    const waiters = this.holders.get(userId);
    if (waiters === undefined) {
      this.holders.set(userId, []);
      return Promise.resolve({ ok: true, turn: this.turn(userId), waitedMs: 0, queued: false });
    }
    if (waiters.length >= this.maxWaiting) return Promise.resolve({ ok: false, reason: 'full', waitedMs: 0 });
    const startedAt = Date.now();
    return new Promise((resolve) => {
      const leave = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        const index = waiters.indexOf(waiter);
        if (index >= 0) waiters.splice(index, 1);
      };
      const waiter: Waiter = {
        grant: () => {
          leave();
          resolve({ ok: true, turn: this.turn(userId), waitedMs: Date.now() - startedAt, queued: true });
        },
      };
      const onAbort = (): void => {
        leave();
        resolve({ ok: false, reason: 'aborted', waitedMs: Date.now() - startedAt });
      };
      const timer = setTimeout(() => {
        leave();
        resolve({ ok: false, reason: 'timeout', waitedMs: Date.now() - startedAt });
      }, timeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      waiters.push(waiter);
    });
  }

  private turn(userId: string): Turn {
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        const waiters = this.holders.get(userId);
        const next = waiters?.[0];
        if (next) next.grant();
        else this.holders.delete(userId);
      },
    };
  }
}
