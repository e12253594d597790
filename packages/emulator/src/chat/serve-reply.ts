import type { WireUsage } from '@openrouter-adapters/core';
import { CORS_HEADERS, sendJson } from '../http/send-json';
import type { ActiveScenarios } from '../scenarios/parse-scenarios';
import type { HandlerContext } from '../server/emulator-context';
import { errorTypeForStatus, messageForStatus } from '../wording/error-wording';
import {
  buildBodyFrames,
  buildChatResponse,
  buildErrorFrame,
  buildFinishFrame,
  buildTextResponse,
  buildUsageFrame,
  type ChatFrame,
  type PayloadBase,
  type UsageShape,
} from './chat-payloads';
import type { ReplyPlan } from './plan-reply';

export const KEEP_ALIVE_COMMENT = ': OPENROUTER PROCESSING\n\n';

export type ServeOutcome = {
  /** Completion tokens delivered (all of them unless the reply was cut short). */
  completionTokens: number;
  /** The client went away before the end. */
  cancelled: boolean;
  finishReason: string | null;
  nativeFinishReason: string | null;
  streamed: boolean;
};

export type ServeInput = {
  context: HandlerContext;
  base: PayloadBase;
  plan: ReplyPlan;
  stream: boolean;
  scenarios: ActiveScenarios;
  timing: { firstTokenMs: number; tokenIntervalMs: number };
  /** Usage for a given number of completion tokens (partial replies are billed for what was sent). */
  usageFor: (completionTokens: number) => WireUsage;
  metadata?: Record<string, unknown>;
  logprobs: boolean;
  debugEcho?: unknown;
};

type Op =
  | { kind: 'data'; frame: ChatFrame }
  | { kind: 'text'; text: string }
  | { kind: 'destroy' }
  | { kind: 'done' };

function inBandError(
  input: ServeInput,
  code: number,
): { code: number; message: string; metadata: Record<string, unknown> } {
  const message =
    input.scenarios.string('mid-stream-error', 'message') ??
    input.scenarios.string('error-in-200-body', 'message');
  return {
    code,
    message:
      message ??
      (code === 429
        ? 'Rate limit exceeded'
        : code >= 500
          ? `${messageForStatus(code)}: upstream stream interrupted`
          : messageForStatus(code)),
    metadata: { error_type: errorTypeForStatus(code), provider_name: input.base.provider },
  };
}

/** Waits `ms`, sending a keep-alive every `interval` ms meanwhile; false when the client left. */
async function waitWithKeepAlives(
  context: HandlerContext,
  ms: number,
  interval: number,
  keepAlive: string,
): Promise<boolean> {
  let remaining = ms;
  while (remaining > 0) {
    const step = Math.min(remaining, Math.max(1, interval));
    if (!(await context.channel.sleep(step))) return false;
    remaining -= step;
    if (remaining > 0 && !(await context.channel.write(keepAlive))) return false;
  }
  return !context.channel.isClosed;
}

function destroySocket(context: HandlerContext): void {
  context.serverDestroyed = true;
  context.response.socket?.destroy();
}

function keepAliveInterval(input: ServeInput): number {
  return input.scenarios.number(
    'slow-first-token',
    'keepalive_ms',
    input.context.emulator.options.keepAliveIntervalMs,
  );
}

