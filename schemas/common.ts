// Schemas shared by every capability: identifiers, bilingual text, errors, pagination.
import * as z from 'zod/mini';

/** Built at load as written; marked free of side effects so esbuild drops a schema a function's bundle never uses (bench/PERFORMANCE.md, cold load). */
/* @__NO_SIDE_EFFECTS__ */ function schema<T>(build: () => T): T {
  return build();
}

export const Slug = schema(() => z.string().check(
  z.minLength(2),
  z.maxLength(64),
  z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase letters, digits and single hyphens'),
));

/** Direction marks Arabic keyboards insert (LRM, RLM, ALM): invisible, harmless, dropped. */
const DIRECTION_MARKS = /[\u200e\u200f\u061c]/g;
/** Control and format characters (bidi overrides and isolates, zero-width spaces, NUL...) but tab and line breaks, and the joiners Persian and emoji need. */
const FORBIDDEN = /[\p{Cc}\p{Cf}]/u;
const ALLOWED_CONTROLS = /[\t\n\r\u200c\u200d]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const INVISIBLE = /[\s\u200c\u200d]/g;

/** NFC, trimmed, direction marks dropped: the one form free text is stored, compared and counted in. */
export const normalizeText = (value: string) => value.normalize('NFC').replace(DIRECTION_MARKS, '').trim();
export const isCleanText = (value: string) => !LONE_SURROGATE.test(value) && !FORBIDDEN.test(value.replace(ALLOWED_CONTROLS, ''));

/**
 * Free text people type: normalized to NFC and trimmed, then refused if it holds control or invisible
 * formatting characters (U+202E overrides, U+200B zero-width spaces, NUL, lone surrogates) or nothing
 * visible; lengths are counted after normalizing.
 */
export function freeText(minLength: number, maxLength: number) {
  return z.string().check(
    z.overwrite(normalizeText),
    z.refine(isCleanText, 'must not contain control or invisible formatting characters'),
    z.refine((value) => minLength === 0 || value.replace(INVISIBLE, '').length > 0, 'must contain visible text'),
    z.minLength(minLength),
    z.maxLength(maxLength),
  );
}

export function localizedText(maxLength: number) {
  const text = freeText(1, maxLength);
  return z.strictObject({ ar: text, en: text });
}

export const LocalizedName = schema(() => localizedText(200).register(z.globalRegistry, {
  id: 'LocalizedText',
  description: 'Text in Arabic (ar) and English (en)',
}));

export const ErrorBody = schema(() => z
  .strictObject({
    error: z.strictObject({
      code: z.string(),
      message: z.string(),
      details: z.optional(z.unknown()),
    }),
  })
  .register(z.globalRegistry, { id: 'Error', description: 'Machine-readable error' }));

/** What API Gateway itself answers (a missing or bad token, throttling, an oversized request), before any handler runs. */
export const GatewayError = schema(() => z.strictObject({ message: z.string() }).register(z.globalRegistry, {
  id: 'GatewayError',
  description: "API Gateway's own answer, before any handler runs: {\"message\":\"Unauthorized\"}, {\"message\":\"Too Many Requests\"}, ...",
}));

export const Cursor = schema(() => z.string().check(z.maxLength(512), z.regex(/^[A-Za-z0-9_-]+$/, 'must be an opaque cursor')));

export const PageLimit = schema(() => z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)));
