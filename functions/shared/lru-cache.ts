// What the bundles get in place of mnemonist/lru-cache (an esbuild alias set in CapabilityFunction, like the
// credentials provider's). Its only user in a bundle is the DynamoDB client's endpoint-discovery cache
// (@aws-sdk/endpoint-cache), which calls get, set, has, peek and clear; mnemonist's typed-array LRU and the
// iterator helpers it pulls in are ~7 KB of every DynamoDB function. A Map keeps insertion order, which is all
// an LRU needs. test/unit/lru-cache.test.ts runs the same operations on both and compares.
export default class LruCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  /** The value, now the most recently used. */
  get(key: K): V | undefined {
    if (!this.entries.has(key)) {
      return undefined;
    }
    const value = this.entries.get(key) as V;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  /** The value, its recency unchanged. */
  peek(key: K): V | undefined {
    return this.entries.get(key);
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  /** Stores it as the most recently used; beyond capacity, the least recently used goes. */
  set(key: K, value: V): this {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) {
      this.entries.delete(this.entries.keys().next().value as K);
    }
    return this;
  }

  clear(): void {
    this.entries.clear();
  }
}
