// Short references people can read over the phone: `DVLD-26-4K7M9Q-X` is the owner agency, the two-digit
// Amman year, six characters of Crockford's base 32 (no I, L, O or U, so nothing reads as another) and a
// check character (Luhn mod 32) that catches any one mistyped character and any two swapped neighbours
// but 0 and Z (Luhn's one blind pair).
// The six characters are random, not a counter: no extra round trip to DynamoDB per submission, and
// uniqueness is held by a conditional write in the application's own transaction (32^6 ≈ 1.07 billion per
// agency and year; a collision is retried with new characters).
import { randomInt } from 'node:crypto';
import { latinDigits } from '../../shared/digits';
import { NotFound } from '../../shared/errors';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RANDOM_LENGTH = 6;
const REFERENCE = /^([A-Z]{2,8})-(\d{2})-([0-9A-HJKMNP-TV-Z]{6})-([0-9A-HJKMNP-TV-Z])$/;

/** Luhn mod N over the characters' values in the alphabet: the character that makes the sum check. */
function checkCharacter(payload: string): string {
  let sum = 0;
  let factor = 2;
  for (let index = payload.length - 1; index >= 0; index -= 1) {
    const addend = factor * ALPHABET.indexOf(payload[index]!);
    sum += Math.floor(addend / ALPHABET.length) + (addend % ALPHABET.length);
    factor = factor === 2 ? 1 : 2;
  }
  return ALPHABET[(ALPHABET.length - (sum % ALPHABET.length)) % ALPHABET.length]!;
}

/** The characters the check covers: the year's digits and the random part (the agency is checked by name). */
const payloadOf = (year: string, random: string) => `${year}${random}`;

/** A new reference for an application of `agencyId`'s service created in Amman `year`. */
export function newReference(agencyId: string, year: number, random: (max: number) => number = randomInt): string {
  const yy = String(year % 100).padStart(2, '0');
  const chars = Array.from({ length: RANDOM_LENGTH }, () => ALPHABET[random(ALPHABET.length)]).join('');
  return `${agencyId.replace(/[^a-z]/gi, '').slice(0, 8).toUpperCase()}-${yy}-${chars}-${checkCharacter(payloadOf(yy, chars))}`;
}

/**
 * A reference as someone typed or read it, in its one stored form, or undefined when it is not one: any
 * case and digits, spaces or no dashes, and Crockford's readings (O → 0, I and L → 1); a wrong check fails.
 */
export function parseReference(input: string): string | undefined {
  const compact = latinDigits(input).toUpperCase().replace(/[\s\u200e\u200f]+/g, '');
  const dashed = /^[A-Z]+-[^-]+-[^-]+-[^-]+$/.test(compact) ? compact : compact.replace(/-/g, '').replace(/^([A-Z]{2,8})(\d{2})(\w{6})(\w)$/, '$1-$2-$3-$4');
  const [agency, ...rest] = dashed.split('-');
  const normalized = [agency, ...rest.map((part) => part.replace(/O/g, '0').replace(/[IL]/g, '1'))].join('-');
  const match = REFERENCE.exec(normalized);
  if (!match) {
    return undefined;
  }
  const [, , year, chars, check] = match;
  return checkCharacter(payloadOf(year!, chars!)) === check ? normalized : undefined;
}

const APPLICATION_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** The application an id, or a short reference as typed or read out, names; 404 for a reference nobody holds or a wrong check character. */
export async function applicationIdOf(store: { findByReference(reference: string): Promise<string | undefined> }, input: string): Promise<string> {
  if (APPLICATION_ID.test(input)) {
    return input;
  }
  const reference = parseReference(input);
  const applicationId = reference ? await store.findByReference(reference) : undefined;
  if (!applicationId) {
    throw new NotFound('application_not_found', `No application with reference ${input}`, { reference: input });
  }
  return applicationId;
}
