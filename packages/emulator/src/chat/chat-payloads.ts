import type {
  WireChatChunk,
  WireChatResponse,
  WireChunkChoice,
  WireLogprobs,
  WireResponseMessage,
  WireUsage,
} from '@openrouter-adapters/core';
import type { ReplyPlan } from './plan-reply';

/** Fields shared by a response and all of its chunks. */
export type PayloadBase = {
  id: string;
  created: number;
  model: string;
  provider: string;
  /** OpenAI-style providers send one; others `null` (omitted from chunks). */
  systemFingerprint: string | null;
  /** `chat.completion` family or legacy `text_completion`. */
  textCompletion: boolean;
};

export type ChatFrame = {
  /** Serialised JSON payload of one `data:` event. */
  json: string;
  /** Completion tokens this frame carries (for partial billing). */
  tokens: number;
  /** Part of the reply body (faults with `after=N` count these), not the finish/usage tail. */
  body: boolean;
};

function logprobsFor(pieces: string[], seedByte: number): WireLogprobs {
  return {
    content: pieces.map((token, index) => {
      const logprob = -((((index + 1) * 2654435761 + seedByte) % 1000) / 4000);
      const bytes = [...Buffer.from(token, 'utf8')];
      return {
        token,
        logprob,
        bytes,
        top_logprobs: [{ token, logprob, bytes }],
      };
    }),
    refusal: null,
  };
}

/** The non-streamed chat completion body. */
export function buildChatResponse(
  base: PayloadBase,
  plan: ReplyPlan,
  usage: WireUsage,
  extra: { logprobs: boolean; metadata?: Record<string, unknown>; choiceError?: Record<string, unknown> },
): WireChatResponse {
  const message: WireResponseMessage = {
    role: 'assistant',
    content: plan.content,
    refusal: null,
    reasoning: plan.reasoningText,
  };
  if (plan.reasoningDetails.length > 0) message.reasoning_details = plan.reasoningDetails;
  if (plan.toolCalls.length > 0) {
    message.tool_calls = plan.toolCalls.map((call) => ({
      id: call.id,
      type: 'function',
      function: { name: call.name, arguments: call.arguments },
    }));
  }

  if (plan.annotations.length > 0) message.annotations = plan.annotations;
  if (plan.images.length > 0)
    message.images = plan.images.map((url) => ({ type: 'image_url', image_url: { url } }));
  const body: WireChatResponse = {
    id: base.id,
    provider: base.provider,
    model: base.model,
    object: 'chat.completion',
    created: base.created,
    choices: [
      {
        logprobs: extra.logprobs ? logprobsFor(plan.contentPieces, base.created & 0xff) : null,
        finish_reason: extra.choiceError ? 'error' : plan.finishReason,
        native_finish_reason: extra.choiceError ? 'error' : plan.nativeFinishReason,
        index: 0,
        message,
        ...(extra.choiceError ? { error: extra.choiceError } : {}),
      },
    ],
    system_fingerprint: base.systemFingerprint,
    usage,
  };
  if (extra.metadata) body.openrouter_metadata = extra.metadata;
  return body;
}

/** The non-streamed legacy completion body (`text_completion`). */
export function buildTextResponse(
  base: PayloadBase,
  plan: ReplyPlan,
  usage: WireUsage,
  choiceError?: Record<string, unknown>,
): Record<string, unknown> {
  return {
    id: base.id,
    provider: base.provider,
    model: base.model,
    object: 'text_completion',
    created: base.created,
    choices: [
      {
        text: plan.content,
        index: 0,
        finish_reason: choiceError ? 'error' : plan.finishReason,
        native_finish_reason: choiceError ? 'error' : plan.nativeFinishReason,
        logprobs: null,
        ...(choiceError ? { error: choiceError } : {}),
      },
    ],
    system_fingerprint: base.systemFingerprint,
    usage,
  };
}

function chunkEnvelope(base: PayloadBase, choices: unknown[]): Record<string, unknown> {
  const chunk: Record<string, unknown> = {
    id: base.id,
    provider: base.provider,
    model: base.model,
    object: base.textCompletion ? 'text_completion' : 'chat.completion.chunk',
    created: base.created,
    choices,
  };
  if (base.systemFingerprint) chunk.system_fingerprint = base.systemFingerprint;
  return chunk;
}

