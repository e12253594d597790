import { errorMarker, hasMarker, OpenRouterError, type OpenRouterErrorOptions } from './openrouter-error';

const marker = errorMarker('ResponseParseError');

export type ResponseParseErrorKind =
  /** A body or `data:` payload that is not valid JSON. */
  | 'invalid-json'
  /** Valid JSON of an unexpected shape (e.g. not an object). */
  | 'unexpected-shape'
  /** One SSE event grew beyond the decoder's `maxEventBytes`. */
  | 'event-too-large';

/** The response could not be decoded. */
export class ResponseParseError extends OpenRouterError {
  private readonly [marker] = true;
  override readonly name: string = 'ResponseParseError';
  readonly kind: ResponseParseErrorKind;

  constructor(options: OpenRouterErrorOptions & { kind: ResponseParseErrorKind }) {
    super(options);
    this.kind = options.kind;
  }

  static override isInstance(value: unknown): value is ResponseParseError {
    return hasMarker(value, marker);
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), kind: this.kind };
  }
}
