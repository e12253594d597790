import { describe, expect, it } from 'vitest';
import { EmulatorHttpError } from '../http/emulator-http-error';
import { parseScenarioHeader } from './parse-scenarios';

describe('parseScenarioHeader', () => {
  it('parses names, parameters, several scenarios and loose parameters', () => {
    expect(parseScenarioHeader('mid-stream-error; after=3; code=502, byok')).toEqual({
      scenarios: [
        {
          name: 'mid-stream-error',
          parameters: { after: '3', code: '502' },
          raw: 'mid-stream-error; after=3; code=502',
        },
        { name: 'byok', parameters: {}, raw: 'byok' },
      ],
      looseParameters: {},
    });
    expect(parseScenarioHeader(' after=1 ; code=429 ').looseParameters).toEqual({ after: '1', code: '429' });
    expect(parseScenarioHeader(undefined).scenarios).toEqual([]);
    expect(parseScenarioHeader('  ').scenarios).toEqual([]);
  });

  it('rejects unknown names, unknown parameters and bad values with a 400 naming them', () => {
    const cases: Array<[string, RegExp]> = [
      ['explode', /unknown scenario `explode`/],
      ['disconnect; after', /expected key=value, got "after"/],
      ['rate-limit; retry=1', /has no parameter `retry`/],
      ['slow-tokens; interval_ms=fast', /`interval_ms` .* must be a non-negative number/],
      ['mid-stream-error; after=-1', /must be a non-negative number/],
      ['usage-shape; choices=sometimes', /must be one of null-finish, empty, repeat-stop/],
      ['mid-stream-error; done=maybe', /must be one of true, false/],
      ['byok; times=x', /`times`/],
    ];
    for (const [header, message] of cases) {
      let error: unknown;
      try {
        parseScenarioHeader(header);
      } catch (caught) {
        error = caught;
      }
      expect(error, header).toBeInstanceOf(EmulatorHttpError);
      expect((error as EmulatorHttpError).status).toBe(400);
      expect((error as EmulatorHttpError).message).toMatch(message);
    }
  });
});
