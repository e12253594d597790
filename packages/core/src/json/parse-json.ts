import { ResponseParseError } from '../errors/response-parse-error';

/** Where the text came from; used only to word the error. */
export type ParseJsonContext = {
  /** What was being parsed, e.g. `"a stream event"` (default `"the response body"`). */
  what?: string;
  status?: number;
  url?: string;
  headers?: Record<string, string>;
};

const excerptLength = 120;

/**
 * The one place network JSON is parsed. Leading whitespace (keep-alives) and a byte order mark
 * are tolerated. Invalid JSON throws `ResponseParseError` (`kind: 'invalid-json'`) whose message
 * and `responseBody` hold a short excerpt, never the whole body.
 */
export function parseJson(text: string, context?: ParseJsonContext): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    // JSON.parse already skips whitespace; a BOM is the one prefix it rejects.
    if (text.charCodeAt(0) === 0xfeff) return parseJson(text.slice(1), context);
    const trimmed = text.trim();
    const excerpt = trimmed.length > excerptLength ? `${trimmed.slice(0, excerptLength)}…` : trimmed;
    const what = context?.what ?? 'the response body';
    throw new ResponseParseError({
      kind: 'invalid-json',
      message:
        trimmed === ''
          ? `Expected JSON in ${what} but it was empty`
          : `Expected JSON in ${what} but could not parse it (${text.length} characters): ${excerpt}`,
      cause,
      status: context?.status,
      url: context?.url,
      headers: context?.headers,
      responseBody: excerpt,
    });
  }
}

/**
 * @internal Strict `JSON.parse` (no BOM allowance) that returns `undefined` instead of throwing,
 * for callers that fall back to `parseJson` on failure (JSON never parses to `undefined`).
 */
export function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
