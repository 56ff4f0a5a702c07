// Ordering of machine strings (slugs, ULIDs, ISO dates and times) by UTF-16 code unit, as DynamoDB orders its
// sort keys; for these strings the same order as String.prototype.localeCompare's. Not localeCompare: its first
// call builds ICU's collator, 15 to 60 ms of a cold start's first event on this machine (bench/PERFORMANCE.md,
// "Cold load, third pass"), for language rules that text meant for machines does not need.
export const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
