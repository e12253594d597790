import { type AIMessageChunk, type BaseMessage, SystemMessage, ToolMessage } from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import type { WireReasoningDetail } from '@openrouter-adapters/core';
import { ChatOpenRouter, StreamError } from '@openrouter-adapters/langchain';
import { createUIMessageStream, pipeUIMessageStreamToResponse, type UIMessageStreamWriter } from 'ai';
import type { Request, Response } from 'express';
import {
  CALCULATOR_DESCRIPTION,
  CALCULATOR_PARAMETERS,
  CALCULATOR_TOOL_NAME,
  runCalculator,
} from '../shared/calculator';
import { type ChatSettings, toOpenRouterOptions } from '../shared/chat-settings';
import {
  reasoningDetailsMetadata,
  type TurnToolCall,
  toConversationTurns,
} from '../shared/conversation-turns';
import { describeError } from '../shared/describe-error';
import {
  addReplyStep,
  type DemoMessage,
  type ReplyMetadata,
  type ReplyStep,
  startReply,
} from '../shared/reply-metadata';
import { SYSTEM_PROMPT } from '../shared/system-prompt';
import { toolResultText } from '../shared/to-wire-messages';
import { abortOnDisconnect } from './abort-on-disconnect';
import { type GatewayCall, gatewayHeaders } from './gateway-call';
import { parseChatRequest } from './parse-chat-request';
import { toLangChainMessages } from './to-langchain-messages';

const maxSteps = 5;

const calculator = tool(async (input: unknown) => JSON.stringify(runCalculator(input)), {
  name: CALCULATOR_TOOL_NAME,
  description: CALCULATOR_DESCRIPTION,
  schema: CALCULATOR_PARAMETERS,
});

/**
 * `POST /api/chat/langchain`: the LangChain path. `ChatOpenRouter` from
 * `@openrouter-adapters/langchain` (pointed at this server's middleware) with the calculator bound,
 * streamed with `.stream()` and run as a small tool loop; the chunks are written as an AI SDK UI
 * message stream so the page renders all paths alike.
 */
export function createLangChainChatRoute(
  gateway: GatewayCall,
): (request: Request, response: Response) => Promise<void> {
  return async function langChainChatRoute(request, response) {
    const parsed = await parseChatRequest(request.body);
    if (!parsed.ok) {
      response.status(400).type('text/plain').send(parsed.message);
      return;
    }
    const { messages, settings } = parsed.request;
    const signal = abortOnDisconnect(response);
    const headers = gatewayHeaders(gateway, request, settings);
    // The middleware adds the key: `apiKey: ''` keeps OPENROUTER_API_KEY from being sent to it.
    const model = new ChatOpenRouter(settings.model, { baseURL: gateway.baseURL, apiKey: '', maxRetries: 0 });
    const conversation: BaseMessage[] = [
      new SystemMessage(SYSTEM_PROMPT),
      ...toLangChainMessages(toConversationTurns(messages)),
    ];

    const stream = createUIMessageStream<DemoMessage>({
      execute: async ({ writer }) => {
        await runToolLoop({ model, conversation, settings, headers, signal, writer });
      },
      onError: describeError,
    });
    pipeUIMessageStreamToResponse({ response, stream });
  };
}

async function runToolLoop(input: {
  model: ChatOpenRouter;
  conversation: BaseMessage[];
  settings: ChatSettings;
  headers: Record<string, string>;
  signal: AbortSignal;
  writer: UIMessageStreamWriter<DemoMessage>;
}): Promise<void> {
  const { model, conversation, settings, headers, signal, writer } = input;
  // Always offered (earlier turns may hold calls), used only when the page allows it.
  const withTools = model.bindTools([calculator], { tool_choice: settings.tools ? 'auto' : 'none' });
  let reply: ReplyMetadata = startReply('langchain', settings.model);
  writer.write({ type: 'start', messageMetadata: reply });

  for (let step = 0; step < maxSteps; step++) {
    writer.write({ type: 'start-step' });
    const blocks = new StepWriter(writer, step);
    let message: AIMessageChunk | undefined;
    try {
      const chunks = await withTools.stream(conversation, {
        ...toOpenRouterOptions(settings),
        headers,
        signal,
      });
      for await (const chunk of chunks) {
        message = message === undefined ? chunk : message.concat(chunk);
        blocks.write(chunk);
      }
    } catch (error) {
      // A stream that failed after it started keeps what arrived: show who served it.
      blocks.close(undefined);
      if (StreamError.isInstance(error) && error.partial !== undefined) {
        const partial = error.partial;
        reply = addReplyStep(reply, {
          model: partial.model,
          provider: partial.provider,
          generationId: partial.generationId,
        });
        writer.write({ type: 'message-metadata', messageMetadata: reply });
      }
      throw error;
    }
    if (message === undefined) throw new Error('The model returned an empty stream');
    blocks.close(message.additional_kwargs.reasoning_details);

    // The calculator runs here, on the server, between the two model requests.
    const toolCalls = message.tool_calls ?? [];
    const toolMessages: ToolMessage[] = [];
    for (const call of toolCalls) {
      const toolCallId = call.id ?? '';
      writer.write({ type: 'tool-input-available', toolCallId, toolName: call.name, input: call.args });
      const output = runTool(call.name, call.args);
      writer.write(
        output.type === 'result'
          ? { type: 'tool-output-available', toolCallId, output: output.value }
          : { type: 'tool-output-error', toolCallId, errorText: output.message },
      );
      toolMessages.push(new ToolMessage({ tool_call_id: toolCallId, content: toolResultText(output) }));
    }
    // Calls whose arguments are not JSON cannot run (nor go back to the model): show why, and stop.
    const invalidCalls = message.invalid_tool_calls ?? [];
    for (const call of invalidCalls) {
      writer.write({
        type: 'tool-input-error',
        toolCallId: call.id ?? '',
        toolName: call.name ?? CALCULATOR_TOOL_NAME,
        input: call.args,
        errorText: `The model sent arguments that are not valid JSON: ${call.error ?? String(call.args)}`,
      });
    }
    reply = addReplyStep(reply, stepFromLangChain(message));
    writer.write({ type: 'message-metadata', messageMetadata: reply });
    writer.write({ type: 'finish-step' });
    if (toolCalls.length === 0 || invalidCalls.length > 0) break;
    conversation.push(message, ...toolMessages);
  }
  writer.write({ type: 'finish', messageMetadata: reply });
}

