/** Test directives read from the last user message (documented in the README). */
export type ReplyDirectives = {
  /** `[[reply: text]]`: the exact reply content. */
  reply?: string;
  /** `[[tokens: N]]`: a generated reply of exactly N completion tokens. */
  tokens?: number;
  /** `[[reasoning-tokens: N]]`: reasoning of exactly N tokens (when reasoning is on). */
  reasoningTokens?: number;
  /** `[[tool: name]]`: call this tool (it must be offered). */
  tool?: string;
  /** `[[no-tools]]`: answer in text even though tools are offered. */
  noTools?: boolean;
  /** `[[finish: content_filter]]` (or `length`, `stop`): force the finish reason. */
  finish?: 'stop' | 'length' | 'content_filter';
  /** `[[citations]]`: add `url_citation` annotations (also on with the web plugin or `:online`). */
  citations?: boolean;
};

const DIRECTIVE = /\[\[\s*([a-z-]+)\s*(?::\s*([\s\S]*?))?\s*\]\]/g;

export function parseReplyDirectives(text: string): ReplyDirectives {
  const directives: ReplyDirectives = {};
  if (!text.includes('[[')) return directives;
  for (const match of text.matchAll(DIRECTIVE)) {
    const name = match[1];
    const value = match[2] ?? '';
    switch (name) {
      case 'reply':
        directives.reply = value;
        break;
      case 'tokens': {
        const count = Number.parseInt(value, 10);
        if (Number.isFinite(count) && count >= 0) directives.tokens = Math.min(count, 100_000);
        break;
      }
      case 'reasoning-tokens': {
        const count = Number.parseInt(value, 10);
        if (Number.isFinite(count) && count >= 0) directives.reasoningTokens = Math.min(count, 100_000);
        break;
      }
      case 'tool':
        directives.tool = value.trim();
        break;
      case 'no-tools':
        directives.noTools = true;
        break;
      case 'finish':
        if (value === 'stop' || value === 'length' || value === 'content_filter') directives.finish = value;
        break;
      case 'citations':
        directives.citations = true;
        break;
    }
  }
  return directives;
}

/** The prompt without directives (for echoes in replies). */
export function stripDirectives(text: string): string {
  return text.replace(DIRECTIVE, '').replace(/\s+/g, ' ').trim();
}
