import { describe, expect, it } from 'vitest';
import { ResponseParseError } from '../errors/response-parse-error';
import { parseJson } from './parse-json';

function parseError(text: string, context?: Parameters<typeof parseJson>[1]): ResponseParseError {
  try {
    parseJson(text, context);
  } catch (error) {
    if (ResponseParseError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected parseJson to throw');
}

describe('parseJson', () => {
  it('parses JSON and tolerates leading whitespace keep-alives and a BOM', () => {
    expect(parseJson('{"a":1}')).toEqual({ a: 1 });
    expect(parseJson('\n\n   \r\n\t{"a":[1,2]}')).toEqual({ a: [1, 2] });
    expect(parseJson('\ufeff{"a":true}')).toEqual({ a: true });
    expect(parseJson('  "text"  ')).toBe('text');
  });

  it('throws ResponseParseError (invalid-json) with a short excerpt, never the whole body', () => {
    const huge = `{"choices":[${'{"x":1},'.repeat(100_000)}`;
    const error = parseError(huge, { what: 'the response body', status: 200, url: 'http://127.0.0.1/x' });
    expect(error.kind).toBe('invalid-json');
    expect(error.message.length).toBeLessThan(400);
    expect(error.message).toContain(`${huge.length} characters`);
    expect(error.responseBody?.length).toBeLessThanOrEqual(121);
    expect(error).toMatchObject({ status: 200, url: 'http://127.0.0.1/x' });
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });

  it('names what was parsed and says when it was empty', () => {
    expect(parseError('', { what: 'a stream event' }).message).toBe(
      'Expected JSON in a stream event but it was empty',
    );
    expect(parseError('  \n ').message).toBe('Expected JSON in the response body but it was empty');
    expect(parseError('<html>502 Bad Gateway</html>').message).toContain('<html>502 Bad Gateway</html>');
  });
});