/** Writes a streamed reply with OpenRouter's framing, timing and the requested faults. */
async function serveStream(input: ServeInput): Promise<ServeOutcome> {
  const { context, base, plan, scenarios } = input;
  const outcome: ServeOutcome = {
    completionTokens: 0,
    cancelled: false,
    finishReason: null,
    nativeFinishReason: null,
    streamed: true,
  };
  context.response.writeHead(200, {
    ...CORS_HEADERS,
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    'x-generation-id': base.id,
  });
  if (scenarios.has('error-in-200-body')) {
    const error = inBandError(input, scenarios.number('error-in-200-body', 'code', 502));
    await context.channel.write(
      `data: ${JSON.stringify({ error: { message: error.message, code: error.code } })}\n\ndata: [DONE]\n\n`,
    );
    context.response.end();
    outcome.finishReason = 'error';
    return outcome;
  }
  if (!(await context.channel.write(KEEP_ALIVE_COMMENT))) return { ...outcome, cancelled: true };
  if (
    !(await waitWithKeepAlives(
      context,
      input.timing.firstTokenMs,
      keepAliveInterval(input),
      KEEP_ALIVE_COMMENT,
    ))
  ) {
    return { ...outcome, cancelled: true };
  }

  const body = buildBodyFrames(base, plan, { logprobs: input.logprobs, debugEcho: input.debugEcho });
  const ops: Op[] = body.map((frame) => ({ kind: 'data', frame }));
  const usageShape = (scenarios.string('usage-shape', 'choices') ?? 'null-finish') as UsageShape;
  const tail: Op[] = [
    { kind: 'data', frame: buildFinishFrame(base, plan) },
    {
      kind: 'data',
      frame: buildUsageFrame(base, plan, input.usageFor(plan.completionTokens), {
        shape: ['null-finish', 'empty', 'repeat-stop'].includes(usageShape) ? usageShape : 'null-finish',
        ...(input.metadata ? { metadata: input.metadata } : {}),
      }),
    },
    { kind: 'text', text: 'data: [DONE]\n\n' },
    { kind: 'done' },
  ];
  const cut = (
    name: 'mid-stream-error' | 'disconnect' | 'truncate' | 'malformed-chunk',
    fallback: number,
  ): number => Math.min(Math.floor(scenarios.number(name, 'after', fallback)), ops.length);
  if (scenarios.has('mid-stream-error')) {
    const at = cut('mid-stream-error', 2);
    const error = inBandError(input, scenarios.number('mid-stream-error', 'code', 502));
    ops.splice(at, ops.length - at, { kind: 'data', frame: buildErrorFrame(base, error) });
    if (scenarios.string('mid-stream-error', 'done') !== 'false')
      ops.push({ kind: 'text', text: 'data: [DONE]\n\n' });
    ops.push({ kind: 'done' });
    outcome.finishReason = 'error';
  } else if (scenarios.has('disconnect')) {
    const at = cut('disconnect', 2);
    ops.splice(at, ops.length - at, { kind: 'destroy' });
  } else if (scenarios.has('truncate')) {
    const at = cut('truncate', body.length);
    ops.splice(at, ops.length - at, { kind: 'done' });
  } else {
    ops.push(...tail);
    outcome.finishReason = plan.finishReason;
    outcome.nativeFinishReason = plan.nativeFinishReason;
  }
  if (scenarios.has('malformed-chunk')) {
    const at = Math.min(Math.floor(scenarios.number('malformed-chunk', 'after', 2)), ops.length);
    const sample = body[0]?.json ?? JSON.stringify({ id: base.id, choices: [] });
    ops.splice(at, 0, {
      kind: 'text',
      text: `data: ${sample.slice(0, Math.max(8, Math.floor(sample.length / 2)))}\n\n`,
    });
  }
  if (scenarios.has('keepalives')) {
    const every = Math.max(1, Math.floor(scenarios.number('keepalives', 'every', 1)));
    for (let index = ops.length - 1; index > 0; index--) {
      if (index % every === 0 && ops[index - 1]?.kind === 'data')
        ops.splice(index, 0, { kind: 'text', text: KEEP_ALIVE_COMMENT });
    }
  }
  const interval = input.timing.tokenIntervalMs;
  let pending = '';
  let pendingTokens = 0;
  const flush = async (): Promise<boolean> => {
    if (pending === '') return !context.channel.isClosed;
    const text = pending;
    pending = '';
    const ok = await context.channel.write(text);
    if (ok) outcome.completionTokens += pendingTokens;
    pendingTokens = 0;
    return ok;
  };
  let dataSeen = 0;
  for (const op of ops) {
    if (op.kind === 'data') {
      if (interval > 0 && dataSeen > 0) {
        if (!(await flush())) return { ...outcome, cancelled: true };
        if (!(await waitWithKeepAlives(context, interval, keepAliveInterval(input), KEEP_ALIVE_COMMENT))) {
          return { ...outcome, cancelled: true };
        }
      }
      dataSeen += 1;
      pending += `data: ${op.frame.json}\n\n`;
      pendingTokens += op.frame.tokens;
    } else if (op.kind === 'text') {
      pending += op.text;
    } else if (op.kind === 'destroy') {
      if (!(await flush())) return { ...outcome, cancelled: true };
      await new Promise<void>((resolve) => {
        if (context.response.writableNeedDrain) context.response.once('drain', () => resolve());
        else setImmediate(resolve);
      });
      destroySocket(context);
      return outcome;
    } else {
      if (!(await flush())) return { ...outcome, cancelled: true };
      context.response.end();
      return outcome;
    }
  }
  if (!(await flush())) return { ...outcome, cancelled: true };
  context.response.end();
  return outcome;
}

