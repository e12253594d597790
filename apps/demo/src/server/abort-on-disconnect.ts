import type { Response } from 'express';

/**
 * An AbortSignal that fires when the visitor goes away before the response finished (the
 * response's `close` without `finish`; the request's own `close` only means its body was read).
 */
export function abortOnDisconnect(response: Response): AbortSignal {
  const controller = new AbortController();
  response.on('close', () => {
    if (!response.writableFinished) controller.abort();
  });
  return controller.signal;
}
