import { parseModelId } from '@openrouter-adapters/core';

/**
 * A compiled model allowlist. Entries are exact ids (`anthropic/claude-sonnet-4.6`, also a
 * specific variant like `meta-llama/llama-3.3-70b-instruct:free`), author patterns
 * (`openai/*`) or `*` (every model). Matching is exact and case-sensitive: `OpenAI/gpt-4o`,
 * ` openai/gpt-4o` or look-alike characters never match `openai/*`.
 */
export type ModelAllowlist = {
  readonly entries: readonly string[];
  readonly all: boolean;
  readonly exact: ReadonlySet<string>;
  readonly authors: ReadonlySet<string>;
};

/** Ids and patterns are printable ASCII without spaces; anything else is a trick or a typo. */
const validCharacters = /^[\x21-\x7e]+$/;

/** Problems with allowlist entries (empty when valid), worded for an options error. */
export function allowlistIssues(entries: unknown): string[] {
  if (!Array.isArray(entries)) return ['must be an array of model ids or `author/*` patterns'];
  const issues: string[] = [];
  entries.forEach((entry, index) => {
    if (typeof entry !== 'string' || entry === '') issues.push(`[${index}] must be a non-empty string`);
    else if (!validCharacters.test(entry))
      issues.push(`[${index}] "${entry}" contains spaces or non-ASCII characters`);
    else if (entry.includes('*') && entry !== '*' && !/^~?[^/*]+\/\*$/.test(entry)) {
      issues.push(`[${index}] "${entry}": the only patterns are "author/*" and "*"`);
    }
  });
  return issues;
}

export function compileAllowlist(entries: readonly string[]): ModelAllowlist {
  const exact = new Set<string>();
  const authors = new Set<string>();
  let all = false;
  for (const entry of entries) {
    if (entry === '*') all = true;
    else if (entry.endsWith('/*')) authors.add(entry.slice(0, -2).replace(/^~/, ''));
    else exact.add(entry);
  }
  return { entries, all, exact, authors };
}

/**
 * True when `id` is allowed: listed exactly, or its base id is allowed (variants like `:nitro`
 * follow their base), or its author matches an `author/*` pattern. Aliases (`~author/…-latest`)
 * follow their author's pattern; routers (`openrouter/auto`) must be listed or match `openrouter/*`.
 */
export function isModelAllowed(id: string, allowlist: ModelAllowlist): boolean {
  if (!validCharacters.test(id)) return false;
  if (allowlist.all || allowlist.exact.has(id)) return true;
  const parsed = parseModelId(id);
  if (parsed.base !== id && allowlist.exact.has(parsed.base)) return true;
  const { author, slug } = parsed;
  return author !== undefined && slug !== undefined && !slug.includes('/') && allowlist.authors.has(author);
}

/** `:free` variants and the `openrouter/free` router. */
export function isFreeModel(id: string): boolean {
  return id.endsWith(':free') || id === 'openrouter/free';
}
