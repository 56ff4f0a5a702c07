import { newReference, parseReference } from '../../functions/applications/domain/reference';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const sequence = (values: number[]) => () => values.shift() ?? 0;

describe('short application references', () => {
  it('reads agency, two-digit year, six characters and a check character', () => {
    const reference = newReference('dvld', 2026, sequence([4, 20, 7, 22, 9, 24]));
    expect(reference).toMatch(/^DVLD-26-4M7P9R-[0-9A-HJKMNP-TV-Z]$/);
    expect(parseReference(reference)).toBe(reference);
  });

  it('keeps only letters of the agency id, at most eight', () => {
    expect(newReference('customs', 2031)).toMatch(/^CUSTOMS-31-/);
    expect(newReference('x-ray-agency-long', 2030)).toMatch(/^XRAYAGEN-30-/);
  });

  it('accepts it as people type or read it', () => {
    const reference = newReference('cspd', 2027, sequence([0, 1, 1, 5, 30, 31]));
    expect(reference.slice(0, 15)).toBe('CSPD-27-0115YZ-');
    const check = reference.at(-1)!;
    for (const typed of [reference.toLowerCase(), `CSPD27O115YZ${check}`, ` cspd - ٢٧ - oi15yz - ${check.toLowerCase()} `, `CSPD-27-0L15YZ-${check}`]) {
      expect(parseReference(typed)).toBe(reference);
    }
  });

  it('refuses a reference with any one character changed, or two neighbours swapped (but 0 and Z, Luhn’s blind pair)', () => {
    for (let run = 0; run < 200; run += 1) {
      const reference = newReference('gam', 2026);
      const [agency, year, chars, check] = reference.split('-') as [string, string, string, string];
      const body = `${year}${chars}${check}`;
      for (let index = 0; index < body.length; index += 1) {
        const pool = index < 2 ? '0123456789' : ALPHABET;
        const other = pool[(pool.indexOf(body[index]!) + 1 + (run % (pool.length - 1))) % pool.length]!;
        const changed = `${body.slice(0, index)}${other}${body.slice(index + 1)}`;
        expect(parseReference(`${agency}-${changed.slice(0, 2)}-${changed.slice(2, 8)}-${changed.slice(8)}`)).toBeUndefined();
      }
      for (let index = 0; index + 1 < body.length; index += 1) {
        const pair = `${body[index]}${body[index + 1]}`;
        if (body[index] !== body[index + 1] && index !== 1 && pair !== '0Z' && pair !== 'Z0') {
          const swapped = `${body.slice(0, index)}${body[index + 1]}${body[index]}${body.slice(index + 2)}`;
          expect(parseReference(`${agency}-${swapped.slice(0, 2)}-${swapped.slice(2, 8)}-${swapped.slice(8)}`)).toBeUndefined();
        }
      }
    }
  });

  it('is not an application id or free text', () => {
    expect(parseReference('01JZ8Y3M6K2F4QW8N5T7V9X0AB')).toBeUndefined();
    expect(parseReference('hello')).toBeUndefined();
    expect(parseReference('DVLD-26-4M7P9R')).toBeUndefined();
  });
});
