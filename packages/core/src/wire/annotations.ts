import type { Extra } from './open';

export type WireUrlCitation = {
  type: 'url_citation';
  url_citation: {
    url: string;
    title?: string;
    content?: string;
    start_index?: number;
    end_index?: number;
  } & Extra;
};
export type WireFileAnnotation = {
  type: 'file';
  file: { hash: string; name: string; content?: unknown } & Extra;
};
export type WireAnnotation = WireUrlCitation | WireFileAnnotation | ({ type: string } & Extra);
