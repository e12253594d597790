import { describe, expect, it } from 'vitest';
import { mapFinishReason } from './map-finish-reason';

describe('mapFinishReason', () => {
  it('maps OpenRouter finish reasons and keeps the raw value', () => {
    expect(mapFinishReason('stop', false)).toEqual({ unified: 'stop', raw: 'stop' });
    expect(mapFinishReason('length', false)).toEqual({ unified: 'length', raw: 'length' });
    expect(mapFinishReason('tool_calls', true)).toEqual({ unified: 'tool-calls', raw: 'tool_calls' });
    expect(mapFinishReason('content_filter', false)).toEqual({
      unified: 'content-filter',
      raw: 'content_filter',
    });
    expect(mapFinishReason('error', false)).toEqual({ unified: 'error', raw: 'error' });
    expect(mapFinishReason('something_new', false)).toEqual({ unified: 'other', raw: 'something_new' });
    expect(mapFinishReason(undefined, false)).toEqual({ unified: 'other', raw: undefined });
  });

  it('treats tool calls that ended with `stop` (Gemini) as tool-calls', () => {
    expect(mapFinishReason('stop', true)).toEqual({ unified: 'tool-calls', raw: 'stop' });
  });
});
