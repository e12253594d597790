import * as core from '@openrouter-adapters/core';
import { APICallError } from 'ai';
import OpenAI from 'openai';
import type { ChatOutcome, ChatPathName } from '../paths/chat-path';
import type { ExpectedCell } from './fault-matrix-table';

type ErrorLike = {
  name?: unknown;
  status?: unknown;
  statusCode?: unknown;
  cause?: unknown;
  constructor?: unknown;
};

/** The class check and status of an error, as each path exposes them. */
function classify(
  path: ChatPathName,
  errorClass: string,
  error: unknown,
): { matches: boolean; status: unknown; actual: string } {
  const thrown = error as ErrorLike | undefined;
  if (errorClass.startsWith('openai:')) {
    const name = errorClass.slice('openai:'.length);
    const expected =
      (OpenAI as unknown as Record<string, unknown>)[name] ?? (globalThis as Record<string, unknown>)[name];
    const actualName = (thrown?.constructor as { name?: string } | undefined)?.name ?? typeof error;
    return {
      matches: expected !== undefined && thrown?.constructor === expected,
      status: thrown?.status,
      actual: actualName,
    };
  }
  // The AI SDK wraps core's typed error in an APICallError (`cause`).
  const inner = path.startsWith('ai-sdk.')
    ? APICallError.isInstance(error)
      ? thrown?.cause
      : undefined
    : error;
  const coreClass = (core as unknown as Record<string, { isInstance?: (value: unknown) => boolean }>)[
    errorClass
  ];
  const innerError = inner as ErrorLike | undefined;
  const actual = `${path.startsWith('ai-sdk.') ? `${String(thrown?.name)}(cause: ${String(innerError?.name)})` : String(innerError?.name)}`;
  return {
    matches: coreClass?.isInstance?.(inner) === true && innerError?.name === errorClass,
    status: innerError?.status,
    actual,
  };
}

/** Compares one cell's outcome with the table; returns every mismatch (empty: the cell holds). */
export function checkCell(
  path: ChatPathName,
  expected: ExpectedCell,
  outcome: ChatOutcome,
  measured: { attempts: number; elapsedMs: number },
): string[] {
  const problems: string[] = [];
  if (measured.attempts !== expected.attempts)
    problems.push(`attempts: expected ${expected.attempts}, the emulator saw ${measured.attempts}`);
  if (expected.outcome === 'success') {
    if (!outcome.ok) problems.push(`expected success, got ${describeOutcome(outcome)}`);
    if (outcome.finishReason !== expected.finishReason)
      problems.push(`finish reason: expected ${expected.finishReason}, got ${String(outcome.finishReason)}`);
    if (expected.servedModel !== undefined && outcome.servedModel !== expected.servedModel)
      problems.push(`served model: expected ${expected.servedModel}, got ${String(outcome.servedModel)}`);
    if (expected.minElapsedMs !== undefined && measured.elapsedMs < expected.minElapsedMs)
      problems.push(
        `took ${measured.elapsedMs} ms: the retry hint (${expected.minElapsedMs} ms) was not honoured`,
      );
    if (expected.minPings !== undefined && outcome.pings < expected.minPings)
      problems.push(`keep-alive pings: expected at least ${expected.minPings}, got ${outcome.pings}`);
    return problems;
  }
  if (outcome.ok) problems.push(`expected ${expected.outcome}, the call succeeded`);
  if (expected.partial && outcome.text === '') problems.push('partial output was lost (no text kept)');
  if (expected.finishReason !== undefined && outcome.finishReason !== expected.finishReason)
    problems.push(`finish reason: expected ${expected.finishReason}, got ${String(outcome.finishReason)}`);
  if (expected.outcome === 'incomplete') return problems;
  if (outcome.error === undefined) {
    problems.push(`expected ${expected.errorClass}, no error surfaced`);
    return problems;
  }
  const { matches, status, actual } = classify(path, expected.errorClass, outcome.error);
  if (!matches) problems.push(`error class: expected ${expected.errorClass}, got ${actual}`);
  if (expected.status !== undefined && status !== expected.status)
    problems.push(`status: expected ${expected.status}, got ${String(status)}`);
  return problems;
}

export function describeOutcome(outcome: ChatOutcome): string {
  const error = outcome.error as (ErrorLike & { message?: unknown }) | undefined;
  return outcome.ok
    ? `success (finish ${String(outcome.finishReason)}, ${outcome.text.length} chars)`
    : `failure (finish ${String(outcome.finishReason)}, ${outcome.text.length} chars kept, error ${String(
        (error?.constructor as { name?: string } | undefined)?.name ?? error?.name,
      )}: ${String(error?.message ?? '').slice(0, 160)})`;
}
