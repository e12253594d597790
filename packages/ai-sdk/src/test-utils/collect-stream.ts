/** Reads a stream (or async iterable) to the end. */
export async function collectStream<T>(stream: AsyncIterable<T> | ReadableStream<T>): Promise<T[]> {
  const parts: T[] = [];
  if (Symbol.asyncIterator in stream) {
    for await (const part of stream as AsyncIterable<T>) parts.push(part);
    return parts;
  }
  const reader = (stream as ReadableStream<T>).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return parts;
    parts.push(value);
  }
}
