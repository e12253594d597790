import { AbortError } from '../errors/abort-error';
import type { OpenRouterError } from '../errors/openrouter-error';
import { TimeoutError } from '../errors/timeout-error';
import { abortableSleep } from './abortable-sleep';

/** One HTTP attempt: its fetch signal also fires on the connect timeout. */
export type RequestAttempt = {
  signal: AbortSignal;
  /** The connect timeout error when this attempt's timer fired. */
  readonly timeoutError: TimeoutError | undefined;
  /** Headers arrived: stop the connect timer (the link to the scope stays for the body). */
  headersReceived(): void;
  /** The attempt is over (retrying): stop its timer and unlink it from the scope. */
  dispose(): void;
};

/**
 * The lifetime of one client call across its attempts: the caller's `AbortSignal` and the total
 * timeout abort it; each attempt gets its own signal with a connect timeout. `failure` is the typed
 * error (`AbortError` or `TimeoutError`) once the scope aborted.
 */
export type RequestScope = {
  readonly signal: AbortSignal;
  readonly failure: OpenRouterError | undefined;
  attempt(connectTimeoutMs: number): RequestAttempt;
  /** Waits for a retry, rejecting with `failure` as soon as the scope aborts. */
  sleep(ms: number): Promise<void>;
  /** Clears the total timeout; the caller's signal stays linked (raw responses: it cancels the body). */
  stopTimers(): void;
  /** Clears the total timeout and unlinks the caller's signal (nothing of the scope remains). */
  release(): void;
};

function startTimer(ms: number, onTimeout: () => void): ReturnType<typeof setTimeout> | undefined {
  return ms > 0 && Number.isFinite(ms) ? setTimeout(onTimeout, ms) : undefined;
}

export function createRequestScope(
  callerSignal: AbortSignal | undefined,
  timeoutMs: number,
  url: string,
): RequestScope {
  const controller = new AbortController();
  let failure: OpenRouterError | undefined;
  const fail = (error: OpenRouterError): void => {
    if (failure) return;
    failure = error;
    controller.abort(error);
  };
  const onCallerAbort = (): void =>
    fail(new AbortError({ message: 'The request was aborted', cause: callerSignal?.reason, url }));
  if (callerSignal?.aborted) onCallerAbort();
  else callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
  let totalTimer = failure
    ? undefined
    : startTimer(timeoutMs, () =>
        fail(
          new TimeoutError({
            kind: 'total',
            timeoutMs,
            url,
            message: `The request did not complete within timeoutMs (${timeoutMs} ms)`,
          }),
        ),
      );
  const stopTimers = (): void => {
    clearTimeout(totalTimer);
    totalTimer = undefined;
  };

  return {
    signal: controller.signal,
    get failure() {
      return failure;
    },
    attempt(connectTimeoutMs) {
      const attemptController = new AbortController();
      let timeoutError: TimeoutError | undefined;
      const onScopeAbort = (): void => attemptController.abort(controller.signal.reason);
      controller.signal.addEventListener('abort', onScopeAbort, { once: true });
      let timer = startTimer(connectTimeoutMs, () => {
        timeoutError = new TimeoutError({
          kind: 'connect',
          timeoutMs: connectTimeoutMs,
          url,
          isRetryable: true,
          message: `No response headers within connectTimeoutMs (${connectTimeoutMs} ms)`,
        });
        attemptController.abort(timeoutError);
      });
      const headersReceived = (): void => {
        clearTimeout(timer);
        timer = undefined;
      };
      return {
        signal: attemptController.signal,
        get timeoutError() {
          return timeoutError;
        },
        headersReceived,
        dispose() {
          headersReceived();
          controller.signal.removeEventListener('abort', onScopeAbort);
        },
      };
    },
    sleep(ms) {
      return abortableSleep(ms, controller.signal, () => failure);
    },
    stopTimers,
    release() {
      stopTimers();
      callerSignal?.removeEventListener('abort', onCallerAbort);
    },
  };
}
