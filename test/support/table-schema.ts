// A small reader of CSV (RFC 4180) and validator of rows against a Frictionless Table Schema: the header names the
// fields in order; each value casts to its field's type (string, integer, number, yearmonth); a missing value
// (missingValues) is null; required, enum and minimum constraints hold; the primary key is unique. The part of
// the Table Schema specification the published schemas use, and no further dependency.

export interface SchemaField {
  readonly name: string;
  readonly type: string;
  readonly constraints?: { readonly required?: boolean; readonly enum?: readonly string[]; readonly minimum?: number };
}

export interface TableSchema {
  readonly fields: readonly SchemaField[];
  readonly primaryKey?: readonly string[];
  readonly missingValues?: readonly string[];
}

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index++;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') {
        index++;
      }
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += char;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function cast(field: SchemaField, raw: string): string | number {
  switch (field.type) {
    case 'string':
      return raw;
    case 'integer':
      if (!/^-?\d+$/.test(raw)) {
        throw new Error(`${field.name}: "${raw}" is not an integer`);
      }
      return Number(raw);
    case 'number':
      if (!/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(raw)) {
        throw new Error(`${field.name}: "${raw}" is not a number`);
      }
      return Number(raw);
    case 'yearmonth':
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(raw)) {
        throw new Error(`${field.name}: "${raw}" is not a yearmonth`);
      }
      return raw;
    default:
      throw new Error(`${field.name}: type ${field.type} is not known to this validator`);
  }
}

function checkConstraints(field: SchemaField, value: string | number | null): void {
  const constraints = field.constraints ?? {};
  if (value === null) {
    if (constraints.required) {
      throw new Error(`${field.name} is required`);
    }
    return;
  }
  if (constraints.enum && !constraints.enum.includes(String(value))) {
    throw new Error(`${field.name}: "${value}" is not one of ${constraints.enum.join(', ')}`);
  }
  if (constraints.minimum !== undefined && typeof value === 'number' && value < constraints.minimum) {
    throw new Error(`${field.name}: ${value} is below ${constraints.minimum}`);
  }
}

/** The CSV's rows as typed objects; throws on the first row that breaks the schema. */
export function validateCsv(text: string, schema: TableSchema): Record<string, string | number | null>[] {
  const [header, ...lines] = parseCsv(text);
  const names = schema.fields.map((field) => field.name);
  if (JSON.stringify(header) !== JSON.stringify(names)) {
    throw new Error(`header ${JSON.stringify(header)} is not the schema's fields ${JSON.stringify(names)}`);
  }
  const missing = schema.missingValues ?? [''];
  const keys = new Set<string>();
  return lines.map((line, index) => {
    if (line.length !== names.length) {
      throw new Error(`row ${index + 1} has ${line.length} fields, not ${names.length}`);
    }
    const row = Object.fromEntries(
      schema.fields.map((field, column) => {
        const raw = line[column]!;
        const value = missing.includes(raw) ? null : cast(field, raw);
        checkConstraints(field, value);
        return [field.name, value];
      }),
    );
    const key = JSON.stringify((schema.primaryKey ?? []).map((name) => row[name]));
    if (schema.primaryKey && keys.has(key)) {
      throw new Error(`row ${index + 1} repeats the primary key ${key}`);
    }
    keys.add(key);
    return row;
  });
}
