import type { MessageContent } from '@langchain/core/messages';
import type {
  OptionIssue,
  WireAudioPart,
  WireCacheControl,
  WireContentPart,
  WireTextPart,
} from '@openrouter-adapters/core';
import { encodeBase64 } from './encode-base64';

type Block = Record<string, unknown>;

function isObject(value: unknown): value is Block {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const AUDIO_FORMATS: Record<string, WireAudioPart['input_audio']['format']> = {
  'audio/wav': 'wav',
  'audio/wave': 'wav',
  'audio/x-wav': 'wav',
  'audio/mpeg': 'mp3',
  'audio/mp3': 'mp3',
  'audio/flac': 'flac',
  'audio/x-flac': 'flac',
  'audio/mp4': 'm4a',
  'audio/m4a': 'm4a',
  'audio/x-m4a': 'm4a',
  'audio/ogg': 'ogg',
  'audio/aac': 'aac',
  'audio/aiff': 'aiff',
  'audio/x-aiff': 'aiff',
  'audio/pcm': 'pcm16',
  'audio/l16': 'pcm16',
};

/**
 * Converts user (or tool-result) content to OpenRouter parts. Accepts OpenAI-format parts
 * (`text`, `image_url`, `input_audio`, `file`, `video_url`), LangChain's legacy data blocks
 * (`source_type` url/base64/text) and v1 standard blocks (`image`, `audio`, `video`, `file`,
 * `text-plain` with `url`, `data` or `mimeType`). A block we cannot send is reported in `issues`
 * with its path; nothing is dropped silently.
 */
export function convertUserContent(
  content: MessageContent,
  path: string,
  issues: OptionIssue[],
): string | WireContentPart[] {
  if (typeof content === 'string') return content;
  const parts: WireContentPart[] = [];
  content.forEach((block, index) => {
    const blockPath = `${path}[${index}]`;
    const part = convertUserBlock(block as unknown, blockPath);
    if (typeof part === 'string') issues.push({ path: blockPath, message: part });
    else parts.push(part);
  });
  return parts;
}

/**
 * Converts system or assistant content: only text reaches the wire. Block types in `skip`
 * (tool calls, reasoning) are carried elsewhere on the message; any other block is an issue.
 */
export function convertTextContent(
  content: MessageContent,
  path: string,
  issues: OptionIssue[],
  role: string,
  skip: ReadonlySet<string>,
): string | WireTextPart[] {
  if (typeof content === 'string') return content;
  const parts: WireTextPart[] = [];
  content.forEach((block, index) => {
    const blockPath = `${path}[${index}]`;
    if (typeof block === 'string') {
      parts.push({ type: 'text', text: block });
      return;
    }
    if (!isObject(block)) {
      issues.push({ path: blockPath, message: 'content block must be an object' });
      return;
    }
    const type = block.type;
    if (typeof type === 'string' && skip.has(type)) return;
    if ((type === 'text' || type === 'text_delta') && typeof block.text === 'string') {
      // Empty text blocks (e.g. from streamed chunks) carry nothing and some providers reject them.
      if (block.text !== '') parts.push(textPart(block.text, block));
      return;
    }
    issues.push({
      path: blockPath,
      message: `${role} messages can only carry text; unsupported content block type "${String(type)}"`,
    });
  });
  return parts;
}

function textPart(text: string, block: Block): WireTextPart {
  const part: WireTextPart = { type: 'text', text };
  if (isObject(block.cache_control)) part.cache_control = block.cache_control as WireCacheControl;
  return part;
}

function withCacheControl<T extends WireContentPart>(part: T, block: Block): T {
  if (isObject(block.cache_control))
    (part as { cache_control?: unknown }).cache_control = block.cache_control;
  return part;
}

function convertUserBlock(block: unknown, path: string): WireContentPart | string {
  if (typeof block === 'string') return { type: 'text', text: block };
  if (!isObject(block)) return `content block at ${path} must be an object`;
  const type = block.type;
  switch (type) {
    case 'text':
    case 'text_delta':
      return typeof block.text === 'string'
        ? textPart(block.text, block)
        : 'text block without a string "text"';
    case 'image_url':
      return convertOpenAIImage(block);
    case 'input_audio':
      return isObject(block.input_audio) &&
        typeof block.input_audio.data === 'string' &&
        typeof block.input_audio.format === 'string'
        ? withCacheControl(
            {
              type: 'input_audio',
              input_audio: { data: block.input_audio.data, format: block.input_audio.format },
            },
            block,
          )
        : 'input_audio block needs input_audio.data and input_audio.format';
    case 'video_url': {
      const url = isObject(block.video_url) ? block.video_url.url : block.video_url;
      return typeof url === 'string'
        ? withCacheControl({ type: 'video_url', video_url: { url } }, block)
        : 'video_url block needs video_url.url';
    }
    case 'image':
    case 'audio':
    case 'video':
    case 'file':
    case 'text-plain':
      if (type === 'file' && isObject(block.file)) return convertOpenAIFile(block);
      return convertDataBlock(type, block);
    default:
      return `unsupported content block type "${String(type)}"`;
  }
}

function convertOpenAIImage(block: Block): WireContentPart | string {
  const imageUrl = block.image_url;
  if (typeof imageUrl === 'string')
    return withCacheControl({ type: 'image_url', image_url: { url: imageUrl } }, block);
  if (isObject(imageUrl) && typeof imageUrl.url === 'string') {
    const part: WireContentPart = { type: 'image_url', image_url: { url: imageUrl.url } };
    if (typeof imageUrl.detail === 'string') part.image_url.detail = imageUrl.detail;
    return withCacheControl(part, block);
  }
  return 'image_url block needs image_url.url';
}

function convertOpenAIFile(block: Block): WireContentPart | string {
  const file = block.file as Block;
  const wire: { filename?: string; file_data?: string; file_id?: string } = {};
  if (typeof file.filename === 'string') wire.filename = file.filename;
  if (typeof file.file_data === 'string') wire.file_data = file.file_data;
  if (typeof file.file_id === 'string') wire.file_id = file.file_id;
  if (wire.file_data === undefined && wire.file_id === undefined)
    return 'file block needs file.file_data or file.file_id';
  return withCacheControl({ type: 'file', file: wire }, block);
}

type DataSource =
  | { kind: 'url'; url: string; mimeType: string | undefined }
  | { kind: 'base64'; data: string; mimeType: string | undefined }
  | { kind: 'text'; text: string; mimeType: string | undefined };

/** Reads a legacy (`source_type`) or v1 standard data block into one shape. */
function readDataSource(block: Block): DataSource | string {
  const mimeType =
    typeof block.mimeType === 'string'
      ? block.mimeType
      : typeof block.mime_type === 'string'
        ? block.mime_type
        : undefined;
  const sourceType = block.source_type;
  if (sourceType === 'id' || typeof block.fileId === 'string') {
    return 'file ids are not supported by OpenRouter; send the data (base64) or a URL instead';
  }
  if (typeof block.url === 'string' && (sourceType === undefined || sourceType === 'url')) {
    const parsed = parseDataUrl(block.url);
    if (parsed !== undefined)
      return { kind: 'base64', data: parsed.data, mimeType: parsed.mimeType ?? mimeType };
    return { kind: 'url', url: block.url, mimeType };
  }
  if (block.data instanceof Uint8Array) return { kind: 'base64', data: encodeBase64(block.data), mimeType };
  if (typeof block.data === 'string' && (sourceType === undefined || sourceType === 'base64')) {
    return { kind: 'base64', data: block.data, mimeType };
  }
  if (typeof block.text === 'string' && (sourceType === undefined || sourceType === 'text')) {
    return { kind: 'text', text: block.text, mimeType };
  }
  return `needs "url", "data" (base64) or "text"${typeof sourceType === 'string' ? ` (source_type "${sourceType}" is not supported)` : ''}`;
}

function parseDataUrl(url: string): { data: string; mimeType: string | undefined } | undefined {
  if (!url.startsWith('data:')) return undefined;
  const comma = url.indexOf(',');
  if (comma < 0) return undefined;
  const header = url.slice(5, comma);
  if (!header.endsWith(';base64')) return undefined;
  const mimeType = header.slice(0, -';base64'.length);
  return { data: url.slice(comma + 1), mimeType: mimeType === '' ? undefined : mimeType };
}

function dataUrl(data: string, mimeType: string | undefined): string {
  return `data:${mimeType ?? 'application/octet-stream'};base64,${data}`;
}

function filenameOf(block: Block): string | undefined {
  const metadata = isObject(block.metadata) ? block.metadata : {};
  for (const candidate of [block.filename, metadata.filename, metadata.name, block.title, metadata.title]) {
    if (typeof candidate === 'string' && candidate !== '') return candidate;
  }
  return undefined;
}

function convertDataBlock(type: string, block: Block): WireContentPart | string {
  const source = readDataSource(block);
  if (typeof source === 'string') return `${type} block ${source}`;
  switch (type) {
    case 'image': {
      if (source.kind === 'text') return 'image block cannot be text';
      const url = source.kind === 'url' ? source.url : dataUrl(source.data, source.mimeType);
      const part: WireContentPart = { type: 'image_url', image_url: { url } };
      const detail = isObject(block.metadata) ? block.metadata.detail : undefined;
      if (typeof detail === 'string') part.image_url.detail = detail;
      return withCacheControl(part, block);
    }
    case 'audio': {
      if (source.kind !== 'base64') {
        return 'audio block must carry base64 data (OpenRouter does not fetch audio URLs)';
      }
      const format = source.mimeType === undefined ? undefined : AUDIO_FORMATS[source.mimeType.toLowerCase()];
      if (format === undefined) {
        return `audio block has unsupported mime type "${source.mimeType ?? '(none)'}"; use one of ${Object.keys(AUDIO_FORMATS).join(', ')}`;
      }
      return withCacheControl({ type: 'input_audio', input_audio: { data: source.data, format } }, block);
    }
    case 'video': {
      if (source.kind === 'text') return 'video block cannot be text';
      const url = source.kind === 'url' ? source.url : dataUrl(source.data, source.mimeType);
      return withCacheControl({ type: 'video_url', video_url: { url } }, block);
    }
    default: {
      // `file` and `text-plain`: PDFs and other documents, by URL or inline.
      const fileData =
        source.kind === 'url'
          ? source.url
          : source.kind === 'base64'
            ? dataUrl(source.data, source.mimeType)
            : dataUrl(encodeBase64(new TextEncoder().encode(source.text)), source.mimeType ?? 'text/plain');
      const file: { filename?: string; file_data: string } = { file_data: fileData };
      const filename = filenameOf(block);
      if (filename !== undefined) file.filename = filename;
      return withCacheControl({ type: 'file', file }, block);
    }
  }
}
