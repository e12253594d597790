import { inspect } from 'node:util';

/** Where a secret (or a long fragment of one) was found. */
export type SecretFinding = { label: string; secretName: string; fragment: string; excerpt: string };

export type CaptureSummary = { entries: number; bytes: number; secrets: number; findings: number };

/**
 * Everything a test saw leave our code (response bodies and headers, SSE frames, errors with their
 * `cause` chains and `toJSON`, logger lines, `onUsage` events, LangChain model `toJSON`, stacks),
 * kept as text for the key-leak scan. Each text is scanned when it is added (against the secrets
 * known then) and again by `scan()` (against every secret, also ones registered later).
 */
export type Capture = {
  /** A secret that must appear nowhere (a server key, a PKCE-issued user key). */
  addSecret(name: string, value: string): void;
  /** Captures any value: strings as they are; objects and errors in every form they print. */
  add(label: string, value: unknown): void;
  /**
   * Scans everything retained against every secret; findings of streamed (unretained) texts
   * included. With `since` (a value of `entries()` taken earlier), only what was captured after it.
   */
  scan(since?: number): SecretFinding[];
  /** How many items were captured so far (a mark for `scan(since)`). */
  entries(): number;
  summary(): CaptureSummary;
};

export type CaptureOptions = {
  /** Keep texts for a later `scan()` (default true). Off for long runs: texts are scanned on arrival only. */
  retain?: boolean;
};

/** A one-line account of leaks for assertion messages: where, which secret, and the text before it. */
export function describeFindings(findings: readonly SecretFinding[]): string {
  if (findings.length === 0) return 'no key found';
  const shown = findings
    .slice(0, 4)
    .map((finding) => `${finding.secretName} in "${finding.label}": …${finding.excerpt.slice(-90)}`);
  return `${findings.length} leak(s): ${shown.join(' | ')}${findings.length > 4 ? ' | …' : ''}`;
}

/** Fragments whose presence means a leak: the key, its body after `sk-or-v1-`, and any 24-character window of it. */
function fragmentsOf(value: string): string[] {
  const body = value.replace(/^sk-or-v1-/, '');
  const fragments = new Set<string>([value, body]);
  const window = 24;
  for (let start = 0; start + window <= body.length; start += 4)
    fragments.add(body.slice(start, start + window));
  return [...fragments].filter((fragment) => fragment.length >= 16);
}

/** Renders a value in every way it could reach a user: string form, stack, inspect (hidden props), JSON, `toJSON`, causes. */
export function describeForScan(value: unknown, depth = 0, seen: Set<unknown> = new Set()): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined || typeof value !== 'object') return String(value);
  if (seen.has(value) || depth > 6) return '';
  seen.add(value);
  const parts: string[] = [];
  try {
    parts.push(String(value));
  } catch {}
  try {
    parts.push(
      inspect(value, {
        depth: 8,
        showHidden: true,
        getters: true,
        maxArrayLength: 200,
        maxStringLength: 100_000,
      }),
    );
  } catch {}
  try {
    parts.push(JSON.stringify(value) ?? '');
  } catch {}
  const record = value as Record<string, unknown> & { toJSON?: unknown; cause?: unknown; errors?: unknown };
  if (typeof record.toJSON === 'function') {
    try {
      parts.push(JSON.stringify((record.toJSON as () => unknown).call(value)) ?? '');
    } catch {}
  }
  if (value instanceof Error) {
    parts.push(value.message, value.stack ?? '');
    if ('cause' in value) parts.push(describeForScan(value.cause, depth + 1, seen));
    if (Array.isArray(record.errors))
      for (const inner of record.errors) parts.push(describeForScan(inner, depth + 1, seen));
    for (const key of [
      'partial',
      'response',
      'responseBody',
      'data',
      'error',
      'headers',
      'requestBodyValues',
    ]) {
      if (key in value) parts.push(describeForScan(record[key], depth + 1, seen));
    }
  }
  if (typeof Headers !== 'undefined' && value instanceof Headers)
    parts.push(JSON.stringify([...value.entries()]));
  return parts.join('\n');
}

export function createCapture(options: CaptureOptions = {}): Capture {
  const retain = options.retain ?? true;
  const secrets = new Map<string, string[]>();
  const texts: Array<{ label: string; text: string; index: number }> = [];
  const streamedFindings: Array<SecretFinding & { index: number }> = [];
  let entries = 0;
  let bytes = 0;

  const scanText = (label: string, text: string, into: SecretFinding[]): void => {
    for (const [secretName, fragments] of secrets) {
      for (const fragment of fragments) {
        const at = text.indexOf(fragment);
        if (at === -1) continue;
        into.push({
          label,
          secretName,
          fragment: `${fragment.slice(0, 6)}…(${fragment.length} chars)`,
          excerpt: text.slice(Math.max(0, at - 80), at).concat('<SECRET>'),
        });
        break;
      }
    }
  };

  return {
    addSecret(name, value) {
      if (value.length < 16) throw new Error(`secret "${name}" is too short to scan for reliably`);
      secrets.set(name, fragmentsOf(value));
    },
    add(label, value) {
      const text = describeForScan(value);
      const index = entries;
      entries += 1;
      bytes += text.length;
      if (retain) texts.push({ label, text, index });
      else {
        const found: SecretFinding[] = [];
        scanText(label, text, found);
        for (const finding of found) streamedFindings.push({ ...finding, index });
      }
    },
    scan(since = 0) {
      const findings: SecretFinding[] = streamedFindings
        .filter((finding) => finding.index >= since)
        .map(({ index: _index, ...finding }) => finding);
      for (const { label, text, index } of texts) if (index >= since) scanText(label, text, findings);
      return findings;
    },
    entries: () => entries,
    summary() {
      return { entries, bytes, secrets: secrets.size, findings: this.scan().length };
    },
  };
}
