import type { LanguageModelV4Citation, LanguageModelV4File, LanguageModelV4Source } from '@ai-sdk/provider';
import type { WireAnnotation, WireGeneratedImage, WireUrlCitation } from '@openrouter-adapters/core';
import { dataUrlMediaType } from './media-type';

/** A `url_citation` annotation as a V4 URL source (id = the URL; one source per URL). */
export function sourceOfAnnotation(annotation: WireAnnotation): LanguageModelV4Source | undefined {
  if (annotation.type !== 'url_citation') return undefined;
  const citation = (annotation as WireUrlCitation).url_citation;
  if (typeof citation?.url !== 'string') return undefined;
  const source: LanguageModelV4Source = {
    type: 'source',
    sourceType: 'url',
    id: citation.url,
    url: citation.url,
  };
  if (typeof citation.title === 'string') source.title = citation.title;
  return source;
}

/** A `url_citation` as a V4 citation of the text it supports. */
export function citationOfAnnotation(
  annotation: WireAnnotation,
  source: LanguageModelV4Source,
): LanguageModelV4Citation {
  const citation = (annotation as WireUrlCitation).url_citation;
  const result: LanguageModelV4Citation = { source };
  if (typeof citation.start_index === 'number') result.startIndex = citation.start_index;
  if (typeof citation.end_index === 'number') result.endIndex = citation.end_index;
  if (typeof citation.content === 'string') result.citedText = citation.content;
  return result;
}

/** A generated image (`images[]` of a message or delta) as a V4 file part, base64 kept as is. */
export function fileOfImage(image: WireGeneratedImage): LanguageModelV4File | undefined {
  const url = image.image_url?.url;
  if (typeof url !== 'string') return undefined;
  const mediaType = dataUrlMediaType(url);
  if (mediaType === undefined) {
    return { type: 'file', mediaType: guessMediaType(url), data: { type: 'url', url: new URL(url) } };
  }
  const comma = url.indexOf(',');
  return { type: 'file', mediaType, data: { type: 'data', data: url.slice(comma + 1) } };
}

function guessMediaType(url: string): string {
  const path = url.split(/[?#]/, 1)[0]?.toLowerCase() ?? '';
  if (path.endsWith('.jpg') || path.endsWith('.jpeg')) return 'image/jpeg';
  if (path.endsWith('.webp')) return 'image/webp';
  if (path.endsWith('.gif')) return 'image/gif';
  return 'image/png';
}
