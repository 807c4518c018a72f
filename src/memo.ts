/**
 * A bounded memo for pure functions of a string: results are remembered until `size` keys have
 * been seen, then it starts over (no bookkeeping per hit, unlike an LRU). For work repeated
 * within a build and across the preview's rebuilds (slugs, tag keys).
 */
export class BoundedMemo<V> {
  private readonly values = new Map<string, V>();

  constructor(private readonly size: number) {}

  get(key: string, make: () => V): V {
    let value = this.values.get(key);
    if (value === undefined) {
      if (this.values.size >= this.size) this.values.clear();
      this.values.set(key, (value = make()));
    }
    return value;
  }

  clear(): void {
    this.values.clear();
  }
}
