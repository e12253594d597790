/**
 * Reads `source` ahead of its consumer and hands over everything that arrived since the last
 * pull as one batch (never an empty one). While the consumer keeps up, batches hold one item, so
 * nothing waits; when it falls behind (LangChain's per-chunk overhead is far larger than core's
 * decoding), items that are already here are merged instead of queued one by one. At most
 * `highWaterMark` items are buffered; `stop` runs when the consumer leaves before the end.
 */
export async function* readAhead<T>(
  source: AsyncIterable<T>,
  stop: () => Promise<void>,
  highWaterMark = 256,
): AsyncGenerator<T[], void, undefined> {
  let buffer: T[] = [];
  let finished = false;
  let failure: { error: unknown } | undefined;
  let stopped = false;
  let wakeConsumer: (() => void) | undefined;
  let wakeProducer: (() => void) | undefined;
  const notifyConsumer = (): void => {
    const wake = wakeConsumer;
    wakeConsumer = undefined;
    wake?.();
  };

  void (async () => {
    try {
      for await (const item of source) {
        buffer.push(item);
        notifyConsumer();
        if (stopped) break;
        if (buffer.length >= highWaterMark) {
          await new Promise<void>((resolve) => {
            wakeProducer = resolve;
          });
        }
      }
    } catch (error) {
      failure = { error };
    } finally {
      finished = true;
      notifyConsumer();
    }
  })();

  try {
    for (;;) {
      // Let bytes that are already here be decoded first (one event-loop turn, well under a millisecond).
      if (!finished) await nextTurn();
      if (buffer.length > 0) {
        const batch = buffer;
        buffer = [];
        const wake = wakeProducer;
        wakeProducer = undefined;
        wake?.();
        yield batch;
        continue;
      }
      if (failure !== undefined) throw failure.error;
      if (finished) return;
      await new Promise<void>((resolve) => {
        wakeConsumer = resolve;
      });
    }
  } finally {
    if (!finished) {
      stopped = true;
      wakeProducer?.();
      await stop();
    }
  }
}

/** Resolves after pending I/O callbacks and microtasks ran (`setImmediate`, or a macrotask elsewhere). */
function nextTurn(): Promise<void> {
  return new Promise<void>((resolve) => {
    if (typeof globalThis.setImmediate === 'function') globalThis.setImmediate(resolve);
    else setTimeout(resolve, 0);
  });
}
