/** Why the middleware stopped an upstream request itself. */
export type StopReason = 'client-aborted' | 'timeout' | 'idle-timeout';

/**
 * The abort switch of one upstream request: the client leaving, the total timeout and the idle
 * timeout all stop it through one `AbortController`, and the first reason wins.
 */
export class UpstreamControl {
  private readonly controller = new AbortController();
  private stopReason: StopReason | undefined;

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get reason(): StopReason | undefined {
    return this.stopReason;
  }

  stop(reason: StopReason): void {
    if (this.stopReason !== undefined) return;
    this.stopReason = reason;
    this.controller.abort(new Error(`openrouter middleware: ${reason}`));
  }
}
