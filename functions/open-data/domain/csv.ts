// CSV as RFC 4180 and the Frictionless default dialect: a header row, comma-separated, CRLF line ends, a field
// quoted when it holds a comma, a quote or a line break (its quotes doubled); an absent value is an empty field.
import type { Field, Row } from './datasets';

const quoted = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

export function toCsv(fields: readonly Field[], rows: readonly Row[]): string {
  const lines = [fields.map((field) => quoted(field.name)).join(',')];
  for (const row of rows) {
    lines.push(fields.map((field) => (row[field.name] === null || row[field.name] === undefined ? '' : quoted(String(row[field.name])))).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The JSON form of the same rows: an array of objects with every field, null where the CSV field is empty. */
export function toJson(fields: readonly Field[], rows: readonly Row[]): string {
  return `${JSON.stringify(rows.map((row) => Object.fromEntries(fields.map((field) => [field.name, row[field.name] ?? null]))), null, 1)}\n`;
}
