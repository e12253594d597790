import {
  type ChatDelta,
  type ChatResult,
  type ChatStream,
  type OpenRouterClient,
  parseJson,
  toWireRequest,
  type WireChatRequest,
  type WireMessage,
} from '@openrouter-adapters/core';
import type { ChatTransport, UIMessageChunk } from 'ai';
import { CALCULATOR_TOOL_NAME, runCalculator } from '../shared/calculator';
import { type ChatSettings, toOpenRouterOptions } from '../shared/chat-settings';
import {
  reasoningDetailsMetadata,
  type TurnToolCall,
  toConversationTurns,
} from '../shared/conversation-turns';
import { describeError } from '../shared/describe-error';
import { findFaultScenario } from '../shared/fault-scenarios';
import { addReplyStep, type DemoMessage, type ReplyMetadata, startReply } from '../shared/reply-metadata';
import { SYSTEM_PROMPT } from '../shared/system-prompt';
import { CALCULATOR_WIRE_TOOL, toolResultText, toWireMessages } from '../shared/to-wire-messages';

const maxSteps = 5;

type Chunk = UIMessageChunk<ReplyMetadata>;

/**
 * The browser path as an AI SDK `ChatTransport`: an OpenAI-style streaming request from the
 * browser straight to the middleware at `/api/openrouter`, made and decoded by core's client
 * (SSE, deltas, typed errors); the calculator runs here in the page. The result is emitted as UI
 * message chunks, so `useChat` renders all three paths the same way.
 */
export class BrowserChatTransport implements ChatTransport<DemoMessage> {
  constructor(
    private readonly client: OpenRouterClient,
    private readonly settings: () => ChatSettings,
  ) {}

  async sendMessages(options: {
    messages: DemoMessage[];
    abortSignal: AbortSignal | undefined;
  }): Promise<ReadableStream<Chunk>> {
    const settings = this.settings();
    const { messages, abortSignal } = options;
    return new ReadableStream<Chunk>({
      start: async (controller) => {
        const write = (chunk: Chunk): void => controller.enqueue(chunk);
        try {
          await this.run(settings, messages, abortSignal, write);
        } catch (error) {
          if (abortSignal?.aborted) {
            controller.close();
            return;
          }
          write({ type: 'error', errorText: describeError(error) });
        }
        controller.close();
      },
    });
  }

  async reconnectToStream(): Promise<null> {
    return null;
  }

  private async run(
    settings: ChatSettings,
    messages: DemoMessage[],
    signal: AbortSignal | undefined,
    write: (chunk: Chunk) => void,
  ): Promise<void> {
    // camelCase routing options → wire body and headers, by core's one conversion function.
    const { body: options, headers: optionHeaders } = toWireRequest(toOpenRouterOptions(settings));
    const scenario = findFaultScenario(settings.scenario);
    const headers = { ...optionHeaders, ...(scenario ? { 'x-emulator-scenario': scenario.header } : {}) };
    const conversation: WireMessage[] = [
      { role: 'system', content: SYSTEM_PROMPT },
      ...toWireMessages(toConversationTurns(messages)),
    ];
    let reply = startReply('browser', settings.model);
    write({ type: 'start', messageMetadata: reply });

    for (let step = 0; step < maxSteps; step++) {
      write({ type: 'start-step' });
      const request: WireChatRequest = {
        ...options,
        model: settings.model,
        messages: conversation,
        // Always offered (earlier turns may hold calls), used only when the page allows it.
        tools: [CALCULATOR_WIRE_TOOL],
        tool_choice: settings.tools ? 'auto' : 'none',
      };
      const stream = await this.client.chat.stream(request, { signal, headers });
      const blocks = new BlockWriter(write, step);
      let result: ChatResult;
      try {
        result = await readStream(stream, blocks);
      } catch (error) {
        blocks.close([]);
        const partial = (error as { partial?: ChatResult }).partial;
        if (partial !== undefined) {
          reply = addReplyStep(reply, {
            model: partial.model,
            provider: partial.provider,
            generationId: partial.generationId,
          });
          write({ type: 'message-metadata', messageMetadata: reply });
        }
        throw error;
      }
      blocks.close(result.reasoningDetails);

      // The calculator runs here, in the page, between the two model requests.
      const calls: TurnToolCall[] = [];
      for (const call of result.toolCalls) {
        const input = parseArguments(call.arguments);
        write({ type: 'tool-input-available', toolCallId: call.id, toolName: call.name, input });
        const output = runTool(call.name, input);
        calls.push({ id: call.id, name: call.name, input, output });
        write(
          output.type === 'result'
            ? { type: 'tool-output-available', toolCallId: call.id, output: output.value }
            : { type: 'tool-output-error', toolCallId: call.id, errorText: output.message },
        );
      }
      reply = addReplyStep(reply, {
        model: result.model,
        provider: result.provider,
        generationId: result.generationId,
        usage:
          result.usage === undefined
            ? undefined
            : {
                inputTokens: result.usage.inputTokens,
                outputTokens: result.usage.outputTokens,
                reasoningTokens: result.usage.reasoningTokens,
                cachedTokens: result.usage.cacheReadTokens,
                costUsd: result.usage.cost,
              },
      });
      write({ type: 'message-metadata', messageMetadata: reply });
      write({ type: 'finish-step' });
      if (calls.length === 0) break;

      conversation.push(
        {
          role: 'assistant',
          content: result.text === '' ? null : result.text,
          tool_calls: result.toolCalls.map((call) => ({
            id: call.id,
            type: 'function' as const,
            function: { name: call.name, arguments: call.arguments },
          })),
          ...(result.reasoningDetails.length > 0 ? { reasoning_details: result.reasoningDetails } : {}),
        },
        ...calls.map((call) => ({
          role: 'tool' as const,
          tool_call_id: call.id,
          content: toolResultText(call.output),
        })),
      );
    }
    write({ type: 'finish', messageMetadata: reply });
  }
}