function deltaChoice(
  base: PayloadBase,
  delta: Record<string, unknown>,
  extra: Partial<WireChunkChoice> = {},
): unknown {
  if (base.textCompletion) {
    return {
      index: 0,
      text: typeof delta.content === 'string' ? delta.content : '',
      finish_reason: extra.finish_reason ?? null,
      native_finish_reason: extra.native_finish_reason ?? null,
      logprobs: null,
    };
  }
  return {
    index: 0,
    delta: { role: 'assistant', ...delta },
    finish_reason: extra.finish_reason ?? null,
    native_finish_reason: extra.native_finish_reason ?? null,
    logprobs: extra.logprobs ?? null,
  };
}

/** Serialises chunks of one stream: the envelope is built once, only the choice varies. */
class ChunkSerializer {
  private readonly prefix: string;
  private readonly suffix: string;
  private readonly textCompletion: boolean;

  constructor(base: PayloadBase) {
    const envelope = JSON.stringify({
      id: base.id,
      provider: base.provider,
      model: base.model,
      object: base.textCompletion ? 'text_completion' : 'chat.completion.chunk',
      created: base.created,
    });
    this.prefix = `${envelope.slice(0, -1)},"choices":[`;
    this.suffix = base.systemFingerprint
      ? `],"system_fingerprint":${JSON.stringify(base.systemFingerprint)}}`
      : ']}';
    this.textCompletion = base.textCompletion;
  }

  /** A chunk whose only choice carries `delta` (fields after `role`, already serialised). */
  delta(fields: string, logprobs = 'null'): string {
    if (this.textCompletion) {
      return `${this.prefix}{"index":0,"text":${fields},"finish_reason":null,"native_finish_reason":null,"logprobs":null}${this.suffix}`;
    }
    return `${this.prefix}{"index":0,"delta":{"role":"assistant",${fields}},"finish_reason":null,"native_finish_reason":null,"logprobs":${logprobs}}${this.suffix}`;
  }

  content(piece: string, logprobs?: string): string {
    return this.textCompletion
      ? this.delta(JSON.stringify(piece))
      : this.delta(`"content":${JSON.stringify(piece)}`, logprobs);
  }
}

/** The fields of a delta after `role`, as JSON text (`{"a":1}` → `"a":1`). */
function fields(value: Record<string, unknown>): string {
  return JSON.stringify(value).slice(1, -1);
}

/**
 * The body chunks of a streamed reply, in OpenRouter's order: reasoning fragments (+ Anthropic's
 * signature-only piece, OpenAI's encrypted item), content tokens, tool calls (id and name on the
 * first fragment, then argument fragments; Gemini's thought signature rides on the first call),
 * annotations. `role: "assistant"` is repeated in every delta, as many providers do.
 */
