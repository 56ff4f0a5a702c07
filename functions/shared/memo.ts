// Time-bounded memoization of a loader, shared by concurrent callers.

export function memoize<T>(load: () => Promise<T>, ttlSeconds: number, now: () => number = Date.now): () => Promise<T> {
  let cached: { value: Promise<T>; expires: number } | undefined;
  return () => {
    const time = now();
    if (!cached || time >= cached.expires) {
      const value = load();
      cached = { value, expires: time + ttlSeconds * 1000 };
      value.catch(() => {
        cached = undefined;
      });
    }
    return cached.value;
  };
}