/** Streams one response's deltas into UI chunks; resolves with core's accumulated result. */
async function readStream(stream: ChatStream, blocks: BlockWriter): Promise<ChatResult> {
  for await (const event of stream) {
    if (event.type === 'chunk') {
      for (const delta of event.deltas) blocks.delta(delta);
    } else if (event.type === 'error') {
      throw event.error;
    } else if (event.type === 'end') {
      return event.result;
    }
  }
  return stream.result();
}

function parseArguments(text: string): unknown {
  if (text.trim() === '') return {};
  try {
    return parseJson(text, { what: 'the tool call arguments' });
  } catch {
    return { invalidArguments: text };
  }
}

function runTool(name: string, input: unknown): TurnToolCall['output'] {
  if (name !== CALCULATOR_TOOL_NAME) return { type: 'error', message: `Unknown tool "${name}"` };
  try {
    return { type: 'result', value: runCalculator(input) };
  } catch (error) {
    return { type: 'error', message: error instanceof Error ? error.message : String(error) };
  }
}

/** Writes one step's deltas as UI parts: reasoning and text blocks, tool-call input fragments. */
class BlockWriter {
  private reasoningId: string | undefined;
  private textId: string | undefined;

  constructor(
    private readonly write: (chunk: Chunk) => void,
    private readonly step: number,
  ) {}

  delta(delta: ChatDelta): void {
    switch (delta.type) {
      case 'reasoning':
        if (delta.text === '') return;
        if (this.reasoningId === undefined) {
          this.reasoningId = `reasoning-${this.step}`;
          this.write({ type: 'reasoning-start', id: this.reasoningId });
        }
        this.write({ type: 'reasoning-delta', id: this.reasoningId, delta: delta.text });
        return;
      case 'text':
        if (delta.text === '') return;
        if (this.textId === undefined) {
          this.textId = `text-${this.step}`;
          this.write({ type: 'text-start', id: this.textId });
        }
        this.write({ type: 'text-delta', id: this.textId, delta: delta.text });
        return;
      case 'tool-call-start':
        this.write({ type: 'tool-input-start', toolCallId: delta.id, toolName: delta.name });
        return;
      case 'tool-call-delta':
        if (delta.argumentsDelta !== '') {
          this.write({
            type: 'tool-input-delta',
            toolCallId: delta.id,
            inputTextDelta: delta.argumentsDelta,
          });
        }
        return;
      default:
        return;
    }
  }

  /** Ends open blocks; the merged `reasoning_details` ride on the reasoning block. */
  close(reasoningDetails: ChatResult['reasoningDetails']): void {
    const providerMetadata = reasoningDetailsMetadata(reasoningDetails);
    if (this.reasoningId === undefined && providerMetadata !== undefined) {
      this.reasoningId = `reasoning-${this.step}`;
      this.write({ type: 'reasoning-start', id: this.reasoningId });
    }
    if (this.reasoningId !== undefined) {
      this.write({
        type: 'reasoning-end',
        id: this.reasoningId,
        ...(providerMetadata ? { providerMetadata } : {}),
      });
      this.reasoningId = undefined;
    }
    if (this.textId !== undefined) {
      this.write({ type: 'text-end', id: this.textId });
      this.textId = undefined;
    }
  }
}
