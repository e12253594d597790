import { HumanMessage } from '@langchain/core/messages';
import { InvalidOptionsError, type OptionIssue } from '@openrouter-adapters/core';
import { describe, expect, it } from 'vitest';
import { convertTextContent, convertUserContent } from './convert-content-blocks';
import { convertMessagesToOpenRouter } from './convert-messages-to-openrouter';

const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
const WAV_BASE64 = 'UklGRigAAABXQVZFZm10IBAAAAABAAEARKwAAIhYAQACABAAAABkYXRhAgAAAAEA';
const PDF_BASE64 = 'JVBERi0xLjQK';

function convert(blocks: unknown[]): { parts: unknown; issues: OptionIssue[] } {
  const issues: OptionIssue[] = [];
  const parts = convertUserContent(blocks as never, 'messages[0].content', issues);
  return { parts, issues };
}

describe('convertUserContent', () => {
  it('passes a string through unchanged', () => {
    expect(convertUserContent('hello', 'content', [])).toBe('hello');
  });

  it('converts images given by URL, base64 and data URL, legacy and v1 blocks alike', () => {
    const { parts, issues } = convert([
      { type: 'image', source_type: 'url', url: 'https://example.com/a.png' },
      { type: 'image', source_type: 'base64', data: PNG_BASE64, mime_type: 'image/png' },
      { type: 'image', source_type: 'url', url: `data:image/png;base64,${PNG_BASE64}` },
      { type: 'image', url: 'https://example.com/b.png', metadata: { detail: 'low' } },
      { type: 'image', data: PNG_BASE64, mimeType: 'image/png' },
      { type: 'image', data: new Uint8Array([1, 2, 3]), mimeType: 'image/png' },
      { type: 'image_url', image_url: { url: 'https://example.com/c.png', detail: 'high' } },
      { type: 'image_url', image_url: 'https://example.com/d.png' },
    ]);
    expect(issues).toEqual([]);
    expect(parts).toEqual([
      { type: 'image_url', image_url: { url: 'https://example.com/a.png' } },
      { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_BASE64}` } },
      { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_BASE64}` } },
      { type: 'image_url', image_url: { url: 'https://example.com/b.png', detail: 'low' } },
      { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_BASE64}` } },
      { type: 'image_url', image_url: { url: 'data:image/png;base64,AQID' } },
      { type: 'image_url', image_url: { url: 'https://example.com/c.png', detail: 'high' } },
      { type: 'image_url', image_url: { url: 'https://example.com/d.png' } },
    ]);
  });

  it('converts files and PDFs by URL and base64, keeping the filename', () => {
    const { parts, issues } = convert([
      {
        type: 'file',
        source_type: 'url',
        url: 'https://example.com/doc.pdf',
        mime_type: 'application/pdf',
        metadata: { filename: 'doc.pdf' },
      },
      {
        type: 'file',
        source_type: 'base64',
        data: PDF_BASE64,
        mime_type: 'application/pdf',
        metadata: { filename: 'inline.pdf' },
      },
      { type: 'file', data: PDF_BASE64, mimeType: 'application/pdf', metadata: { filename: 'v1.pdf' } },
      { type: 'file', source_type: 'text', text: 'Hello, World!', metadata: { filename: 'hello.txt' } },
      { type: 'text-plain', text: 'plain', title: 'notes.txt' },
      { type: 'file', file: { filename: 'raw.pdf', file_data: `data:application/pdf;base64,${PDF_BASE64}` } },
    ]);
    expect(issues).toEqual([]);
    expect(parts).toEqual([
      { type: 'file', file: { file_data: 'https://example.com/doc.pdf', filename: 'doc.pdf' } },
      {
        type: 'file',
        file: { file_data: `data:application/pdf;base64,${PDF_BASE64}`, filename: 'inline.pdf' },
      },
      { type: 'file', file: { file_data: `data:application/pdf;base64,${PDF_BASE64}`, filename: 'v1.pdf' } },
      {
        type: 'file',
        file: { file_data: 'data:text/plain;base64,SGVsbG8sIFdvcmxkIQ==', filename: 'hello.txt' },
      },
      { type: 'file', file: { file_data: 'data:text/plain;base64,cGxhaW4=', filename: 'notes.txt' } },
      { type: 'file', file: { filename: 'raw.pdf', file_data: `data:application/pdf;base64,${PDF_BASE64}` } },
    ]);
  });

  it('converts base64 audio (legacy, v1 and data URL) to input_audio with its format', () => {
    const { parts, issues } = convert([
      { type: 'audio', source_type: 'base64', data: WAV_BASE64, mime_type: 'audio/wav' },
      { type: 'audio', data: WAV_BASE64, mimeType: 'audio/mpeg' },
      { type: 'audio', source_type: 'url', url: `data:audio/wav;base64,${WAV_BASE64}` },
      { type: 'input_audio', input_audio: { data: WAV_BASE64, format: 'flac' } },
    ]);
    expect(issues).toEqual([]);
    expect(parts).toEqual([
      { type: 'input_audio', input_audio: { data: WAV_BASE64, format: 'wav' } },
      { type: 'input_audio', input_audio: { data: WAV_BASE64, format: 'mp3' } },
      { type: 'input_audio', input_audio: { data: WAV_BASE64, format: 'wav' } },
      { type: 'input_audio', input_audio: { data: WAV_BASE64, format: 'flac' } },
    ]);
  });

  it('converts video by URL', () => {
    const { parts, issues } = convert([
      { type: 'video', url: 'https://example.com/v.mp4' },
      { type: 'video', source_type: 'url', url: 'https://example.com/w.mp4' },
      { type: 'video_url', video_url: { url: 'https://example.com/x.mp4' } },
    ]);
    expect(issues).toEqual([]);
    expect(parts).toEqual([
      { type: 'video_url', video_url: { url: 'https://example.com/v.mp4' } },
      { type: 'video_url', video_url: { url: 'https://example.com/w.mp4' } },
      { type: 'video_url', video_url: { url: 'https://example.com/x.mp4' } },
    ]);
  });

  it('keeps cache_control markers on parts (prompt caching)', () => {
    const { parts } = convert([{ type: 'text', text: 'long context', cache_control: { type: 'ephemeral' } }]);
    expect(parts).toEqual([{ type: 'text', text: 'long context', cache_control: { type: 'ephemeral' } }]);
  });

  it('names every block it cannot send instead of dropping it', () => {
    const { parts, issues } = convert([
      { type: 'text', text: 'ok' },
      { type: 'audio', url: 'https://example.com/a.mp3' },
      { type: 'image', source_type: 'id', id: 'file-123' },
      { type: 'hologram', data: 'x' },
      { type: 'audio', data: WAV_BASE64, mimeType: 'audio/unknown' },
    ]);
    expect(parts).toEqual([{ type: 'text', text: 'ok' }]);
    expect(issues.map((issue) => issue.path)).toEqual([
      'messages[0].content[1]',
      'messages[0].content[2]',
      'messages[0].content[3]',
      'messages[0].content[4]',
    ]);
    expect(issues[0]?.message).toMatch(/audio block must carry base64 data/);
    expect(issues[1]?.message).toMatch(/file ids are not supported/);
    expect(issues[2]?.message).toMatch(/unsupported content block type "hologram"/);
    expect(issues[3]?.message).toMatch(/unsupported mime type "audio\/unknown"/);
  });

  it('makes an unsupported block fail the whole request with a typed error naming it', () => {
    const message = new HumanMessage({ content: [{ type: 'hologram', data: 'x' }] as never });
    expect(() => convertMessagesToOpenRouter([message])).toThrowError(InvalidOptionsError);
    try {
      convertMessagesToOpenRouter([message]);
    } catch (error) {
      expect(InvalidOptionsError.isInstance(error)).toBe(true);
      expect((error as InvalidOptionsError).issues[0]?.path).toBe('messages[0].content[0]');
      expect((error as Error).message).toContain('hologram');
    }
  });
});

describe('convertTextContent', () => {
  it('keeps text, skips carried blocks and reports the rest', () => {
    const issues: OptionIssue[] = [];
    const parts = convertTextContent(
      [
        { type: 'text', text: 'a' },
        { type: 'text', text: '' },
        { type: 'tool_use', id: 'x', name: 'y', input: {} },
        { type: 'image_url', image_url: { url: 'https://example.com' } },
      ] as never,
      'messages[1].content',
      issues,
      'assistant',
      new Set(['tool_use']),
    );
    expect(parts).toEqual([{ type: 'text', text: 'a' }]);
    expect(issues).toEqual([
      {
        path: 'messages[1].content[3]',
        message: 'assistant messages can only carry text; unsupported content block type "image_url"',
      },
    ]);
  });
});