function runTool(name: string, args: unknown): TurnToolCall['output'] {
  if (name !== CALCULATOR_TOOL_NAME) return { type: 'error', message: `Unknown tool "${name}"` };
  try {
    return { type: 'result', value: runCalculator(args) };
  } catch (error) {
    return { type: 'error', message: error instanceof Error ? error.message : String(error) };
  }
}

/** Model, provider, generation id, tokens and cost of one step from LangChain's merged message. */
function stepFromLangChain(message: AIMessageChunk): ReplyStep {
  const metadata = message.response_metadata as Record<string, unknown>;
  const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
  const usage = message.usage_metadata;
  return {
    model: text(metadata.model),
    provider: text(metadata.provider),
    generationId: text(metadata.generation_id),
    usage:
      usage === undefined
        ? undefined
        : {
            inputTokens: usage.input_tokens,
            outputTokens: usage.output_tokens,
            reasoningTokens: usage.output_token_details?.reasoning ?? 0,
            cachedTokens: usage.input_token_details?.cache_read ?? 0,
            costUsd: typeof metadata.cost === 'number' ? metadata.cost : undefined,
          },
  };
}

/**
 * Writes one step's LangChain chunks as UI message parts: reasoning and text blocks as they
 * stream, tool-call input fragments by index. `close` ends the open blocks and attaches the merged
 * `reasoning_details` to the reasoning block (where the AI SDK provider puts them too).
 */
class StepWriter {
  private reasoningId: string | undefined;
  private textId: string | undefined;
  private readonly toolCallIds = new Map<number, string>();

  constructor(
    private readonly writer: UIMessageStreamWriter<DemoMessage>,
    private readonly step: number,
  ) {}

  write(chunk: AIMessageChunk): void {
    const reasoning = chunk.additional_kwargs.reasoning_content;
    if (typeof reasoning === 'string' && reasoning !== '') {
      if (this.reasoningId === undefined) {
        this.reasoningId = `reasoning-${this.step}`;
        this.writer.write({ type: 'reasoning-start', id: this.reasoningId });
      }
      this.writer.write({ type: 'reasoning-delta', id: this.reasoningId, delta: reasoning });
    }
    const text = typeof chunk.content === 'string' ? chunk.content : chunk.text;
    if (text !== '') {
      if (this.textId === undefined) {
        this.textId = `text-${this.step}`;
        this.writer.write({ type: 'text-start', id: this.textId });
      }
      this.writer.write({ type: 'text-delta', id: this.textId, delta: text });
    }
    for (const fragment of chunk.tool_call_chunks ?? []) {
      const index = fragment.index ?? 0;
      let id = this.toolCallIds.get(index);
      if (id === undefined && fragment.id !== undefined && fragment.name !== undefined) {
        id = fragment.id;
        this.toolCallIds.set(index, id);
        this.writer.write({ type: 'tool-input-start', toolCallId: id, toolName: fragment.name });
      }
      if (id !== undefined && fragment.args !== undefined && fragment.args !== '') {
        this.writer.write({ type: 'tool-input-delta', toolCallId: id, inputTextDelta: fragment.args });
      }
    }
  }

  close(reasoningDetails: unknown): void {
    const details = Array.isArray(reasoningDetails) ? reasoningDetails : [];
    const providerMetadata = reasoningDetailsMetadata(details as WireReasoningDetail[]);
    if (this.reasoningId === undefined && providerMetadata !== undefined) {
      // Opaque reasoning (encrypted, no text) still has to go back on the next turn.
      this.reasoningId = `reasoning-${this.step}`;
      this.writer.write({ type: 'reasoning-start', id: this.reasoningId });
    }
    if (this.reasoningId !== undefined) {
      this.writer.write({
        type: 'reasoning-end',
        id: this.reasoningId,
        ...(providerMetadata === undefined ? {} : { providerMetadata }),
      });
      this.reasoningId = undefined;
    }
    if (this.textId !== undefined) {
      this.writer.write({ type: 'text-end', id: this.textId });
      this.textId = undefined;
    }
  }
}
