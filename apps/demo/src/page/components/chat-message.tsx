import { getToolName, isToolUIPart } from 'ai';
import type { ReactElement } from 'react';
import { CHAT_PATH_LABELS } from '../../shared/chat-path';
import type { DemoMessage, ReplyMetadata } from '../../shared/reply-metadata';
import { formatTokens, formatUsd } from '../format';

type Part = DemoMessage['parts'][number];

/**
 * One message. Assistant replies show their parts in order (collapsible reasoning, text as it
 * streams, tool calls with their results), then who served them and what they cost, and, when
 * the reply failed or was stopped, what happened in plain words (the partial answer stays).
 */
export function ChatMessage({
  message,
  streaming,
  outcome,
}: {
  message: DemoMessage;
  streaming: boolean;
  outcome: { error?: string; stopped?: boolean } | undefined;
}): ReactElement {
  if (message.role === 'user') {
    return (
      <article className="message user" data-testid="message" data-role="user">
        <p className="text">
          {message.parts.map((part) => (part.type === 'text' ? part.text : '')).join('')}
        </p>
        {outcome?.error && <ReplyError text={outcome.error} />}
      </article>
    );
  }
  return (
    <article
      className={`message assistant ${streaming ? 'streaming' : ''}`}
      data-testid="message"
      data-role="assistant"
      data-streaming={streaming ? 'true' : 'false'}
    >
      {message.parts.map((part, index) => (
        <MessagePart key={partKey(part, index)} part={part} streaming={streaming} />
      ))}
      {message.metadata && <ReplyFooter metadata={message.metadata} />}
      {outcome?.stopped && (
        <p className="stopped" data-testid="reply-stopped">
          Stopped. The answer so far is kept.
        </p>
      )}
      {outcome?.error && <ReplyError text={outcome.error} />}
    </article>
  );
}

function MessagePart({ part, streaming }: { part: Part; streaming: boolean }) {
  if (part.type === 'text') {
    return (
      <p className="text" data-testid="message-text">
        {part.text}
        {streaming && part.state === 'streaming' && <span className="caret" aria-hidden="true" />}
      </p>
    );
  }
  if (part.type === 'reasoning') {
    if (part.text === '') return null;
    return (
      <details className="reasoning" data-testid="reasoning" open={streaming && part.state === 'streaming'}>
        <summary>Reasoning{part.state === 'streaming' ? '…' : ''}</summary>
        <p>{part.text}</p>
      </details>
    );
  }
  if (isToolUIPart(part)) {
    const name = getToolName(part);
    const input = part.input as { expression?: unknown } | undefined;
    return (
      <div className="tool" data-testid="tool-call" data-tool={name} data-state={part.state}>
        <div className="tool-call">
          <span className="tool-name">{name}</span>
          <code>
            {typeof input?.expression === 'string' ? input.expression : JSON.stringify(part.input ?? {})}
          </code>
        </div>
        {part.state === 'output-available' && (
          <div className="tool-result" data-testid="tool-result">
            = <strong>{formatToolOutput(part.output)}</strong>
          </div>
        )}
        {part.state === 'output-error' && (
          <div className="tool-result tool-error" data-testid="tool-result">
            {part.errorText}
          </div>
        )}
        {(part.state === 'input-streaming' || part.state === 'input-available') && (
          <div className="tool-result pending">running…</div>
        )}
      </div>
    );
  }
  return null;
}

function formatToolOutput(output: unknown): string {
  if (typeof output === 'object' && output !== null && 'result' in output) {
    return String((output as { result: unknown }).result);
  }
  return JSON.stringify(output);
}

/** Under each reply: the path, the model that served, the provider, tokens and cost. */
function ReplyFooter({ metadata }: { metadata: ReplyMetadata }) {
  const served = metadata.model ?? metadata.requestedModel;
  const fellBack = metadata.model !== undefined && metadata.model !== metadata.requestedModel;
  return (
    <footer className="reply-footer" data-testid="reply-footer">
      <span className="path-tag" data-testid="reply-path">
        {CHAT_PATH_LABELS[metadata.path].title}
      </span>
      <span data-testid="reply-model">
        {served}
        {fellBack && <em> (asked for {metadata.requestedModel})</em>}
      </span>
      {metadata.provider && (
        <span>
          via <strong data-testid="reply-provider">{metadata.provider}</strong>
        </span>
      )}
      {metadata.inputTokens + metadata.outputTokens > 0 && (
        <span data-testid="reply-tokens">
          {formatTokens(metadata.inputTokens)} in · {formatTokens(metadata.outputTokens)} out
          {metadata.reasoningTokens > 0 && ` (${formatTokens(metadata.reasoningTokens)} reasoning)`}
          {metadata.cachedTokens > 0 && ` · ${formatTokens(metadata.cachedTokens)} cached`}
        </span>
      )}
      {metadata.costUsd !== undefined && (
        <span>
          cost <strong data-testid="reply-cost">{formatUsd(metadata.costUsd)}</strong>
        </span>
      )}
      {metadata.steps > 1 && <span>{metadata.steps} requests</span>}
    </footer>
  );
}

function ReplyError({ text }: { text: string }) {
  return (
    <p className="reply-error" role="alert" data-testid="reply-error">
      {text}
    </p>
  );
}

function partKey(part: Part, index: number): string {
  if (isToolUIPart(part)) return `tool-${part.toolCallId}`;
  return `${part.type}-${index}`;
}
