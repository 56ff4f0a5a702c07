// One line of the benchmark's table: a figure, its budget and whether it keeps it.
export type Verdict = 'ok' | 'FAIL' | 'info' | 'not judged';

export interface Row {
  readonly section: string;
  readonly item: string;
  readonly measured: string;
  readonly budget: string;
  readonly verdict: Verdict;
  readonly note?: string;
}

export interface SectionResult<T = unknown> {
  readonly rows: readonly Row[];
  readonly data: T;
}

/** `ok`/`FAIL` when judged; timing budgets are not judged in a smoke run (seconds of load say nothing). */
export function judge(passes: boolean, judged = true): Verdict {
  if (!judged) {
    return 'not judged';
  }
  return passes ? 'ok' : 'FAIL';
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
export const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;
export const usd = (value: number) => `$${value < 0.01 ? value.toFixed(7) : value.toFixed(2)}`;

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) {
    return Number.NaN;
  }
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Nearest-rank percentile of unsorted samples. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) {
    return Number.NaN;
  }
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
