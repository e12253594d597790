import { createOpenRouter } from '@openrouter-adapters/ai-sdk';
import {
  convertToModelMessages,
  isStepCount,
  jsonSchema,
  pipeUIMessageStreamToResponse,
  type streamText as StreamText,
  streamText,
  type TextStreamPart,
  type ToolSet,
  tool,
  toUIMessageStream,
} from 'ai';
import type { Request, Response } from 'express';
import {
  CALCULATOR_DESCRIPTION,
  CALCULATOR_PARAMETERS,
  CALCULATOR_TOOL_NAME,
  type CalculatorInput,
  runCalculator,
} from '../shared/calculator';
import { toOpenRouterOptions } from '../shared/chat-settings';
import { describeError } from '../shared/describe-error';
import {
  addReplyStep,
  type DemoMessage,
  type ReplyMetadata,
  type ReplyStep,
  startReply,
} from '../shared/reply-metadata';
import { SYSTEM_PROMPT } from '../shared/system-prompt';
import { abortOnDisconnect } from './abort-on-disconnect';
import { type GatewayCall, gatewayHeaders } from './gateway-call';
import { parseChatRequest } from './parse-chat-request';

/** Model requests per reply (a tool call and the answer after it are two). */
const maxSteps = 5;

type ProviderOptions = NonNullable<Parameters<typeof StreamText>[0]['providerOptions']>;

/**
 * `POST /api/chat/ai-sdk`: the AI SDK path. `streamText` with `@openrouter-adapters/ai-sdk`
 * (pointed at this server's middleware) and the calculator tool, returned as an AI SDK UI message
 * stream that `useChat` (or any `fetch` reader) consumes. Each step's model, provider, tokens and
 * cost travel as message metadata; errors as plain words.
 */
export function createAiSdkChatRoute(
  gateway: GatewayCall,
): (request: Request, response: Response) => Promise<void> {
  // The middleware adds the key: `apiKey: ''` keeps OPENROUTER_API_KEY from being sent to it.
  // Retries happen once, in the middleware, before the first byte.
  const openrouter = createOpenRouter({ baseURL: gateway.baseURL, apiKey: '', maxRetries: 0 });
  const tools = {
    [CALCULATOR_TOOL_NAME]: tool({
      description: CALCULATOR_DESCRIPTION,
      inputSchema: jsonSchema<CalculatorInput>(CALCULATOR_PARAMETERS),
      execute: async (input: CalculatorInput) => runCalculator(input),
    }),
  } satisfies ToolSet;

  return async function aiSdkChatRoute(request, response) {
    const parsed = await parseChatRequest(request.body);
    if (!parsed.ok) {
      response.status(400).type('text/plain').send(parsed.message);
      return;
    }
    const { messages, settings } = parsed.request;
    const abortSignal = abortOnDisconnect(response);
    let reply = startReply('ai-sdk', settings.model);

    const result = streamText({
      model: openrouter(settings.model),
      instructions: SYSTEM_PROMPT,
      messages: await convertToModelMessages<DemoMessage>(messages, {
        tools,
        ignoreIncompleteToolCalls: true,
      }),
      tools,
      // Always offered (earlier turns may hold calls), used only when the page allows it.
      toolChoice: settings.tools ? 'auto' : 'none',
      stopWhen: isStepCount(maxSteps),
      providerOptions: { openrouter: toOpenRouterOptions(settings) } as unknown as ProviderOptions,
      headers: gatewayHeaders(gateway, request, settings),
      abortSignal,
      maxRetries: 0,
      // Errors reach the page as plain words (below); the terminal stays quiet.
      onError: () => {},
    });

    const messageMetadata = ({ part }: { part: TextStreamPart<ToolSet> }): ReplyMetadata | undefined => {
      if (part.type === 'start') return reply;
      if (part.type === 'finish-step') {
        reply = addReplyStep(reply, stepFromAiSdk(part.providerMetadata, part.usage));
        return reply;
      }
      if (part.type === 'finish') return reply;
      return undefined;
    };

    pipeUIMessageStreamToResponse({
      response,
      stream: toUIMessageStream<typeof tools, DemoMessage>({
        stream: result.stream,
        tools,
        sendReasoning: true,
        messageMetadata,
        onError: describeError,
      }),
    });
  };
}

/** One step's model, provider, generation id, tokens and cost from the AI SDK's finish-step part. */
function stepFromAiSdk(
  providerMetadata: Record<string, Record<string, unknown>> | undefined,
  usage: {
    inputTokens: number | undefined;
    outputTokens: number | undefined;
    inputTokenDetails: { cacheReadTokens: number | undefined };
    outputTokenDetails: { reasoningTokens: number | undefined };
  },
): ReplyStep {
  const openrouter = providerMetadata?.openrouter ?? {};
  const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
  return {
    model: text(openrouter.model),
    provider: text(openrouter.provider),
    generationId: text(openrouter.generationId),
    usage:
      usage.inputTokens === undefined && usage.outputTokens === undefined
        ? undefined
        : {
            inputTokens: usage.inputTokens ?? 0,
            outputTokens: usage.outputTokens ?? 0,
            reasoningTokens: usage.outputTokenDetails.reasoningTokens ?? 0,
            cachedTokens: usage.inputTokenDetails.cacheReadTokens ?? 0,
            costUsd: typeof openrouter.cost === 'number' ? openrouter.cost : undefined,
          },
  };
}
