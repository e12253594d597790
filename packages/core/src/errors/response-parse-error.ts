import { OpenRouterError, type OpenRouterErrorOptions } from './openrouter-error';

export type ResponseParseErrorKind =
  /** A body or `data:` payload that is not valid JSON. */
  | 'invalid-json'
  /** Valid JSON of an unexpected shape (e.g. not an object). */
  | 'unexpected-shape'
  /** One SSE event grew beyond the decoder's `maxEventBytes`. */
  | 'event-too-large';

/** The response could not be decoded. */
export class ResponseParseError extends OpenRouterError {
  static override readonly brand: string = 'ResponseParseError';
  declare static readonly isInstance: (value: unknown) => value is ResponseParseError;
  declare readonly kind: ResponseParseErrorKind;

  constructor(options: OpenRouterErrorOptions & { kind: ResponseParseErrorKind }) {
    super(options);
  }
}
