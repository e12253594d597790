import {
  NoSuchProviderReferenceError,
  type SharedV4FileData,
  UnsupportedFunctionalityError,
} from '@ai-sdk/provider';
import type { WireCacheControl, WireContentPart } from '@openrouter-adapters/core';
import { encodeBase64 } from './encode-base64';
import { resolveMediaType, topLevelMediaType } from './media-type';
import type { OpenRouterMessageOptions } from './openrouter-settings';

export type FileInput = {
  data: SharedV4FileData;
  mediaType: string;
  filename?: string;
  options?: OpenRouterMessageOptions;
  cacheControl?: WireCacheControl;
};

/** `input_audio.format` by audio subtype. */
const AUDIO_FORMATS: Record<string, string> = {
  mpeg: 'mp3',
  mp3: 'mp3',
  wav: 'wav',
  wave: 'wav',
  'x-wav': 'wav',
  ogg: 'ogg',
  flac: 'flac',
  'x-flac': 'flac',
  aac: 'aac',
  'x-aac': 'aac',
  m4a: 'm4a',
  'x-m4a': 'm4a',
  mp4: 'm4a',
  aiff: 'aiff',
  'x-aiff': 'aiff',
  pcm16: 'pcm16',
};

/**
 * A prompt file as an OpenRouter content part: images → `image_url`, audio → `input_audio`
 * (base64 only), video → `video_url`, inline text → `text`, everything else (PDF, ...) →
 * `file`. URLs are passed through (the model's `supportedUrls` keeps the AI SDK from
 * downloading them); `{ openrouter: id }` references become `file_id`.
 */
export function convertFilePart(input: FileInput): WireContentPart {
  const part = convert(input);
  if (input.cacheControl !== undefined)
    (part as { cache_control?: WireCacheControl }).cache_control = input.cacheControl;
  return part;
}

function convert({ data, mediaType, filename, options }: FileInput): WireContentPart {
  if (data.type === 'text') return { type: 'text', text: data.text };
  if (data.type === 'reference') {
    const fileId = data.reference.openrouter;
    if (fileId === undefined) {
      throw new NoSuchProviderReferenceError({ provider: 'openrouter', reference: data.reference });
    }
    return { type: 'file', file: { file_id: fileId, ...fileName(options?.filename ?? filename) } };
  }
  const topLevel = topLevelMediaType(mediaType);
  switch (topLevel) {
    case 'image': {
      const url = toUrl(data, resolveMediaType(mediaType, rawOf(data), 'image/jpeg'));
      const detail = options?.imageDetail;
      return { type: 'image_url', image_url: detail === undefined ? { url } : { url, detail } };
    }
    case 'audio': {
      if (data.type === 'url') {
        throw new UnsupportedFunctionalityError({
          functionality: `audio URLs (${data.url.href}): OpenRouter accepts audio only as base64 data`,
        });
      }
      const resolved = resolveMediaType(mediaType, data.data, mediaType);
      const subtype = resolved.slice(resolved.indexOf('/') + 1).toLowerCase();
      const format = AUDIO_FORMATS[subtype];
      if (format === undefined) {
        throw new UnsupportedFunctionalityError({
          functionality: `audio format "${mediaType}" (OpenRouter accepts ${[...new Set(Object.values(AUDIO_FORMATS))].join(', ')})`,
        });
      }
      return { type: 'input_audio', input_audio: { data: base64Of(data.data), format } };
    }
    case 'video':
      return {
        type: 'video_url',
        video_url: { url: toUrl(data, resolveMediaType(mediaType, rawOf(data), 'video/mp4')) },
      };
    default: {
      const resolved = resolveMediaType(mediaType, rawOf(data), 'application/pdf');
      const name =
        options?.filename ?? filename ?? (resolved === 'application/pdf' ? 'document.pdf' : undefined);
      return { type: 'file', file: { ...fileName(name), file_data: toUrl(data, resolved) } };
    }
  }
}

type BinaryOrUrl = Extract<SharedV4FileData, { type: 'data' | 'url' }>;

function toUrl(data: BinaryOrUrl, mediaType: string): string {
  if (data.type === 'url') return data.originalUrl ?? data.url.href;
  return `data:${mediaType};base64,${base64Of(data.data)}`;
}

function rawOf(data: BinaryOrUrl): Uint8Array | string {
  return data.type === 'data' ? data.data : '';
}

function base64Of(data: Uint8Array | string): string {
  return typeof data === 'string' ? data : encodeBase64(data);
}

function fileName(name: string | undefined): { filename?: string } {
  return name === undefined ? {} : { filename: name };
}