/** Writes a non-streamed reply (optionally after whitespace keep-alives) with the requested faults. */
async function serveJson(input: ServeInput): Promise<ServeOutcome> {
  const { context, base, plan, scenarios } = input;
  const outcome: ServeOutcome = {
    completionTokens: plan.completionTokens,
    cancelled: false,
    finishReason: plan.finishReason,
    nativeFinishReason: plan.nativeFinishReason,
    streamed: false,
  };
  const headers = { 'x-generation-id': base.id };
  if (scenarios.has('error-in-200-body')) {
    const error = inBandError(input, scenarios.number('error-in-200-body', 'code', 502));
    sendJson(context.response, 200, { error }, headers);
    return { ...outcome, completionTokens: 0, finishReason: 'error', nativeFinishReason: null };
  }
  if (scenarios.has('disconnect')) {
    destroySocket(context);
    return { ...outcome, completionTokens: 0, finishReason: null, nativeFinishReason: null };
  }
  let completionTokens = plan.completionTokens;
  let choiceError: Record<string, unknown> | undefined;
  let replyPlan = plan;
  if (scenarios.has('mid-stream-error')) {
    const after = Math.floor(scenarios.number('mid-stream-error', 'after', 2));
    const pieces = plan.contentPieces.slice(0, after);
    replyPlan = { ...plan, content: pieces.join(''), contentPieces: pieces, toolCalls: [], annotations: [] };
    completionTokens = pieces.length + plan.reasoningTokens;
    choiceError = inBandError(input, scenarios.number('mid-stream-error', 'code', 502));
    outcome.finishReason = 'error';
    outcome.nativeFinishReason = 'error';
    outcome.completionTokens = completionTokens;
  }
  const usage = input.usageFor(completionTokens);
  const payload = base.textCompletion
    ? buildTextResponse(base, replyPlan, usage, choiceError)
    : buildChatResponse(base, replyPlan, usage, {
        logprobs: input.logprobs,
        ...(input.metadata ? { metadata: input.metadata } : {}),
        ...(choiceError ? { choiceError } : {}),
      });
  let text = JSON.stringify(payload);
  if (scenarios.has('truncate') || scenarios.has('malformed-chunk'))
    text = text.slice(0, Math.floor(text.length / 2));

  const keepAlive = keepAliveInterval(input);
  const wait = input.timing.firstTokenMs + input.timing.tokenIntervalMs * plan.contentPieces.length;
  const whitespaceCount = scenarios.has('leading-whitespace')
    ? Math.floor(scenarios.number('leading-whitespace', 'count', 3))
    : 0;
  if (wait >= keepAlive || whitespaceCount > 0) {
    // OpenRouter commits the 200 early and sends whitespace while the provider works.
    context.response.writeHead(200, { ...CORS_HEADERS, 'content-type': 'application/json', ...headers });
    const whitespaceInterval = scenarios.number('leading-whitespace', 'interval_ms', 0);
    for (let index = 0; index < whitespaceCount; index++) {
      if (!(await context.channel.write('\n'))) return { ...outcome, cancelled: true, completionTokens: 0 };
      if (whitespaceInterval > 0 && !(await context.channel.sleep(whitespaceInterval))) {
        return { ...outcome, cancelled: true, completionTokens: 0 };
      }
    }
    if (!(await waitWithKeepAlives(context, wait, keepAlive, '\n')))
      return { ...outcome, cancelled: true, completionTokens: 0 };
    if (!(await context.channel.write(text))) return { ...outcome, cancelled: true, completionTokens: 0 };
    context.response.end();
    return outcome;
  }
  if (wait > 0 && !(await context.channel.sleep(wait)))
    return { ...outcome, cancelled: true, completionTokens: 0 };
  if (scenarios.has('truncate') || scenarios.has('malformed-chunk')) {
    context.response.writeHead(200, { ...CORS_HEADERS, 'content-type': 'application/json', ...headers });
    context.response.end(text);
    return outcome;
  }
  sendJson(context.response, 200, text, headers);
  return outcome;
}

export function serveReply(input: ServeInput): Promise<ServeOutcome> {
  return input.stream ? serveStream(input) : serveJson(input);
}
