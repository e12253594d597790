import type { GeneratedStream } from '../stream/generate-openrouter-stream';
import type { DecodeContenderGroup, DecodeOutcome } from './decode-contender';

const sameJson = (left: string, right: string): boolean => {
  try {
    return JSON.stringify(JSON.parse(left)) === JSON.stringify(JSON.parse(right));
  } catch {
    return false;
  }
};

/**
 * Checks that a contender really decoded the stream (so nobody is fast because it skipped work):
 * the floor and baselines must see every chunk; adapters must produce the exact text, the two tool
 * calls with their arguments, and the usage; reasoning and finish reason are checked when reported.
 * Returns the problems found (empty: sane).
 */
export function verifyOutcome(
  outcome: DecodeOutcome,
  stream: GeneratedStream,
  group: DecodeContenderGroup,
): string[] {
  const { expected } = stream;
  const problems: string[] = [];
  if (group === 'floor' || group === 'baseline') {
    if (outcome.items !== stream.chunkCount) {
      problems.push(`saw ${outcome.items} chunks, expected ${stream.chunkCount}`);
    }
    return problems;
  }
  if (outcome.items === 0) problems.push('produced nothing');
  if (outcome.text === undefined) problems.push('reported no text');
  else if (outcome.text !== expected.text) {
    problems.push(`text differs (${outcome.text.length} vs ${expected.text.length} characters)`);
  }
  if (outcome.reasoning !== undefined && outcome.reasoning !== expected.reasoning) {
    problems.push(
      `reasoning differs (${outcome.reasoning.length} vs ${expected.reasoning.length} characters)`,
    );
  }
  if (outcome.toolCalls === undefined) problems.push('reported no tool calls');
  else if (outcome.toolCalls.length !== expected.toolCalls.length) {
    problems.push(`${outcome.toolCalls.length} tool calls, expected ${expected.toolCalls.length}`);
  } else {
    outcome.toolCalls.forEach((call, index) => {
      const want = expected.toolCalls[index];
      if (want === undefined) return;
      if (call.name !== undefined && call.name !== want.name)
        problems.push(`tool call ${index} is named ${call.name}`);
      if (!sameJson(call.arguments, want.arguments)) problems.push(`tool call ${index} arguments differ`);
    });
  }
  if (outcome.finishReason !== undefined && !['tool_calls', 'tool-calls'].includes(outcome.finishReason)) {
    problems.push(`finish reason ${outcome.finishReason}, expected tool calls`);
  }
  if (outcome.outputTokens === undefined) problems.push('reported no usage (output tokens)');
  else if (outcome.outputTokens !== expected.usage.completionTokens) {
    problems.push(`output tokens ${outcome.outputTokens}, expected ${expected.usage.completionTokens}`);
  }
  return problems;
}
