import type { ServerResponse } from 'node:http';
import {
  type ChatResult,
  type ChatStreamEvent,
  createChatEventDecoder,
  type OpenRouterError,
  StreamError,
  StreamTruncatedError,
} from '@openrouter-adapters/core';
import type { Redactor } from '../logging/redactor';
import { inBandErrorBytes } from './in-band-error';
import type { UpstreamControl } from './upstream-control';

export type StreamOutcome = {
  /** The stream reached its natural end (a finish, then `[DONE]` or EOF). */
  completed: boolean;
  /** Why not: `client-aborted`, `timeout`, `idle-timeout`, `upstream-error`, `upstream-reset`, `truncated`, `malformed-chunk`. */
  incompleteReason: string | undefined;
  /** The error that ended the stream (upstream's in-band error, or the failure we reported in-band). */
  failure: OpenRouterError | Error | undefined;
  /** What the decoder accumulated (usage, model, provider, generation id; partial when incomplete). */
  result: ChatResult;
};

const LF = 10;
const CR = 13;

/** Index just after the last line break, so only complete lines are forwarded. */
function completeLinesEnd(bytes: Uint8Array): number {
  return Math.max(bytes.lastIndexOf(LF), bytes.lastIndexOf(CR)) + 1;
}

function concat(first: Uint8Array, second: Uint8Array): Uint8Array {
  const joined = new Uint8Array(first.length + second.length);
  joined.set(first, 0);
  joined.set(second, first.length);
  return joined;
}

type Flushable = ServerResponse & { flush?: () => void };

/** Resolves once the response drained, closed or the upstream was stopped. */
function writable(response: ServerResponse, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      response.off('drain', done);
      response.off('close', done);
      signal.removeEventListener('abort', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
    signal.addEventListener('abort', done);
  });
}

/**
 * Forwards an upstream SSE body to the client byte for byte as it arrives (complete lines only,
 * so a failure can always be reported as a clean event), waiting for `drain` when the client is
 * slow and flushing after each write (compression middleware). The same bytes feed core's chat
 * event decoder, which observes usage, model, provider and generation id without holding the
 * stream. Complete lines are checked for the keys in use (never expected there). A failure after the first byte ends the stream with an in-band error event and
 * `[DONE]`, never a silent clean end. The caller sent the headers and owns `control`.
 */
export async function forwardStream(input: {
  upstream: Response;
  response: ServerResponse;
  control: UpstreamControl;
  endpoint: 'chat/completions' | 'completions';
  idleTimeoutMs: number;
  /** Removes the keys in use from forwarded bytes (defence in depth: upstream never sends them). */
  redactor: Redactor;
}): Promise<StreamOutcome> {
  const { upstream, control, endpoint, redactor } = input;
  const response = input.response as Flushable;
  let terminal: ChatStreamEvent | undefined;
  const decoder = createChatEventDecoder({
    onEvent: (event) => {
      if (event.type === 'error' || event.type === 'end') terminal ??= event;
    },
  });
  const reader = (upstream.body as ReadableStream<Uint8Array>).getReader();
  let held: Uint8Array | undefined;
  let waitingForClient = false;
  let readFailure: unknown;

  const idleTimer = setTimeout(function onIdle() {
    if (waitingForClient) idleTimer.refresh();
    else control.stop('idle-timeout');
  }, input.idleTimeoutMs);
  const onStop = (): void => {
    reader.cancel().catch(() => {});
  };
  control.signal.addEventListener('abort', onStop);

  const write = async (bytes: Uint8Array): Promise<void> => {
    if (response.destroyed || response.writableEnded) return;
    const ok = response.write(redactor.bytes(bytes));
    response.flush?.();
    if (!ok) {
      waitingForClient = true;
      await writable(response, control.signal);
      waitingForClient = false;
      idleTimer.refresh();
    }
  };

  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || control.reason !== undefined) break;
      idleTimer.refresh();
      decoder.feed(value);
      let bytes = held === undefined ? value : concat(held, value);
      held = undefined;
      const end = completeLinesEnd(bytes);
      if (end < bytes.length) {
        held = bytes.slice(end);
        bytes = bytes.subarray(0, end);
      }
      if (bytes.length > 0) await write(bytes);
    }
  } catch (error) {
    readFailure = error;
  } finally {
    clearTimeout(idleTimer);
    control.signal.removeEventListener('abort', onStop);
  }

  const stopped = control.reason;
  if (stopped === 'client-aborted' || response.destroyed) {
    reader.cancel().catch(() => {});
    return {
      completed: false,
      incompleteReason: 'client-aborted',
      failure: undefined,
      result: decoder.accumulator.result,
    };
  }

  const fail = (reason: string, code: number, message: string, cause?: unknown): StreamOutcome => {
    const result = decoder.accumulator.result;
    if (!response.writableEnded) {
      response.end(
        inBandErrorBytes({
          endpoint,
          partial: result,
          code,
          errorType: reason.replaceAll('-', '_'),
          message,
        }),
      );
    }
    const failure = cause instanceof Error ? cause : new Error(message);
    return { completed: false, incompleteReason: reason, failure, result };
  };

  if (stopped === 'idle-timeout') {
    return fail(
      'idle-timeout',
      504,
      `The upstream stream went silent for ${input.idleTimeoutMs} ms and was stopped; the answer above is incomplete`,
    );
  }
  if (stopped === 'timeout') {
    return fail(
      'timeout',
      504,
      'The request took longer than this server allows (timeoutMs) and was stopped; the answer above is incomplete',
    );
  }
  if (readFailure !== undefined) {
    const reason = readFailure instanceof Error ? readFailure.message : String(readFailure);
    return fail(
      'upstream-reset',
      502,
      `The upstream connection failed mid-stream (${reason}); the answer above is incomplete`,
      readFailure,
    );
  }

  decoder.end();
  const finalEvent = terminal as ChatStreamEvent | undefined;
  if (finalEvent?.type === 'error' && StreamTruncatedError.isInstance(finalEvent.error)) {
    return fail(
      'truncated',
      502,
      'The upstream stream ended before the answer was finished (no finish reason); the answer above is incomplete',
      finalEvent.error,
    );
  }
  if (held !== undefined) await write(held);
  if (!response.writableEnded) response.end();
  if (finalEvent?.type === 'end') {
    return { completed: true, incompleteReason: undefined, failure: undefined, result: finalEvent.result };
  }
  const error = finalEvent?.type === 'error' ? finalEvent.error : undefined;
  return {
    completed: false,
    incompleteReason:
      error === undefined || StreamError.isInstance(error) ? 'upstream-error' : 'malformed-chunk',
    failure: error,
    result: decoder.accumulator.result,
  };
}
