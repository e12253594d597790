import { ResponseParseError } from '../errors/response-parse-error';

/** One dispatched server-sent event. `event` and `id` are set only when the event carried them. */
export type SseEvent = { data: string; event?: string; id?: string };

export type SseDecoderOptions = {
  onEvent: (event: SseEvent) => void;
  /** A comment line (`: text`), without the colon and one leading space. Keep-alives arrive here. */
  onComment?: (comment: string) => void;
  /** A valid `retry:` field (milliseconds). */
  onRetry?: (retryMs: number) => void;
  /**
   * Largest event accepted, in UTF-8 bytes: its `data`, `event` and `id` values (+1 per line) plus
   * any unfinished line (a U+FFFD that replaced invalid bytes counts as one). Default 16 MiB.
   */
  maxEventBytes?: number;
};

export type SseDecoder = {
  /** Decodes the next bytes. They are not retained (an incomplete UTF-8 sequence of ≤ 3 bytes is copied). */
  feed(bytes: Uint8Array): void;
  /** End of input: an unterminated last line and an undispatched event are delivered, then the state resets. */
  end(): void;
  /** Discards all state (unfinished line, event, failure). */
  reset(): void;
};

const LF = 10;
const COLON = 58;
const SPACE = 32;
const defaultMaxEventBytes = 16 * 1024 * 1024;

/**
 * UTF-8 length of decoded `text[start, end)`, exact for valid input. A U+FFFD counts one byte: it may
 * stand for a single invalid byte, and the limit must never reject fewer bytes than it names.
 */
function utf8Length(text: string, start = 0, end = text.length): number {
  let bytes = end - start;
  for (let index = start; index < end; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x80) continue;
    if (code < 0x800) {
      bytes += 1;
    } else if (
      code <= 0xdbff &&
      code >= 0xd800 &&
      (text.charCodeAt(index + 1) & 0xfc00) === 0xdc00 &&
      index + 1 < end
    ) {
      bytes += 2; // a surrogate pair: two code units, four bytes
      index++;
    } else if (code !== 0xfffd) {
      bytes += 2;
    }
  }
  return bytes;
}

/** Bytes a UTF-8 sequence starting with `lead` should have (1 for bytes that cannot start one). */
const sequenceLength = (lead: number): number =>
  lead >= 0xf0 ? (lead <= 0xf4 ? 4 : 1) : lead >= 0xe0 ? 3 : lead >= 0xc2 ? 2 : 1;

/**
 * A push parser for `text/event-stream` (WHATWG rules): LF, CR and CRLF line ends (also CR at the end
 * of one chunk and LF at the start of the next), a leading BOM, `data:` with or without a space,
 * multi-line data joined by `\n`, comments, unknown fields ignored, events and UTF-8 sequences split
 * anywhere (invalid bytes become U+FFFD, exactly as a streaming `TextDecoder` would).
 *
 * Hot path: each fed chunk is decoded once; lines are found with `indexOf` and cut with `slice`, so
 * a data value is a view of the decoded chunk (no per-byte or per-line concatenation except for a
 * line split across chunks).
 *
 * An event larger than `maxEventBytes` throws `ResponseParseError` (`kind: 'event-too-large'`) from
 * `feed`; the decoder then stays failed until `reset()`. Errors thrown by callbacks propagate.
 */
export function createSseDecoder(options: SseDecoderOptions): SseDecoder {
  return createSseParser(options);
}

/**
 * @internal The decoder behind `createSseDecoder`. With `onData`, events without `event`/`id` fields
 * arrive as their data string alone (no event object): the chat stream's hot path.
 */
