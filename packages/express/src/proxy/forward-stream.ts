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
import { upstreamBody } from './upstream-body';
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
  for (let index = bytes.length - 1; index >= 0; index--) {
    const byte = bytes[index];
    if (byte === LF || byte === CR) return index + 1;
  }
  return 0;
}

type Flushable = ServerResponse & { flush?: () => void };

/**
 * Forwards an upstream SSE body to the client byte for byte as it arrives (complete lines only,
 * so a failure can always be reported as a clean event), pausing upstream while the client is
 * slow (`drain`) and flushing after each write (compression middleware). The same bytes feed
 * core's chat event decoder, which observes usage, model, provider and generation id without
 * holding the stream. Complete lines are checked for the keys in use (never expected there). A
 * failure after the first byte ends the stream with an in-band error event and `[DONE]`, never a
 * silent clean end. The caller set the headers (not sent yet) and owns `control`; the headers go
 * out with the first bytes when upstream's are already at hand, otherwise at once on their own.
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
  const body = upstreamBody(upstream);
  let held: Uint8Array | undefined;
  let waitingForClient = false;
  let readFailure: unknown;

  const idleTimer = setTimeout(function onIdle() {
    if (waitingForClient) idleTimer.refresh();
    else control.stop('idle-timeout');
  }, input.idleTimeoutMs);

  const onDrain = (): void => {
    waitingForClient = false;
    idleTimer.refresh();
    body.resume();
  };
  const write = (bytes: Uint8Array): void => {
    if (response.destroyed || response.writableEnded) return;
    const ok = response.write(redactor.bytes(bytes));
    response.flush?.();
    if (!ok && !waitingForClient) {
      waitingForClient = true;
      body.pause();
      response.once('drain', onDrain);
    }
  };
  const onData = (chunk: Uint8Array): void => {
    if (control.reason !== undefined) return;
    idleTimer.refresh();
    decoder.feed(chunk);
    let bytes = held === undefined ? chunk : Buffer.concat([held, chunk]);
    held = undefined;
    const end = completeLinesEnd(bytes);
    if (end < bytes.length) {
      held = Buffer.from(bytes.subarray(end));
      bytes = bytes.subarray(0, end);
    }
    if (bytes.length > 0) write(bytes);
  };

  // Bytes that arrived with upstream's headers go out with ours, in one write.
  if (body.readableLength > 0) {
    const first = body.read() as Uint8Array | null;
    if (first !== null) onData(first);
  }
  if (!response.headersSent && !response.destroyed) response.flushHeaders();

  await new Promise<void>((resolve) => {
    let finished = false;
    const finish = (): void => {
      if (finished) return;
      finished = true;
      clearTimeout(idleTimer);
      control.signal.removeEventListener('abort', onStop);
      response.off('drain', onDrain);
      body.off('data', onData);
      resolve();
    };
    const onStop = (): void => {
      body.destroy();
      finish();
    };
    if (control.signal.aborted) {
      onStop();
      return;
    }
    control.signal.addEventListener('abort', onStop);
    body.on('data', onData);
    body.once('end', finish);
    body.once('error', (error) => {
      readFailure ??= error;
      finish();
    });
    body.once('close', () => {
      if (!body.readableEnded) readFailure ??= new Error('the connection closed before the stream ended');
      finish();
    });
  });

  const stopped = control.reason;
  if (stopped === 'client-aborted' || response.destroyed) {
    body.destroy();
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
  if (held !== undefined) write(held);
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
