import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager';
import type {
  BaseLanguageModelInput,
  StructuredOutputMethodOptions,
} from '@langchain/core/language_models/base';
import {
  BaseChatModel,
  type BindToolsInput,
  type LangSmithParams,
} from '@langchain/core/language_models/chat_models';
import type { ChatModelStreamEvent } from '@langchain/core/language_models/event';
import type { AIMessageChunk, BaseMessage } from '@langchain/core/messages';
import { ChatGenerationChunk, type ChatResult as LangChainChatResult } from '@langchain/core/outputs';
import type { Runnable } from '@langchain/core/runnables';
import { getEnvironmentVariable } from '@langchain/core/utils/env';
import {
  type ChatDelta,
  type ChatStream,
  type ChatStreamEvent,
  createOpenRouterClient,
  InvalidOptionsError,
  type OpenRouterClient,
} from '@openrouter-adapters/core';
import { DEFAULT_APP_NAME, DEFAULT_APP_URL } from './attribution';
import { buildChatRequest, validateRequestOptions } from './build-chat-request';
import type {
  ChatOpenRouterCallOptions,
  ChatOpenRouterFields,
  ChatOpenRouterRequestOptions,
} from './chat-openrouter-fields';
import { convertToolsToOpenRouter } from './convert-tools';
import { createCaller } from './create-caller';
import { mapDeltasToChunk, mapFinalChunk } from './map-delta-to-chunk';
import { mapResultToMessage } from './map-result-to-message';
import { mapStreamToEvents } from './map-stream-to-events';
import { readAhead } from './read-ahead';
import { pickRequestOptions } from './request-option-keys';
import { createStructuredOutputRunnable } from './structured-output';

/** What `apiKey` is replaced with in `lc_kwargs` (serialisation swaps in a secret reference). */
const REDACTED = '[redacted]';

/**
 * OpenRouter chat model for LangChain, built on `@openrouter-adapters/core`: streaming with usage,
 * reasoning (standard reasoning blocks, `reasoning_details` sent back verbatim), tool calling,
 * structured output, routing and fallbacks, typed errors and one retry layer (core's).
 *
 * ```ts
 * const model = new ChatOpenRouter('anthropic/claude-sonnet-4.6', { provider: { sort: 'price' } });
 * const reply = await model.invoke('Hello');
 * ```
 */
export class ChatOpenRouter extends BaseChatModel<ChatOpenRouterCallOptions, AIMessageChunk> {
  static override lc_name(): string {
    return 'ChatOpenRouter';
  }

  override lc_serializable: boolean = true;

  override get lc_secrets(): { [key: string]: string } | undefined {
    return { apiKey: 'OPENROUTER_API_KEY' };
  }

  override get callKeys(): string[] {
    return [...super.callKeys, 'tools', 'tool_choice', 'strict', 'responseFormat', 'headers'];
  }

  /** The requested model id (the model that served is `response_metadata.model`). */
  readonly model: string;
  readonly baseURL: string | undefined;
  readonly streaming: boolean;
  /** Retries done by core before the first response byte. */
  readonly maxRetries: number | undefined;
  /** Request options from the constructor (camelCase); per-call options override them. */
  readonly requestOptions: ChatOpenRouterRequestOptions;
  readonly #client: OpenRouterClient;
  readonly #hasApiKey: boolean;

