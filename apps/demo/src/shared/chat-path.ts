/** The three ways the page can reach OpenRouter. */
export type ChatPath = 'browser' | 'ai-sdk' | 'langchain';

export const CHAT_PATHS: readonly ChatPath[] = ['browser', 'ai-sdk', 'langchain'];

export const CHAT_PATH_LABELS: Record<ChatPath, { title: string; detail: string }> = {
  browser: {
    title: 'Browser → middleware',
    detail:
      'The page sends an OpenAI-style request straight to /api/openrouter (@openrouter-adapters/express) with core’s client; the calculator runs in the browser.',
  },
  'ai-sdk': {
    title: 'Server → AI SDK',
    detail:
      'POST /api/chat/ai-sdk: streamText with @openrouter-adapters/ai-sdk, returned as an AI SDK UI message stream; the calculator runs on the server.',
  },
  langchain: {
    title: 'Server → LangChain',
    detail:
      'POST /api/chat/langchain: ChatOpenRouter.stream() from @openrouter-adapters/langchain with bound tools; the calculator runs on the server.',
  },
};

export function isChatPath(value: unknown): value is ChatPath {
  return typeof value === 'string' && (CHAT_PATHS as readonly string[]).includes(value);
}
