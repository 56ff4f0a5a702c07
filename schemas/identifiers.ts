// Identifiers as people type them: Arabic-Indic and Persian digits, spaces and local phone forms are converted at
// the edge (zod `overwrite`, so the API stores and compares one form), then the format is checked.
// Free-text normalisation (NFC, control characters) lives elsewhere; this file is only about identifiers.
import * as z from 'zod/mini';
import { latinDigits } from '../functions/shared/digits';

/** Built at load as written; marked free of side effects so esbuild drops a schema a function's bundle never uses (bench/PERFORMANCE.md, cold load). */
/* @__NO_SIDE_EFFECTS__ */ function schema<T>(build: () => T): T {
  return build();
}

const SPACES = /[\s\u200e\u200f\u061c]+/g;
const DASHES = /[\u2010-\u2015\u2212\u0640]/g;

/** Latin digits, no spaces or direction marks, ASCII hyphens. */
export const compactIdentifier = (value: string) => latinDigits(value).replace(SPACES, '').replace(DASHES, '-');

/** Jordanian mobile numbers, E.164: +962 7[789] and seven digits. */
export const JORDAN_MOBILE = /^\+9627[789]\d{7}$/;

/** `0791234567`, `00962791234567`, `962791234567`, `791234567`, `+962 79 123 4567` (any digits) → `+962791234567`. */
export function toE164(value: string): string {
  const digits = compactIdentifier(value).replace(/[()-]/g, '');
  if (/^\+\d+$/.test(digits)) {
    return digits;
  }
  if (digits.startsWith('00')) {
    return `+${digits.slice(2)}`;
  }
  if (/^9627\d{8}$/.test(digits)) {
    return `+${digits}`;
  }
  if (/^07\d{8}$/.test(digits)) {
    return `+962${digits.slice(1)}`;
  }
  if (/^7\d{8}$/.test(digits)) {
    return `+962${digits}`;
  }
  return digits;
}

export const isJordanMobile = (phone: string) => JORDAN_MOBILE.test(phone);

export const NationalNumber = schema(() => z
  .string()
  .check(z.overwrite(compactIdentifier), z.regex(/^[29]\d{9}$/, 'must be a 10-digit Jordanian national number starting with 9 or 2')));

export const PermitNumber = schema(() => z
  .string()
  .check(z.overwrite((value) => compactIdentifier(value).toUpperCase()), z.regex(/^[A-Z]{3}\d{7}$/, 'must be three capital letters and seven digits')));

/** The national establishment number of a company in the commercial register (9 digits). */
export const RegistrationNumber = schema(() => z.string().check(z.overwrite(compactIdentifier), z.regex(/^\d{9}$/, 'must be a 9-digit commercial registration number')));

export const MobilePhone = schema(() => z
  .string()
  .check(z.overwrite(toE164), z.regex(JORDAN_MOBILE, 'must be a Jordanian mobile number (077, 078 or 079), e.g. 0791234567 or +962791234567')));

/** A Jordanian plate: a one- or two-digit code, a hyphen, and one to five digits (12-34567). */
export const PlateNumber = schema(() => z
  .string()
  .check(z.overwrite(compactIdentifier), z.regex(/^\d{1,2}-\d{1,5}$/, 'must be a Jordanian plate number: a 1-2 digit code, a hyphen and up to 5 digits, e.g. 12-34567')));

/** Any registry key (national, permit or registration number) in a path. */
export const RecordId = schema(() => z
  .string()
  .check(z.overwrite((value) => compactIdentifier(value).toUpperCase()), z.regex(/^[A-Z0-9]{9,10}$/, 'must be a national, permit or registration number')));

/** Form fields that hold an identifier, by field id: their answers are converted and checked like the API's own. */
export function identifierSchemaOf(fieldId: string): z.ZodMiniType<string, string> | undefined {
  if (/nationalnumber$/i.test(fieldId)) {
    return NationalNumber;
  }
  if (/^plateNumber$/.test(fieldId)) {
    return PlateNumber;
  }
  if (/^(phone|mobile|mobileNumber|phoneNumber)$/.test(fieldId)) {
    return MobilePhone;
  }
  if (/^(registrationNumber|commercialRegistrationNumber)$/.test(fieldId)) {
    return RegistrationNumber;
  }
  return undefined;
}
