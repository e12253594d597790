import { describe, expect, it } from 'vitest';
import { parseToolCalls } from './parse-tool-call';

describe('parseToolCalls', () => {
  it('parses valid arguments, treats empty arguments as {} and keeps invalid ones with the reason', () => {
    const { toolCalls, invalidToolCalls } = parseToolCalls([
      { index: 0, id: 'call_1', name: 'add', arguments: '{"a":1,"b":2}' },
      { index: 1, id: 'call_2', name: 'now', arguments: '' },
      { index: 2, id: 'call_3', name: 'add', arguments: '{"a":1,' },
      { index: 3, id: 'call_4', name: 'add', arguments: '[1,2]' },
    ]);
    expect(toolCalls).toEqual([
      { type: 'tool_call', id: 'call_1', name: 'add', args: { a: 1, b: 2 } },
      { type: 'tool_call', id: 'call_2', name: 'now', args: {} },
    ]);
    expect(invalidToolCalls).toEqual([
      {
        type: 'invalid_tool_call',
        id: 'call_3',
        name: 'add',
        args: '{"a":1,',
        error: expect.stringContaining('not valid JSON'),
      },
      {
        type: 'invalid_tool_call',
        id: 'call_4',
        name: 'add',
        args: '[1,2]',
        error: 'Tool call arguments must be a JSON object.',
      },
    ]);
  });
});
