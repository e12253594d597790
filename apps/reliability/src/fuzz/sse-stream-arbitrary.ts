import fc from 'fast-check';

/** What a decoder must deliver, in order: comments (keep-alives) and dispatched events. */
export type DecodedItem =
  | { type: 'comment'; text: string }
  | { type: 'event'; data: string; event?: string; id?: string };

type FieldLine =
  | { kind: 'data'; value: string; spaced: boolean }
  | { kind: 'event'; value: string }
  | { kind: 'id'; value: string }
  | { kind: 'comment'; text: string; spaced: boolean }
  | { kind: 'unknown'; line: string }
  | { kind: 'retry'; digits: string };

type Block = { kind: 'comment'; text: string; spaced: boolean } | { kind: 'event'; lines: FieldLine[] };

export type LineEnding = 'LF' | 'CR' | 'CRLF' | 'mixed';

export type SseStreamCase = {
  bytes: Uint8Array;
  expected: DecodedItem[];
  lineEnding: LineEnding;
  bom: boolean;
};

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text without CR/LF, well-formed UTF-16, biased towards multi-byte characters. */
export const lineText: fc.Arbitrary<string> = fc
  .oneof(
    fc.string({ unit: 'binary', maxLength: 24 }),
    fc.string({ unit: 'grapheme', maxLength: 12 }),
    fc.constantFrom(
      '',
      'é',
      'naïve café',
      '日本語テキスト',
      '🎉👍🏽🇳🇴',
      '\u0000',
      '{"a":1}',
      ' leading space',
      '[DONE]',
    ),
  )
  .map((text) => text.replace(/[\r\n]/g, '').replace(loneSurrogate, '\uFFFD'));

const unknownLine = fc
  .tuple(fc.constantFrom('foo', 'datum', 'dat', 'ids', 'eventx', 'retryx', 'x', 'DATA', 'Data'), lineText)
  .map(([name, value]) => `${name}: ${value}`);

const fieldLine: fc.Arbitrary<FieldLine> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({ kind: fc.constant('data' as const), value: lineText, spaced: fc.boolean() }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('event' as const),
      value: lineText.filter((value) => value !== ''),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('id' as const),
      value: lineText.map((value) => value.replace(/\0/g, '')),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('comment' as const), text: lineText, spaced: fc.boolean() }),
  },
  { weight: 1, arbitrary: unknownLine.map((line) => ({ kind: 'unknown' as const, line })) },
  {
    weight: 1,
    arbitrary: fc.stringMatching(/^\d{1,6}$/).map((digits) => ({ kind: 'retry' as const, digits })),
  },
);

const block: fc.Arbitrary<Block> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .tuple(fc.array(fieldLine, { maxLength: 6 }), lineText, fc.boolean())
      // Every event carries at least one data line (an event without data is not dispatched).
      .map(([lines, value, spaced]) => ({
        kind: 'event' as const,
        lines: [...lines, { kind: 'data' as const, value, spaced }],
      })),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('comment' as const), text: lineText, spaced: fc.boolean() }),
  },
);

function renderField(line: FieldLine): string {
  switch (line.kind) {
    case 'data':
      // Without the space only when the value does not itself start with one (the decoder strips one space).
      return line.spaced || line.value.startsWith(' ') ? `data: ${line.value}` : `data:${line.value}`;
    case 'event':
      return `event: ${line.value}`;
    case 'id':
      return `id: ${line.value}`;
    case 'comment':
      return line.spaced || line.text.startsWith(' ') ? `: ${line.text}` : `:${line.text}`;
    case 'unknown':
      return line.line;
    case 'retry':
      return `retry: ${line.digits}`;
  }
}

function expectedOf(blocks: Block[]): DecodedItem[] {
  const items: DecodedItem[] = [];
  for (const entry of blocks) {
    if (entry.kind === 'comment') {
      items.push({ type: 'comment', text: entry.text });
      continue;
    }
    let data: string | undefined;
    let event: string | undefined;
    let id: string | undefined;
    for (const line of entry.lines) {
      if (line.kind === 'comment') items.push({ type: 'comment', text: line.text });
      else if (line.kind === 'data') data = data === undefined ? line.value : `${data}\n${line.value}`;
      else if (line.kind === 'event') event = line.value;
      else if (line.kind === 'id') id = line.value;
    }
    items.push({
      type: 'event',
      data: data ?? '',
      ...(event !== undefined ? { event } : {}),
      ...(id !== undefined ? { id } : {}),
    });
  }
  return items;
}

const endings = { LF: '\n', CR: '\r', CRLF: '\r\n' } as const;

/**
 * Valid event streams: events (data lines with multi-byte text, `event`, `id`, `retry`, unknown
 * fields) and comments anywhere, with LF, CR, CRLF or mixed line ends and an optional BOM; every
 * event terminated by a blank line. `expected` is what any correct decoder delivers.
 */
export const sseStreamCase: fc.Arbitrary<SseStreamCase> = fc
  .record({
    blocks: fc.array(block, { minLength: 1, maxLength: 12 }),
    lineEnding: fc.constantFrom<LineEnding>('LF', 'CR', 'CRLF', 'mixed'),
    mixed: fc.array(fc.constantFrom<keyof typeof endings>('LF', 'CR', 'CRLF'), {
      minLength: 1,
      maxLength: 16,
    }),
    bom: fc.boolean(),
  })
  .map(({ blocks, lineEnding, mixed, bom }) => {
    const lines: string[] = [];
    for (const entry of blocks) {
      if (entry.kind === 'comment') lines.push(renderField(entry));
      else {
        for (const line of entry.lines) lines.push(renderField(line));
        lines.push('');
      }
    }
    let text = bom ? '\uFEFF' : '';
    let previous: keyof typeof endings | undefined;
    lines.forEach((line, index) => {
      let ending: keyof typeof endings =
        lineEnding === 'mixed' ? (mixed[index % mixed.length] as keyof typeof endings) : lineEnding;
      // A CR followed by an empty line ended with LF would read as one CRLF: keep such pairs unambiguous.
      if (previous === 'CR' && line === '' && ending !== 'CR') ending = 'CR';
      text += line + endings[ending];
      previous = ending;
    });
    return { bytes: new TextEncoder().encode(text), expected: expectedOf(blocks), lineEnding, bom };
  });

/** Cut points for a byte array of `length`: random places (inside UTF-8 sequences too), or every byte. */
export function chunkingFor(length: number): fc.Arbitrary<number[]> {
  return fc.oneof(
    {
      weight: 5,
      arbitrary: fc
        .uniqueArray(fc.integer({ min: 1, max: Math.max(1, length - 1) }), { maxLength: 40 })
        .map((cuts) => cuts.sort((a, b) => a - b)),
    },
    {
      weight: 1,
      arbitrary: fc.constant(Array.from({ length: Math.max(0, length - 1) }, (_, index) => index + 1)),
    },
    { weight: 1, arbitrary: fc.constant<number[]>([]) },
  );
}

export function splitBytes(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  let start = 0;
  for (const cut of cuts) {
    if (cut <= start || cut >= bytes.length) continue;
    pieces.push(bytes.subarray(start, cut));
    start = cut;
  }
  pieces.push(bytes.subarray(start));
  return pieces;
}

/** A ReadableStream that delivers `pieces` one per pull (like network packets). */
export function streamOf(pieces: readonly Uint8Array[]): ReadableStream<Uint8Array> {
  let index = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const piece = pieces[index++];
      if (piece === undefined) controller.close();
      else controller.enqueue(piece.slice());
    },
  });
}
