import { describe, expect, it } from 'vitest';
import { formatBanner } from './format-banner';

describe('formatBanner', () => {
  it('shows the URL, the emulator mode and how to switch', () => {
    const banner = formatBanner({
      url: 'http://127.0.0.1:3000',
      mode: 'emulator',
      upstreamBaseURL: 'http://127.0.0.1:4000/api/v1',
    });
    expect(banner).toContain('URL:    http://127.0.0.1:3000');
    expect(banner).toContain('Mode:   emulator (no OPENROUTER_API_KEY');
    expect(banner).toContain('Switch: OPENROUTER_API_KEY=sk-or-v1-... npm start');
    expect(banner).toContain('Stop:   Ctrl+C');
  });

  it('shows OpenRouter mode without the key', () => {
    const banner = formatBanner({
      url: 'http://127.0.0.1:3000',
      mode: 'openrouter',
      upstreamBaseURL: 'https://openrouter.ai/api/v1',
    });
    expect(banner).toContain('Mode:   OpenRouter (https://openrouter.ai/api/v1');
    expect(banner).toContain('Switch: unset OPENROUTER_API_KEY');
    expect(banner).not.toMatch(/sk-or-v1-[^.]/);
  });
});
