import { parseJson } from '../json/parse-json';

const maxDepth = 8;
const maxLength = 1_000;

function looksLikeJson(text: string): boolean {
  const first = text.trimStart()[0];
  return first === '{' || first === '[' || first === '"';
}

function fromString(text: string, depth: number): string | undefined {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  if (looksLikeJson(trimmed)) {
    try {
      const found = findErrorMessage(parseJson(trimmed), depth + 1);
      if (found) return found;
    } catch {
      // Not JSON after all: use the text itself.
    }
  }
  return trimmed.length > maxLength ? `${trimmed.slice(0, maxLength)}…` : trimmed;
}

/**
 * Digs the most specific human message out of an upstream error body: `metadata.raw` is often a
 * JSON string holding `{"error":{"message":"..."}}`, sometimes nested several levels deep.
 */
export function findErrorMessage(value: unknown, depth = 0): string | undefined {
  if (depth > maxDepth || value === null || value === undefined) return undefined;
  if (typeof value === 'string') return fromString(value, depth);
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findErrorMessage(item, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof value !== 'object') return undefined;
  const record = value as Record<string, unknown>;
  const nested = record.error;
  // `error` first when it is structured (it usually wraps the real message); a plain-string
  // `error` ("Bad Request") is less specific than a sibling `message`.
  const structured = typeof nested === 'string' && !looksLikeJson(nested) ? undefined : nested;
  return (
    findErrorMessage(structured, depth + 1) ??
    findErrorMessage(record.message, depth + 1) ??
    (typeof nested === 'string' ? fromString(nested, depth) : undefined) ??
    findErrorMessage(record.detail, depth + 1) ??
    findErrorMessage(record.error_message, depth + 1) ??
    findErrorMessage(record.errors, depth + 1) ??
    findErrorMessage(record.msg, depth + 1)
  );
}

/** A short, single-line excerpt of a non-JSON body (HTML tags, scripts and styles removed). */
export function bodyExcerpt(text: string, length = 200): string {
  const plain = text
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > length ? `${plain.slice(0, length)}…` : plain;
}