export function buildBodyFrames(
  base: PayloadBase,
  plan: ReplyPlan,
  options: { logprobs: boolean; debugEcho?: unknown },
): ChatFrame[] {
  const frames: ChatFrame[] = [];
  const serializer = new ChunkSerializer(base);
  const push = (json: string, tokens: number): void => {
    frames.push({ json, tokens, body: true });
  };
  if (options.debugEcho !== undefined && !base.textCompletion) {
    push(JSON.stringify({ ...chunkEnvelope(base, []), debug: { echo_upstream_body: options.debugEcho } }), 0);
  }
  const format = plan.reasoningDetails[0]?.format ?? null;
  if (!base.textCompletion) {
    const formatJson = JSON.stringify(format);
    const kind = plan.reasoningKind;
    const field = kind === 'reasoning.summary' ? 'summary' : 'text';
    for (const piece of plan.reasoningPieces) {
      const text = JSON.stringify(piece);
      push(
        serializer.delta(
          `"content":"","reasoning":${text},"reasoning_details":[{"type":"${kind}","${field}":${text},"format":${formatJson},"index":0}]`,
        ),
        1,
      );
    }
    if (plan.signature) {
      push(
        serializer.delta(
          fields({
            content: '',
            reasoning_details: [{ type: 'reasoning.text', signature: plan.signature, format, index: 0 }],
          }),
        ),
        0,
      );
    }
  }
  const standaloneEncrypted =
    plan.toolCalls.length === 0
      ? plan.encryptedDetails
      : plan.encryptedDetails.filter((detail) => detail.format !== 'google-gemini-v1');
  for (const detail of standaloneEncrypted)
    push(serializer.delta(fields({ content: '', reasoning_details: [detail] })), 0);
  const logprobs = options.logprobs
    ? (logprobsFor(plan.contentPieces, base.created & 0xff).content ?? [])
    : [];
  plan.contentPieces.forEach((piece, index) => {
    const entry = options.logprobs
      ? JSON.stringify({ content: [logprobs[index]], refusal: null })
      : undefined;
    push(serializer.content(piece, entry), 1);
  });
  const geminiSignatures = plan.encryptedDetails.filter((detail) => detail.format === 'google-gemini-v1');
  plan.toolCalls.forEach((call, index) => {
    const first: Record<string, unknown> = {
      content: null,
      tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }],
    };
    const signature = geminiSignatures.find((detail) => detail.id === call.id);
    if (signature) first.reasoning_details = [signature];
    push(serializer.delta(fields(first)), 4);
    const perFragment = Math.max(0, call.tokens - 4);
    const share = Math.floor(perFragment / call.fragments.length);
    call.fragments.forEach((fragment, fragmentIndex) => {
      const tokens =
        fragmentIndex === call.fragments.length - 1
          ? perFragment - share * (call.fragments.length - 1)
          : share;
      push(
        serializer.delta(
          `"content":null,"tool_calls":[{"index":${index},"function":{"arguments":${JSON.stringify(fragment)}}}]`,
        ),
        tokens,
      );
    });
  });

  if (plan.images.length > 0) {
    const images = plan.images.map((url) => ({ type: 'image_url', image_url: { url } }));
    push(serializer.delta(fields({ content: '', images })), plan.imageTokens);
  }
  if (plan.annotations.length > 0)
    push(serializer.delta(fields({ content: '', annotations: plan.annotations })), 0);
  // Reasoning that is excluded (or opaque) is billed with the first chunk.
  const hiddenReasoningTokens = plan.reasoningTokens - plan.reasoningPieces.length;
  if (hiddenReasoningTokens > 0 && frames.length > 0)
    (frames[0] as ChatFrame).tokens += hiddenReasoningTokens;
  return frames;
}

/** The chunk carrying `finish_reason`. */
export function buildFinishFrame(base: PayloadBase, plan: ReplyPlan): ChatFrame {
  const chunk = chunkEnvelope(base, [
    deltaChoice(
      base,
      { content: '' },
      { finish_reason: plan.finishReason, native_finish_reason: plan.nativeFinishReason },
    ),
  ]);
  return { json: JSON.stringify(chunk), tokens: 0, body: false };
}

export type UsageShape = 'null-finish' | 'empty' | 'repeat-stop';

/** The final chunk: usage exactly once (and `openrouter_metadata` when asked for). */
export function buildUsageFrame(
  base: PayloadBase,
  plan: ReplyPlan,
  usage: WireUsage,
  options: { shape: UsageShape; metadata?: Record<string, unknown> },
): ChatFrame {
  let choices: unknown[];
  if (options.shape === 'empty') choices = [];
  else if (options.shape === 'repeat-stop') {
    choices = [
      deltaChoice(
        base,
        { content: '' },
        { finish_reason: plan.finishReason, native_finish_reason: plan.nativeFinishReason },
      ),
    ];
  } else choices = [deltaChoice(base, { content: '' })];
  const chunk: WireChatChunk = { ...chunkEnvelope(base, choices), usage };
  if (options.metadata) chunk.openrouter_metadata = options.metadata;
  return { json: JSON.stringify(chunk), tokens: 0, body: false };
}

/** The in-band error chunk sent after the first token (`finish_reason: "error"`). */
export function buildErrorFrame(
  base: PayloadBase,
  error: { code: number; message: string; metadata: Record<string, unknown> },
): ChatFrame {
  const choice = base.textCompletion
    ? { index: 0, text: '', finish_reason: 'error', native_finish_reason: 'error', logprobs: null }
    : {
        index: 0,
        delta: { content: '' },
        finish_reason: 'error',
        native_finish_reason: 'error',
        logprobs: null,
      };
  const chunk = { ...chunkEnvelope(base, [choice]), error };
  return { json: JSON.stringify(chunk), tokens: 0, body: false };
}