export function createSseParser(
  options: SseDecoderOptions & { onData?: (data: string) => void },
): SseDecoder {
  const { onEvent, onComment, onRetry, onData } = options;
  const maxEventBytes = options.maxEventBytes ?? defaultMaxEventBytes;
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  /** An incomplete UTF-8 sequence at the end of the previous chunk, and how many bytes it lacks. */
  let carry: Uint8Array | undefined;
  let carryMissing = 0;
  let pendingLine = '';
  let afterCr = false;
  let atStreamStart = true;
  let data: string | undefined;
  let eventType: string | undefined;
  let id: string | undefined;
  /**
   * The event's size. Code units are a lower bound of UTF-8 bytes and three times them an upper
   * bound, so bytes are only counted (incrementally) once an event gets within 3x of the limit.
   */
  let eventUnits = 0;
  let eventBytes = -1;
  let pendingBytes = -1;
  let failed: ResponseParseError | undefined;

  const fail = (): never => {
    failed = new ResponseParseError({
      kind: 'event-too-large',
      message: `A server-sent event exceeded the maximum size of ${maxEventBytes} bytes (maxEventBytes)`,
    });
    pendingLine = '';
    data = undefined;
    throw failed;
  };

  /** Decodes a chunk; a sequence split at its end is completed by the next chunk. */
  const decode = (bytes: Uint8Array): string => {
    let start = 0;
    let prefix = '';
    if (carry !== undefined) {
      while (start < carryMissing && start < bytes.length && ((bytes[start] as number) & 0xc0) === 0x80)
        start++;
      const joined = new Uint8Array(carry.length + start);
      joined.set(carry);
      joined.set(bytes.subarray(0, start), carry.length);
      if (start === bytes.length && start < carryMissing) {
        carry = joined; // still incomplete
        carryMissing -= start;
        return '';
      }
      carry = undefined;
      prefix = decoder.decode(joined);
    }
    let end = bytes.length;
    let lead = end - 1;
    while (lead >= start && lead > end - 4 && ((bytes[lead] as number) & 0xc0) === 0x80) lead--;
    if (lead >= start && ((bytes[lead] as number) & 0xc0) !== 0x80) {
      const length = sequenceLength(bytes[lead] as number);
      if (lead + length > end) {
        carry = bytes.slice(lead, end);
        carryMissing = lead + length - end;
        end = lead;
      }
    }
    const text =
      start === 0 && end === bytes.length
        ? decoder.decode(bytes)
        : decoder.decode(bytes.subarray(start, end));
    return prefix === '' ? text : prefix + text;
  };

  /** Bytes of what the current event holds so far. */
  const retainedBytes = (): number =>
    (data === undefined ? 0 : utf8Length(data) + 1) +
    (eventType === undefined ? 0 : utf8Length(eventType) + 1) +
    (id === undefined ? 0 : utf8Length(id) + 1);

  /** Counts a field value against `maxEventBytes` before it is kept. */
  const count = (text: string, start: number, end: number): void => {
    eventUnits += end - start + 1;
    if (eventBytes >= 0) eventBytes += utf8Length(text, start, end) + 1;
    else if (eventUnits * 3 > maxEventBytes) eventBytes = retainedBytes() + utf8Length(text, start, end) + 1;
    if (eventUnits > maxEventBytes || eventBytes > maxEventBytes) fail();
  };

  /** Counts the unfinished line plus `text[start, end)` that is about to join it. */
  const countPending = (text: string, start: number, end: number): void => {
    const units = pendingLine.length + end - start + eventUnits;
    if (units > maxEventBytes) fail();
    if (units * 3 <= maxEventBytes) return;
    if (pendingBytes < 0) pendingBytes = utf8Length(pendingLine);
    pendingBytes += utf8Length(text, start, end);
    if (eventBytes < 0) eventBytes = retainedBytes();
    if (pendingBytes + eventBytes > maxEventBytes) fail();
  };

  const dispatch = (): void => {
    eventUnits = 0;
    eventBytes = -1;
    if (data === undefined) {
      eventType = undefined;
      id = undefined;
      return;
    }
    if (onData !== undefined && eventType === undefined && id === undefined) {
      const value = data;
      data = undefined;
      onData(value);
      return;
    }
    const event: SseEvent = { data };
    if (eventType !== undefined) event.event = eventType;
    if (id !== undefined) event.id = id;
    data = undefined;
    eventType = undefined;
    id = undefined;
    onEvent(event);
  };

  const processLine = (text: string, start: number, end: number): void => {
    if (start === end) {
      dispatch();
      return;
    }
    const first = text.charCodeAt(start);
    // Only four field names matter; anything else is ignored without searching for its colon.
    let nameLength = 0;
    if (first === 100) {
      // data
      if (
        text.charCodeAt(start + 1) === 97 &&
        text.charCodeAt(start + 2) === 116 &&
        text.charCodeAt(start + 3) === 97
      ) {
        nameLength = 4;
      }
    } else if (first === COLON) {
      if (onComment !== undefined)
        onComment(text.slice(text.charCodeAt(start + 1) === SPACE ? start + 2 : start + 1, end));
      return;
    } else if (first === 101) {
      if (text.startsWith('vent', start + 1)) nameLength = 5; // event
    } else if (first === 105) {
      if (text.charCodeAt(start + 1) === 100) nameLength = 2; // id
    } else if (first === 114) {
      if (text.startsWith('etry', start + 1)) nameLength = 5; // retry
    }
    if (nameLength === 0 || start + nameLength > end) return;
    let valueStart = start + nameLength;
    if (valueStart < end) {
      if (text.charCodeAt(valueStart) !== COLON) return; // e.g. `datum:` is an unknown field
      valueStart++;
      if (valueStart < end && text.charCodeAt(valueStart) === SPACE) valueStart++;
    }
    if (first !== 114) count(text, valueStart, end);
    if (first === 100) {
      const value = text.slice(valueStart, end);
      data = data === undefined ? value : `${data}\n${value}`;
    } else if (first === 101) {
      eventType = valueStart === end ? undefined : text.slice(valueStart, end);
    } else if (first === 105) {
      const value = text.slice(valueStart, end);
      if (!value.includes('\0')) id = value;
    } else if (valueStart < end) {
      let retry = 0;
      for (let index = valueStart; index < end; index++) {
        const digit = text.charCodeAt(index) - 48;
        if (digit < 0 || digit > 9) return;
        retry = retry * 10 + digit;
      }
      onRetry?.(retry);
    }
  };

  const processText = (text: string): void => {
    const length = text.length;
    if (length === 0) return;
    let position = 0;
    if (atStreamStart) {
      atStreamStart = false;
      if (text.charCodeAt(0) === 0xfeff) position = 1;
    }
    if (afterCr) {
      afterCr = false;
      if (text.charCodeAt(position) === LF) position++;
    }
    // `includes` first: V8's `indexOf` is markedly slower when, as usual, there is no CR at all.
    let nextCr = text.includes('\r', position) ? text.indexOf('\r', position) : -1;
    let nextLf = position;
    while (position < length) {
      // A blank line (the end of an event) follows most lines: check before searching.
      if (nextLf !== -1 && nextLf < position + 1) {
        nextLf = text.charCodeAt(position) === LF ? position : text.indexOf('\n', position);
      }
      if (nextCr !== -1 && nextCr < position) nextCr = text.indexOf('\r', position);
      const lineEnd = nextCr === -1 ? nextLf : nextLf === -1 || nextCr < nextLf ? nextCr : nextLf;
      if (lineEnd === -1) {
        countPending(text, position, length);
        pendingLine = pendingLine === '' ? text.slice(position) : pendingLine + text.slice(position);
        return;
      }
      if (pendingLine === '') {
        // Inline fast paths for the two lines every event has: the blank line, and a first `data:`.
        if (lineEnd === position) {
          dispatch();
        } else if (
          data === undefined &&
          lineEnd - position > 5 &&
          text.charCodeAt(position) === 100 &&
          text.charCodeAt(position + 4) === COLON &&
          text.charCodeAt(position + 1) === 97 &&
          text.charCodeAt(position + 2) === 116 &&
          text.charCodeAt(position + 3) === 97
        ) {
          const valueStart = text.charCodeAt(position + 5) === SPACE ? position + 6 : position + 5;
          count(text, valueStart, lineEnd);
          data = text.slice(valueStart, lineEnd);
        } else {
          processLine(text, position, lineEnd);
        }
      } else {
        countPending(text, position, lineEnd);
        const line = pendingLine + text.slice(position, lineEnd);
        pendingLine = '';
        pendingBytes = -1;
        processLine(line, 0, line.length);
      }
      if (lineEnd !== nextCr) {
        position = lineEnd + 1;
      } else if (lineEnd + 1 < length) {
        position = text.charCodeAt(lineEnd + 1) === LF ? lineEnd + 2 : lineEnd + 1;
      } else {
        afterCr = true; // a LF starting the next chunk belongs to this CR
        return;
      }
    }
  };

  const reset = (): void => {
    carry = undefined;
    pendingLine = '';
    pendingBytes = -1;
    afterCr = false;
    atStreamStart = true;
    data = undefined;
    eventType = undefined;
    id = undefined;
    eventUnits = 0;
    eventBytes = -1;
    failed = undefined;
  };

  return {
    feed(bytes: Uint8Array): void {
      if (failed !== undefined) throw failed;
      if (bytes.length > 0) processText(decode(bytes));
    },
    end(): void {
      if (failed !== undefined) throw failed;
      if (carry !== undefined) {
        const rest = decoder.decode(carry); // an incomplete sequence at EOF is one U+FFFD
        carry = undefined;
        processText(rest);
      }
      if (pendingLine !== '') {
        const line = pendingLine;
        pendingLine = '';
        pendingBytes = -1;
        processLine(line, 0, line.length);
      }
      dispatch();
      reset();
    },
    reset,
  };
}
