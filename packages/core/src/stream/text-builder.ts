const partsPerBlock = 256;

/**
 * Accumulates many small strings without building a deep cons-string chain: pieces are joined into
 * flat blocks of 256, so a long streamed text costs about its own size in memory, not ~50 bytes
 * per fragment. `toString()` joins once and caches.
 */
export class TextBuilder {
  private blocks: string[] = [];
  private parts: string[] = [];
  private empty = true;

  append(text: string): void {
    this.empty = false;
    this.parts.push(text);
    if (this.parts.length === partsPerBlock) {
      this.blocks.push(this.parts.join(''));
      this.parts = [];
    }
  }

  get isEmpty(): boolean {
    return this.empty;
  }

  toString(): string {
    if (this.parts.length > 0) {
      this.blocks.push(this.parts.join(''));
      this.parts = [];
    }
    if (this.blocks.length > 1) this.blocks = [this.blocks.join('')];
    return this.blocks[0] ?? '';
  }
}
