const partsPerBlock = 256;

/**
 * Accumulates many small strings without building a deep cons-string chain: pieces go into a
 * preallocated array and are joined into a flat block every 256, so a long streamed text costs
 * about its own size in memory, not ~50 bytes per fragment. `toString()` joins once and caches.
 */
export class TextBuilder {
  #blocks: string[] = [];
  readonly #parts: string[] = new Array<string>(partsPerBlock);
  #count = 0;
  #empty = true;

  append(text: string): void {
    this.#empty = false;
    this.#parts[this.#count++] = text;
    if (this.#count === partsPerBlock) {
      this.#blocks.push(this.#parts.join(''));
      this.#count = 0;
    }
  }

  get isEmpty(): boolean {
    return this.#empty;
  }

  toString(): string {
    if (this.#count > 0) {
      this.#blocks.push(this.#parts.slice(0, this.#count).join(''));
      this.#count = 0;
    }
    if (this.#blocks.length > 1) this.#blocks = [this.#blocks.join('')];
    return this.#blocks[0] ?? '';
  }
}
