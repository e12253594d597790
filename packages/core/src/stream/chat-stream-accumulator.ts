import type { ResponseMeta } from '../client/response-meta';
import { type NormalizedUsage, normalizeUsage } from '../usage';
import type { WireAnnotation } from '../wire/annotations';
import type {
  WireChatChunk,
  WireChoiceError,
  WireChunkChoice,
  WireFinishReason,
  WireGeneratedImage,
  WireLogprobs,
  WireToolCallDelta,
} from '../wire/chat';
import type { WireReasoningDetail } from '../wire/reasoning-details';
import type { ChatDelta, ChatResult, ChatToolCall } from './chat-result';
import { TextBuilder } from './text-builder';
import { uniqueToolCallId } from './unique-tool-call-id';

type ToolCallState = {
  position: number;
  wireIndex: number | undefined;
  wireId: string | undefined;
  id: string | undefined;
  name: string;
  arguments: TextBuilder;
  started: boolean;
  ended: boolean;
};

/** A merged `reasoning.text` entry (its text grows) or a verbatim detail of any other type. */
type DetailState = { detail: WireReasoningDetail; text: TextBuilder | undefined; sealed: boolean };

const nonEmptyString = (value: unknown): value is string => typeof value === 'string' && value !== '';

const argumentsText = (value: unknown): string =>
  typeof value === 'string' ? value : value == null ? '' : JSON.stringify(value);

/**
 * Folds stream chunks into a `ChatResult` and reports what each chunk changed as `ChatDelta`s.
 *
 * - text, refusal and reasoning text concatenate; `reasoning_details` fragments of type
 *   `reasoning.text` with the same `index` merge (text concatenated, a signature-only piece sets
 *   `signature` and closes the entry); other types are kept verbatim, in order, without duplicates.
 * - tool calls: `id`/`name` come from the first fragment; later fragments may omit `index` or `id`;
 *   reused or empty ids become unique (`id_2`, `call_<n>`); arguments concatenate.
 * - the finish reason is sticky (a later `null` never erases it; a repeated one is not a second
 *   finish); open tool calls end when it arrives. Usage is taken once, from whichever chunk has it.
 * - provider, model, generation id and `created` come from the first chunk that has them.
 * - only choice 0 is accumulated (OpenRouter streams one choice); legacy `choices[].text` counts as text.
 */
export class ChatStreamAccumulator {
  #generationId: string | undefined;
  #model: string | undefined;
  #provider: string | undefined;
  #created: number | undefined;
  #systemFingerprint: string | undefined;
  #metadataSent = false;
  readonly #text = new TextBuilder();
  readonly #reasoning = new TextBuilder();
  #refusal: string | undefined;
  readonly #details: DetailState[] = [];
  readonly #seenDetails = new Set<string>();
  readonly #toolCalls: ToolCallState[] = [];
  readonly #usedToolCallIds = new Set<string>();
  readonly #annotations: WireAnnotation[] = [];
  readonly #seenAnnotations = new Set<string>();
  readonly #images: WireGeneratedImage[] = [];
  #logprobs: WireLogprobs | undefined;
  #finishReason: WireFinishReason | undefined;
  #nativeFinishReason: string | undefined;
  #usage: NormalizedUsage | undefined;
  #error: WireChoiceError | undefined;
  #response: ResponseMeta | undefined;

