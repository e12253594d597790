import type { OpenRouterClient } from '@openrouter-adapters/core';
import { type ChatTransport, DefaultChatTransport, type UIMessageChunk } from 'ai';
import type { ChatPath } from '../shared/chat-path';
import type { ChatSettings } from '../shared/chat-settings';
import type { DemoMessage } from '../shared/reply-metadata';
import { BrowserChatTransport } from './browser-chat-transport';

type SendOptions = Parameters<ChatTransport<DemoMessage>['sendMessages']>[0];

/**
 * One `useChat` conversation, three ways to answer it: each message goes through the path chosen
 * when it is sent (the browser straight to the middleware, or one of the two server routes).
 */
export class PathTransport implements ChatTransport<DemoMessage> {
  private readonly transports: Record<ChatPath, ChatTransport<DemoMessage>>;

  constructor(
    client: OpenRouterClient,
    private readonly current: () => { path: ChatPath; settings: ChatSettings },
  ) {
    const server = (api: string): ChatTransport<DemoMessage> =>
      new DefaultChatTransport<DemoMessage>({
        api,
        prepareSendMessagesRequest: ({ messages }) => ({
          body: { messages, settings: this.current().settings },
        }),
      });
    this.transports = {
      browser: new BrowserChatTransport(client, () => this.current().settings),
      'ai-sdk': server('/api/chat/ai-sdk'),
      langchain: server('/api/chat/langchain'),
    };
  }

  sendMessages(options: SendOptions): Promise<ReadableStream<UIMessageChunk>> {
    return this.transports[this.current().path].sendMessages(options);
  }

  async reconnectToStream(): Promise<null> {
    return null;
  }
}
