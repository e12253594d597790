import type { OpenRouterError } from '../errors/openrouter-error';
import type { WireChatChunk } from '../wire/chat';
import type { ChatDelta, ChatResult } from './chat-result';

/**
 * Events of a chat stream. `error` and `end` are terminal and mutually exclusive: a stream that
 * fails after it started (in-band error, truncation, idle timeout, abort, reset) yields one
 * `error` event and stops; iteration itself never throws for those.
 */
export type ChatStreamEvent =
  | { type: 'chunk'; chunk: WireChatChunk; deltas: readonly ChatDelta[] }
  /** A keep-alive comment (e.g. `: OPENROUTER PROCESSING`). */
  | { type: 'ping'; comment: string }
  | { type: 'error'; error: OpenRouterError }
  | { type: 'end'; result: ChatResult };
