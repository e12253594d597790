import { useChat } from '@ai-sdk/react';
import { createOpenRouterClient } from '@openrouter-adapters/core';
import { type FormEvent, type ReactElement, useEffect, useMemo, useRef, useState } from 'react';
import type { ChatPath } from '../shared/chat-path';
import {
  type ChatSettings,
  parseModelList,
  type ReasoningChoice,
  type SortChoice,
} from '../shared/chat-settings';
import { type DemoMessage, isReplyMetadata } from '../shared/reply-metadata';
import { ChatMessage } from './components/chat-message';
import { ControlsPanel } from './components/controls-panel';
import { PageHeader } from './components/page-header';
import { RunningTotal } from './components/running-total';
import { PathTransport } from './path-transport';
import { useServerState } from './use-server-state';

/** A reply's error or stop, shown under the message it belongs to. */
type ReplyOutcome = { error?: string; stopped?: boolean };

const examplePrompt = 'What is "1234 * 5678"? Use the calculator.';

export function App(): ReactElement {
  // Core's client in the browser, aimed at the middleware: it never holds a key.
  const client = useMemo(
    () => createOpenRouterClient({ baseURL: `${window.location.origin}/api/openrouter`, maxRetries: 0 }),
    [],
  );
  const server = useServerState(client);
  const [path, setPath] = useState<ChatPath>('browser');
  const [model, setModel] = useState<string>('');
  const [fallbackText, setFallbackText] = useState('');
  const [sort, setSort] = useState<SortChoice>('default');
  const [zdr, setZdr] = useState(false);
  const [reasoning, setReasoning] = useState<ReasoningChoice>('default');
  const [tools, setTools] = useState(true);
  const [scenario, setScenario] = useState('');
  const [input, setInput] = useState(examplePrompt);
  const [outcomes, setOutcomes] = useState<Record<string, ReplyOutcome>>({});
  const pendingError = useRef<string | undefined>(undefined);

  const selectedModel = model || server.config?.defaultModel || '';
  const settings: ChatSettings = {
    model: selectedModel,
    fallbackModels: parseModelList(fallbackText),
    sort,
    zdr,
    reasoning,
    tools,
    ...(scenario !== '' && server.config?.faultInjection ? { scenario } : {}),
  };
  const current = useRef({ path, settings });
  current.current = { path, settings };

  const transport = useMemo(() => new PathTransport(client, () => current.current), [client]);
  const { refresh } = server;
  const { messages, sendMessage, status, stop } = useChat<DemoMessage>({
    transport,
    onError: (error) => {
      pendingError.current = error.message;
    },
    onFinish: ({ message, messages: all, isAbort, isError }) => {
      const anchor = all.some((known) => known.id === message.id) ? message.id : all.at(-1)?.id;
      if (anchor !== undefined && (isAbort || isError)) {
        const outcome: ReplyOutcome = isAbort
          ? { stopped: true }
          : { error: pendingError.current ?? 'The reply failed.' };
        setOutcomes((known) => ({ ...known, [anchor]: outcome }));
      }
      pendingError.current = undefined;
      refresh();
    },
  });
  const busy = status === 'submitted' || status === 'streaming';

  const listEnd = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Follow the conversation as it streams.
    if (messages.length > 0) listEnd.current?.scrollIntoView({ block: 'end' });
  }, [messages]);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const text = input.trim();
    if (text === '' || busy || selectedModel === '') return;
    setInput('');
    void sendMessage({ text });
  };

  return (
    <div className="page">
      <PageHeader config={server.config} signedIn={server.signedIn} />
      {server.problem && <p className="banner banner-error">{server.problem}</p>}
      <SignInResult />
      <main className="layout">
        <ControlsPanel
          config={server.config}
          models={server.models}
          path={path}
          onPath={setPath}
          model={selectedModel}
          onModel={setModel}
          fallbackText={fallbackText}
          onFallbackText={setFallbackText}
          sort={sort}
          onSort={setSort}
          zdr={zdr}
          onZdr={setZdr}
          reasoning={reasoning}
          onReasoning={setReasoning}
          tools={tools}
          onTools={setTools}
          scenario={scenario}
          onScenario={setScenario}
        />
        <section className="chat" aria-label="Chat">
          <div className="messages" data-testid="messages">
            {messages.length === 0 && (
              <p className="empty">
                Ask anything. Arithmetic goes through the demo’s calculator tool, e.g. <q>{examplePrompt}</q>
              </p>
            )}
            {messages.map((message, index) => (
              <ChatMessage
                key={message.id}
                message={message}
                streaming={busy && index === messages.length - 1 && message.role === 'assistant'}
                outcome={outcomes[message.id]}
              />
            ))}
            {status === 'submitted' && (
              <p className="thinking" data-testid="waiting">
                Waiting for the first token…
              </p>
            )}
            <div ref={listEnd} />
          </div>
          <form className="composer" onSubmit={submit}>
            <label htmlFor="prompt" className="visually-hidden">
              Message
            </label>
            <textarea
              id="prompt"
              value={input}
              rows={2}
              onChange={(event) => setInput(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' && !event.shiftKey) submit(event);
              }}
              placeholder="Message (Enter to send, Shift+Enter for a new line)"
            />
            {busy ? (
              <button type="button" className="stop" onClick={() => void stop()} data-testid="stop">
                Stop
              </button>
            ) : (
              <button type="submit" disabled={selectedModel === '' || input.trim() === ''} data-testid="send">
                Send
              </button>
            )}
          </form>
          <RunningTotal
            messages={messages.filter((message) => isReplyMetadata(message.metadata))}
            budget={server.budget}
          />
        </section>
      </main>
    </div>
  );
}

/** After the PKCE round trip the middleware redirects to `/` or `/?openrouter_error=<code>`. */
function SignInResult() {
  const error = new URLSearchParams(window.location.search).get('openrouter_error');
  if (error === null) return null;
  const reason =
    error === 'missing_verifier'
      ? 'the sign-in took too long or started in another browser'
      : error === 'exchange_failed'
        ? 'OpenRouter did not accept the sign-in code'
        : error === 'missing_code'
          ? 'no authorisation came back (was it cancelled on the consent page?)'
          : error.replaceAll('_', ' ');
  return (
    <p className="banner banner-error" data-testid="sign-in-error">
      Sign-in with OpenRouter failed: {reason}. Try again.
    </p>
  );
}
