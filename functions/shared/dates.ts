// Calendar dates (YYYY-MM-DD) as the API speaks them.

/** True for a real calendar date: 2027-02-30 is not one, though Date would roll it over to March. */
export function isRealDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return false;
  }
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The calendar date (UTC) `days` days after `from`; negative days go back. */
export function daysFrom(from: Date, days: number): string {
  return new Date(from.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}