  /** Adds one chunk; returns what it changed, in order. */
  push(chunk: WireChatChunk): ChatDelta[] {
    const deltas: ChatDelta[] = [];
    if (!this.#metadataSent || this.#provider === undefined || this.#model === undefined) {
      this.#takeMetadata(chunk, deltas);
    }
    const choices = chunk.choices;
    if (Array.isArray(choices) && choices.length > 0) {
      const choice = (choices.length === 1 ? choices[0] : choices.find((item) => item?.index === 0)) as
        | WireChunkChoice
        | undefined;
      if (choice != null && (choice.index === 0 || typeof choice.index !== 'number')) {
        this.#takeChoice(choice, deltas);
      }
    }
    const usage = chunk.usage;
    if (usage != null && typeof usage === 'object' && this.#usage === undefined) {
      this.#usage = normalizeUsage(usage);
      deltas.push({ type: 'usage', usage: this.#usage });
    }
    const error = chunk.error;
    if (error != null && typeof error === 'object' && this.#error === undefined) this.#error = error;
    return deltas;
  }

  /** The stream ended: closes tool calls still open. Idempotent. */
  end(): ChatDelta[] {
    const deltas: ChatDelta[] = [];
    this.#closeToolCalls(deltas);
    return deltas;
  }

  /** Attaches the HTTP response metadata to the result. */
  setResponse(meta: ResponseMeta): void {
    this.#response = meta;
  }

  /** `true` once a finish reason arrived. */
  get isFinished(): boolean {
    return this.#finishReason !== undefined;
  }

  /** A snapshot of what was accumulated so far (also for partial results of failed streams). */
  get result(): ChatResult {
    return {
      generationId: this.#generationId ?? this.#response?.generationId,
      model: this.#model,
      provider: this.#provider,
      created: this.#created,
      systemFingerprint: this.#systemFingerprint,
      text: this.#text.toString(),
      refusal: this.#refusal,
      reasoning: this.#reasoning.toString(),
      reasoningDetails: this.#details.map(({ detail, text }) =>
        text === undefined ? detail : text.isEmpty ? { ...detail } : { ...detail, text: text.toString() },
      ),
      toolCalls: this.#toolCalls.map((call) => this.#snapshotToolCall(call)),
      annotations: this.#annotations.slice(),
      images: this.#images.slice(),
      logprobs: this.#logprobs,
      finishReason: this.#finishReason,
      nativeFinishReason: this.#nativeFinishReason,
      usage: this.#usage,
      error: this.#error,
      response: this.#response,
    };
  }

  #takeMetadata(chunk: WireChatChunk, deltas: ChatDelta[]): void {
    if (this.#generationId === undefined && nonEmptyString(chunk.id)) this.#generationId = chunk.id;
    if (this.#model === undefined && nonEmptyString(chunk.model)) this.#model = chunk.model;
    if (this.#provider === undefined && nonEmptyString(chunk.provider)) this.#provider = chunk.provider;
    if (this.#created === undefined && typeof chunk.created === 'number') this.#created = chunk.created;
    if (this.#systemFingerprint === undefined && nonEmptyString(chunk.system_fingerprint)) {
      this.#systemFingerprint = chunk.system_fingerprint;
    }
    if (
      !this.#metadataSent &&
      (this.#generationId !== undefined ||
        this.#model !== undefined ||
        this.#provider !== undefined ||
        this.#created !== undefined)
    ) {
      this.#metadataSent = true;
      deltas.push({
        type: 'metadata',
        generationId: this.#generationId,
        model: this.#model,
        provider: this.#provider,
        created: this.#created,
      });
    }
  }

  #takeChoice(choice: WireChunkChoice, deltas: ChatDelta[]): void {
    const delta = choice.delta;
    if (delta != null && typeof delta === 'object') {
      const { content, reasoning, refusal } = delta;
      if (nonEmptyString(reasoning)) {
        this.#reasoning.append(reasoning);
        deltas.push({ type: 'reasoning', text: reasoning });
      }
      const details = delta.reasoning_details;
      if (Array.isArray(details)) for (const detail of details) this.#takeDetail(detail, deltas);
      if (nonEmptyString(content)) {
        this.#text.append(content);
        deltas.push({ type: 'text', text: content });
      }
      if (nonEmptyString(refusal)) {
        this.#refusal = (this.#refusal ?? '') + refusal;
        deltas.push({ type: 'refusal', text: refusal });
      }
      const toolCalls = delta.tool_calls;
      if (Array.isArray(toolCalls)) for (const fragment of toolCalls) this.#takeToolCall(fragment, deltas);
      const annotations = delta.annotations;
      if (Array.isArray(annotations))
        for (const annotation of annotations) this.#takeAnnotation(annotation, deltas);
      const images = delta.images;
      if (Array.isArray(images)) {
        for (const image of images) {
          this.#images.push(image);
          deltas.push({ type: 'image', image });
        }
      }
    } else if (nonEmptyString(choice.text)) {
      // Legacy `/completions` chunks carry `choices[].text` instead of a delta.
      this.#text.append(choice.text);
      deltas.push({ type: 'text', text: choice.text });
    }
    const logprobs = choice.logprobs;
    if (logprobs != null && typeof logprobs === 'object') this.#takeLogprobs(logprobs, deltas);
    const error = choice.error;
    if (error != null && typeof error === 'object' && this.#error === undefined) this.#error = error;
    const native = choice.native_finish_reason;
    if (this.#nativeFinishReason === undefined && nonEmptyString(native)) this.#nativeFinishReason = native;
    const finishReason = choice.finish_reason;
    if (this.#finishReason === undefined && nonEmptyString(finishReason)) {
      this.#finishReason = finishReason;
      this.#closeToolCalls(deltas);
      deltas.push({ type: 'finish', finishReason, nativeFinishReason: this.#nativeFinishReason });
    }
  }

  #takeDetail(detail: WireReasoningDetail, deltas: ChatDelta[]): void {
    if (detail == null || typeof detail !== 'object') return;
    if (detail.type === 'reasoning.text') {
      const last = this.#details[this.#details.length - 1];
      const text = detail.text;
      const signature = detail.signature;
      if (last !== undefined && last.text !== undefined && last.detail.index === detail.index) {
        if (!last.sealed) {
          const merged = last.detail as Record<string, unknown>;
          if (typeof text === 'string' && text !== '') last.text.append(text);
          if (nonEmptyString(signature)) {
            merged.signature = signature;
            last.sealed = true;
          }
          if (merged.id == null && detail.id != null) merged.id = detail.id;
          if (merged.format == null && detail.format != null) merged.format = detail.format;
          deltas.push({ type: 'reasoning-detail', detail });
          return;
        }
        // A complete entry repeated after it was sealed (some providers echo the final detail).
        if (signature === detailField(last, 'signature') && (text ?? '') === last.text.toString()) return;
      }
      const state: DetailState = { detail: { ...detail }, text: new TextBuilder(), sealed: false };
      if (typeof text === 'string' && text !== '') state.text?.append(text);
      state.sealed = nonEmptyString(signature);
      this.#details.push(state);
      deltas.push({ type: 'reasoning-detail', detail });
      return;
    }
    const key = JSON.stringify(detail);
    if (this.#seenDetails.has(key)) return;
    this.#seenDetails.add(key);
    this.#details.push({ detail, text: undefined, sealed: true });
    deltas.push({ type: 'reasoning-detail', detail });
  }

  #takeToolCall(fragment: WireToolCallDelta, deltas: ChatDelta[]): void {
    if (fragment == null || typeof fragment !== 'object') return;
    const call = this.#findToolCall(fragment);
    const name = fragment.function?.name;
    if (!call.started && call.name === '' && nonEmptyString(name)) call.name = name;
    if (call.wireId === undefined && nonEmptyString(fragment.id)) call.wireId = fragment.id;
    const argumentsDelta = argumentsText(fragment.function?.arguments);
    if (argumentsDelta !== '') call.arguments.append(argumentsDelta);
    if (call.ended) return;
    if (call.started) {
      if (argumentsDelta !== '') {
        deltas.push({ type: 'tool-call-delta', index: call.position, id: call.id as string, argumentsDelta });
      }
    } else if (call.name !== '') {
      this.#startToolCall(call, deltas);
    }
  }

  #findToolCall(fragment: WireToolCallDelta): ToolCallState {
    const wireIndex = typeof fragment.index === 'number' ? fragment.index : undefined;
    const wireId = nonEmptyString(fragment.id) ? fragment.id : undefined;
    const name = fragment.function?.name;
    const calls = this.#toolCalls;
    let match: ToolCallState | undefined;
    if (wireIndex !== undefined) {
      for (let position = calls.length - 1; position >= 0; position--) {
        if (calls[position]?.wireIndex === wireIndex) {
          match = calls[position];
          break;
        }
      }
      // The same index with a different id, or a different name, is a new call.
      if (
        match !== undefined &&
        wireId !== undefined &&
        match.wireId !== undefined &&
        match.wireId !== wireId
      ) {
        match = undefined;
      }
    } else if (wireId !== undefined) {
      for (let position = calls.length - 1; position >= 0; position--) {
        if (calls[position]?.wireId === wireId) {
          match = calls[position];
          break;
        }
      }
    } else {
      match = calls[calls.length - 1];
    }
    if (match !== undefined && nonEmptyString(name) && match.name !== '' && match.name !== name)
      match = undefined;
    if (match !== undefined) return match;
    const call: ToolCallState = {
      position: calls.length,
      wireIndex,
      wireId,
      id: undefined,
      name: '',
      arguments: new TextBuilder(),
      started: false,
      ended: false,
    };
    calls.push(call);
    return call;
  }

  #startToolCall(call: ToolCallState, deltas: ChatDelta[]): void {
    call.started = true;
    const id = this.#toolCallId(call);
    deltas.push({ type: 'tool-call-start', index: call.position, id, name: call.name });
    if (!call.arguments.isEmpty) {
      deltas.push({
        type: 'tool-call-delta',
        index: call.position,
        id,
        argumentsDelta: call.arguments.toString(),
      });
    }
  }

  #closeToolCalls(deltas: ChatDelta[]): void {
    for (const call of this.#toolCalls) {
      if (call.ended) continue;
      if (!call.started) this.#startToolCall(call, deltas);
      call.ended = true;
      deltas.push({ type: 'tool-call-end', toolCall: this.#snapshotToolCall(call) });
    }
  }

  #toolCallId(call: ToolCallState): string {
    call.id ??= uniqueToolCallId(call.wireId, call.position, this.#usedToolCallIds);
    return call.id;
  }

  #snapshotToolCall(call: ToolCallState): ChatToolCall {
    return {
      index: call.position,
      id: this.#toolCallId(call),
      name: call.name,
      arguments: call.arguments.toString(),
    };
  }

  #takeAnnotation(annotation: WireAnnotation, deltas: ChatDelta[]): void {
    if (annotation == null || typeof annotation !== 'object') return;
    const key = JSON.stringify(annotation);
    if (this.#seenAnnotations.has(key)) return;
    this.#seenAnnotations.add(key);
    this.#annotations.push(annotation);
    deltas.push({ type: 'annotation', annotation });
  }

  #takeLogprobs(logprobs: WireLogprobs, deltas: ChatDelta[]): void {
    deltas.push({ type: 'logprobs', logprobs });
    const current = this.#logprobs;
    if (current === undefined) {
      this.#logprobs = {
        ...logprobs,
        content: Array.isArray(logprobs.content) ? logprobs.content.slice() : logprobs.content,
        refusal: Array.isArray(logprobs.refusal) ? logprobs.refusal.slice() : logprobs.refusal,
      };
      return;
    }
    for (const key of ['content', 'refusal'] as const) {
      const added = logprobs[key];
      if (!Array.isArray(added)) continue;
      const existing = current[key];
      current[key] = Array.isArray(existing) ? existing.concat(added) : added.slice();
    }
  }
}

function detailField(state: DetailState, key: string): unknown {
  return (state.detail as Record<string, unknown>)[key];
}
