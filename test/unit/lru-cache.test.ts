// The bundles' stand-in for mnemonist/lru-cache (functions/shared/lru-cache.ts) behaves as mnemonist's LRU for
// every operation the SDK's endpoint cache uses: the same random sequence of get/set/has/peek/clear on both
// gives the same answers and the same evictions.
import MnemonistLru from 'mnemonist/lru-cache';
import LruCache from '../../functions/shared/lru-cache';

function lcg(seed: number) {
  let state = seed;
  return (below: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state % below;
  };
}

test.each([1, 2, 7, 1000])('answers as mnemonist does at capacity %i', (capacity) => {
  const ours = new LruCache<string, number>(capacity);
  const theirs = new MnemonistLru<string, number>(capacity);
  const next = lcg(capacity);
  for (let step = 0; step < 5_000; step++) {
    const key = `k${next(capacity * 2 + 3)}`;
    const operation = next(100);
    if (operation < 40) {
      ours.set(key, step);
      theirs.set(key, step);
    } else if (operation < 70) {
      expect([step, ours.get(key)]).toEqual([step, theirs.get(key)]);
    } else if (operation < 85) {
      expect([step, ours.peek(key)]).toEqual([step, theirs.peek(key)]);
    } else if (operation < 99) {
      expect([step, ours.has(key)]).toEqual([step, theirs.has(key)]);
    } else {
      ours.clear();
      theirs.clear();
    }
    expect(ours.size).toBe(theirs.size);
  }
});

test('is what the SDK endpoint cache builds on, through the bundles alias', async () => {
  const { lambdaBundling } = await import('../../bench/bundle-options');
  expect(lambdaBundling.esbuildArgs['--alias']).toContain('mnemonist/lru-cache=./functions/shared/lru-cache.ts');
});
