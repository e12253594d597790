/** A Map that forgets its oldest entries beyond `capacity` (keeps long-running emulators bounded). */
export class BoundedMap<K, V> extends Map<K, V> {
  private readonly capacity: number;

  constructor(capacity: number) {
    super();
    this.capacity = capacity;
  }

  override set(key: K, value: V): this {
    if (!this.has(key) && this.size >= this.capacity) {
      const oldest = this.keys().next();
      if (!oldest.done) this.delete(oldest.value);
    }
    return super.set(key, value);
  }
}
