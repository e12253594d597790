import type { OpenRouterError } from '../errors/openrouter-error';
import type { WireChatChunk } from '../wire/chat';
import type { ChatDelta, ChatResult } from './chat-result';

/**
 * Events of a chat stream. `error` and `end` are terminal and mutually exclusive: a stream that
 * fails after it started (in-band error, truncation, idle timeout, abort, reset) yields one
 * `error` event and stops; iteration itself never throws for those.
 */
export type ChatStreamEvent =
  /**
   * One decoded chunk and what it changed. An in-band error chunk arrives as a `chunk` (its partial
   * content, finish `'error'`, usage) followed by the terminal `error`. When the stream ends without a
   * finish reason (`[DONE]` only), the `tool-call-end` deltas of calls still open arrive in a last
   * `chunk` whose `chunk` is `{}`.
   */
  | { type: 'chunk'; chunk: WireChatChunk; deltas: readonly ChatDelta[] }
  /** A keep-alive comment (e.g. `: OPENROUTER PROCESSING`). */
  | { type: 'ping'; comment: string }
  | { type: 'error'; error: OpenRouterError }
  | { type: 'end'; result: ChatResult };