  constructor(model: string, fields?: Omit<ChatOpenRouterFields, 'model'>);
  constructor(fields: ChatOpenRouterFields);
  constructor(
    modelOrFields: string | ChatOpenRouterFields,
    maybeFields?: Omit<ChatOpenRouterFields, 'model'>,
  ) {
    const fields: ChatOpenRouterFields =
      typeof modelOrFields === 'string' ? { ...maybeFields, model: modelOrFields } : { ...modelOrFields };
    super(fields);
    this._addVersion('@openrouter-adapters/langchain', __PACKAGE_VERSION__);
    if (typeof fields.model !== 'string' || fields.model.trim() === '') {
      throw new InvalidOptionsError({
        issues: [{ path: 'model', message: 'a model id is required, e.g. "openai/gpt-4o-mini"' }],
      });
    }
    this.model = fields.model;
    this.baseURL = fields.baseURL;
    this.streaming = fields.streaming === true;
    this.maxRetries = fields.maxRetries;
    const requestOptions = pickRequestOptions(fields as Record<string, unknown>);
    if (
      requestOptions.stop === undefined &&
      fields.stopSequences !== undefined &&
      fields.stopSequences.length > 0
    ) {
      requestOptions.stop = fields.stopSequences;
    }
    const { appName, appUrl, appCategories, ...rest } = requestOptions;
    validateRequestOptions(requestOptions);
    this.requestOptions = rest;
    this.caller = createCaller(fields.maxConcurrency);
    const apiKey = fields.apiKey ?? getEnvironmentVariable('OPENROUTER_API_KEY');
    this.#hasApiKey = apiKey !== undefined && apiKey !== '';
    if (fields.apiKey !== undefined) this.lc_kwargs = { ...this.lc_kwargs, apiKey: REDACTED };
    this.#client = createOpenRouterClient({
      apiKey: this.#hasApiKey ? apiKey : undefined,
      baseURL: fields.baseURL,
      fetch: fields.fetch,
      headers: fields.headers,
      appName: appName ?? DEFAULT_APP_NAME,
      appUrl: appUrl ?? DEFAULT_APP_URL,
      appCategories,
      clientName: `langchain/${__PACKAGE_VERSION__}`,
      maxRetries: fields.maxRetries,
      timeoutMs: fields.timeout,
      idleTimeoutMs: fields.idleTimeout,
    });
  }

  _llmType(): string {
    return 'openrouter';
  }

  override getLsParams(options: this['ParsedCallOptions']): LangSmithParams {
    const stop = options.stop ?? this.requestOptions.stop;
    return {
      ls_provider: 'openrouter',
      ls_model_name: this.model,
      ls_model_type: 'chat',
      ls_temperature: options.temperature ?? this.requestOptions.temperature,
      ls_max_tokens: options.maxTokens ?? this.requestOptions.maxTokens,
      ls_stop: stop === undefined ? undefined : Array.isArray(stop) ? stop : [stop],
    };
  }

  /** Model and parameters (never the key): what makes two calls interchangeable for caches. */
  override _identifyingParams(): Record<string, unknown> {
    return { model_name: this.model, model: this.model, baseURL: this.baseURL, ...this.requestOptions };
  }

  override invocationParams(options?: this['ParsedCallOptions']): Record<string, unknown> {
    const perCall = options === undefined ? {} : pickRequestOptions(options as Record<string, unknown>);
    const params: Record<string, unknown> = { model: this.model, ...this.requestOptions, ...perCall };
    if (options?.stop !== undefined) params.stop = options.stop;
    if (options?.tools !== undefined) params.tools = convertToolsToOpenRouter(options.tools, options.strict);
    if (options?.tool_choice !== undefined) params.tool_choice = options.tool_choice;
    if (options?.responseFormat !== undefined) params.response_format = options.responseFormat;
    return params;
  }

  override bindTools(
    tools: BindToolsInput[],
    kwargs?: Partial<ChatOpenRouterCallOptions>,
  ): Runnable<BaseLanguageModelInput, AIMessageChunk, ChatOpenRouterCallOptions> {
    convertToolsToOpenRouter(tools, kwargs?.strict); // fail fast on a tool we cannot send
    return this.withConfig({ ...kwargs, tools });
  }

  async _generate(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ): Promise<LangChainChatResult> {
    if (this.streaming) {
      let aggregate: ChatGenerationChunk | undefined;
      for await (const chunk of this._streamResponseChunks(messages, options, runManager)) {
        aggregate = aggregate === undefined ? chunk : aggregate.concat(chunk);
      }
      if (aggregate === undefined) throw new Error('OpenRouter returned an empty stream.');
      return { generations: [aggregate], llmOutput: llmOutputOf(aggregate.message) };
    }
    const request = buildChatRequest(this.model, this.requestOptions, options, messages);
    const result = await this.caller.call(() =>
      this.#client.chat.send(request.body, { signal: options.signal, headers: request.headers }),
    );
    const raw = result.raw as { openrouter_metadata?: unknown } | undefined;
    const message = mapResultToMessage(result, raw?.openrouter_metadata);
    return {
      generations: [{ text: result.text, message }],
      llmOutput: llmOutputOf(message),
    };
  }

  override async *_streamResponseChunks(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    const stream = await this.#openStream(messages, options);
    let messageId: string | undefined;
    let routingMetadata: unknown;
    // Events that arrived while LangChain was busy with the previous chunk become one chunk.
    for await (const events of readAhead(stream, () => stream.cancel())) {
      const deltaLists: (readonly ChatDelta[])[] = [];
      let terminal: ChatStreamEvent | undefined;
      for (const event of events) {
        if (event.type === 'chunk') {
          messageId ??= event.chunk.id;
          if (event.chunk.openrouter_metadata !== undefined)
            routingMetadata = event.chunk.openrouter_metadata;
          deltaLists.push(event.deltas);
        } else if (event.type === 'end' || event.type === 'error') {
          terminal = event;
        }
      }
      const message = mapDeltasToChunk(deltaLists, messageId);
      if (message !== undefined) {
        const text = message.content as string;
        const chunk = new ChatGenerationChunk({ message, text });
        yield chunk;
        await runManager?.handleLLMNewToken(text, undefined, undefined, undefined, undefined, { chunk });
      }
      if (terminal?.type === 'error') throw terminal.error;
      if (terminal?.type === 'end') {
        const chunk = new ChatGenerationChunk({
          message: mapFinalChunk(terminal.result, routingMetadata),
          text: '',
        });
        yield chunk;
        await runManager?.handleLLMNewToken('', undefined, undefined, undefined, undefined, { chunk });
      }
    }
  }

  override async *_streamChatModelEvents(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
  ): AsyncGenerator<ChatModelStreamEvent> {
    const stream = await this.#openStream(messages, options);
    yield* mapStreamToEvents(stream);
  }

  async #openStream(messages: BaseMessage[], options: this['ParsedCallOptions']): Promise<ChatStream> {
    const request = buildChatRequest(this.model, this.requestOptions, options, messages);
    return this.caller.call(() =>
      this.#client.chat.stream(request.body, { signal: options.signal, headers: request.headers }),
    );
  }

  /** `true` when a key was given or found in `OPENROUTER_API_KEY` (the key itself is never exposed). */
  get hasApiKey(): boolean {
    return this.#hasApiKey;
  }

  // biome-ignore lint/suspicious/noExplicitAny: mirrors BaseChatModel's overloads.
  override withStructuredOutput<RunOutput extends Record<string, any> = Record<string, any>>(
    outputSchema: unknown,
    config?: StructuredOutputMethodOptions<false>,
  ): Runnable<BaseLanguageModelInput, RunOutput>;
  // biome-ignore lint/suspicious/noExplicitAny: mirrors BaseChatModel's overloads.
  override withStructuredOutput<RunOutput extends Record<string, any> = Record<string, any>>(
    outputSchema: unknown,
    config?: StructuredOutputMethodOptions<true>,
  ): Runnable<BaseLanguageModelInput, { raw: BaseMessage; parsed: RunOutput }>;
  // biome-ignore lint/suspicious/noExplicitAny: mirrors BaseChatModel's overloads.
  override withStructuredOutput<RunOutput extends Record<string, any> = Record<string, any>>(
    outputSchema: unknown,
    config?: StructuredOutputMethodOptions<boolean>,
  ):
    | Runnable<BaseLanguageModelInput, RunOutput>
    | Runnable<BaseLanguageModelInput, { raw: BaseMessage; parsed: RunOutput }> {
    return createStructuredOutputRunnable(this, outputSchema, config) as Runnable<
      BaseLanguageModelInput,
      RunOutput
    >;
  }
}

function llmOutputOf(message: BaseMessage): Record<string, unknown> | undefined {
  const usage = (message as AIMessageChunk).usage_metadata;
  if (usage === undefined) return undefined;
  return {
    tokenUsage: {
      promptTokens: usage.input_tokens,
      completionTokens: usage.output_tokens,
      totalTokens: usage.total_tokens,
    },
  };
}
