import { NoSuchProviderReferenceError, UnsupportedFunctionalityError } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { convertFilePart } from './convert-file-part';

const WAV = new Uint8Array([0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x41, 0x56, 0x45, 0]);

describe('convertFilePart', () => {
  it('maps provider references to file_id and inline text to a text part', () => {
    expect(
      convertFilePart({
        data: { type: 'reference', reference: { openrouter: 'file-123' } },
        mediaType: 'application/pdf',
        filename: 'a.pdf',
      }),
    ).toEqual({ type: 'file', file: { file_id: 'file-123', filename: 'a.pdf' } });
    expect(convertFilePart({ data: { type: 'text', text: 'notes' }, mediaType: 'text/plain' })).toEqual({
      type: 'text',
      text: 'notes',
    });
    expect(() =>
      convertFilePart({
        data: { type: 'reference', reference: { openai: 'file-1' } },
        mediaType: 'application/pdf',
      }),
    ).toThrow(NoSuchProviderReferenceError);
  });

  it('resolves top-level media types by sniffing, and applies detail and cache markers', () => {
    expect(
      convertFilePart({
        data: { type: 'data', data: WAV },
        mediaType: 'audio',
        cacheControl: { type: 'ephemeral' },
      }),
    ).toEqual({
      type: 'input_audio',
      input_audio: { data: btoa(String.fromCharCode(...WAV)), format: 'wav' },
      cache_control: { type: 'ephemeral' },
    });
    expect(
      convertFilePart({
        data: { type: 'data', data: 'iVBORw0KGgoAAAANSUhEUg==' },
        mediaType: 'image/*',
        options: { imageDetail: 'low' },
      }),
    ).toEqual({
      type: 'image_url',
      image_url: { url: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==', detail: 'low' },
    });
  });

  it('rejects what OpenRouter cannot take, naming the problem', () => {
    expect(() =>
      convertFilePart({
        data: { type: 'url', url: new URL('https://example.com/a.mp3') },
        mediaType: 'audio/mpeg',
      }),
    ).toThrow(UnsupportedFunctionalityError);
    expect(() =>
      convertFilePart({
        data: { type: 'data', data: new Uint8Array([1, 2, 3]) },
        mediaType: 'audio/x-unknown',
      }),
    ).toThrow(/audio format "audio\/x-unknown"/);
  });
});
