/** Default `X-OpenRouter-Title`: requests are attributed to this project, not to LangChain. */
export const DEFAULT_APP_NAME = 'openrouter-adapters';
/** Default `HTTP-Referer`. */
export const DEFAULT_APP_URL = 'https://github.com/openrouter-adapters/openrouter-adapters';
