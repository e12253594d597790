import { InvalidOptionsError, type OptionIssue } from './errors/invalid-options-error';

/** The parts of an OpenRouter model id: `[~]author/slug[:variant]`. */
export type ParsedModelId = {
  /** The id as given. */
  id: string;
  /** `openai` in `openai/gpt-4o`; undefined for an id without a slash. */
  author?: string;
  /** `gpt-4o` in `openai/gpt-4o:free` (without the variant). */
  slug?: string;
  /** `free` in `openai/gpt-4o:free` (`free`, `nitro`, `floor`, `exacto`, `thinking`, `extended`, `online`, ...). */
  variant?: string;
  /** `~author/family-latest`: resolves to the family's newest model. */
  isAlias: boolean;
  /** An OpenRouter router (`openrouter/auto`, `openrouter/free`, ...) that picks the model. */
  isRouter: boolean;
  /** The id without its variant, e.g. `openai/gpt-4o` for `openai/gpt-4o:free`. */
  base: string;
};

/** Router slugs under the `openrouter/` author; other `openrouter/*` ids are ordinary models. */
const routerSlugs: ReadonlySet<string> = new Set(['auto', 'free', 'pareto', 'bodybuilder', 'fusion']);

/**
 * Splits a model id into its parts. Deliberately lenient: OpenRouter decides which ids exist,
 * so anything non-empty parses. Throws `InvalidOptionsError` for an empty or blank id.
 */
export function parseModelId(id: string): ParsedModelId {
  if (typeof id !== 'string' || id.trim() === '') {
    throw new InvalidOptionsError({
      issues: [
        { path: 'model', message: `a model id must be a non-empty string (got ${JSON.stringify(id)})` },
      ],
    });
  }
  const isAlias = id.startsWith('~');
  const body = isAlias ? id.slice(1) : id;
  const slash = body.indexOf('/');
  const author = slash === -1 ? undefined : body.slice(0, slash) || undefined;
  const rest = slash === -1 ? body : body.slice(slash + 1);
  const colon = rest.lastIndexOf(':');
  const variant = colon === -1 ? undefined : rest.slice(colon + 1) || undefined;
  const slug = (variant === undefined ? rest : rest.slice(0, colon)) || undefined;
  const base = variant === undefined ? id : id.slice(0, id.length - variant.length - 1);
  return {
    id,
    author,
    slug,
    variant,
    isAlias,
    isRouter: !isAlias && author === 'openrouter' && slug !== undefined && routerSlugs.has(slug),
    base,
  };
}

/** Builds `[~]author/slug[:variant]`. Throws `InvalidOptionsError` when author or slug is blank. */
export function formatModelId(parts: {
  author: string;
  slug: string;
  variant?: string;
  alias?: boolean;
}): string {
  const issues: OptionIssue[] = [];
  if (typeof parts.author !== 'string' || parts.author.trim() === '' || parts.author.includes('/')) {
    issues.push({ path: 'author', message: 'must be a non-empty string without "/"' });
  }
  if (typeof parts.slug !== 'string' || parts.slug.trim() === '') {
    issues.push({ path: 'slug', message: 'must be a non-empty string' });
  }
  const variant = parts.variant?.startsWith(':') ? parts.variant.slice(1) : parts.variant;
  if (variant !== undefined && (variant.trim() === '' || variant.includes(':'))) {
    issues.push({ path: 'variant', message: 'must be a non-empty string without ":" (e.g. "free")' });
  }
  if (issues.length > 0) throw new InvalidOptionsError({ issues });
  return `${parts.alias === true ? '~' : ''}${parts.author}/${parts.slug}${variant === undefined ? '' : `:${variant}`}`;
}
