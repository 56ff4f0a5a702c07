// Schemas shared by every capability: identifiers, bilingual text, errors, pagination.
import * as z from 'zod/mini';

export const Slug = z.string().check(
  z.minLength(2),
  z.maxLength(64),
  z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase letters, digits and single hyphens'),
);

export function localizedText(maxLength: number) {
  const text = z.string().check(z.trim(), z.minLength(1), z.maxLength(maxLength));
  return z.strictObject({ ar: text, en: text });
}

export const LocalizedName = localizedText(200).register(z.globalRegistry, {
  id: 'LocalizedText',
  description: 'Text in Arabic (ar) and English (en)',
});

export const ErrorBody = z
  .strictObject({
    error: z.strictObject({
      code: z.string(),
      message: z.string(),
      details: z.optional(z.unknown()),
    }),
  })
  .register(z.globalRegistry, { id: 'Error', description: 'Machine-readable error' });

/** What API Gateway itself answers (a missing or bad token, throttling, an oversized request), before any handler runs. */
export const GatewayError = z.strictObject({ message: z.string() }).register(z.globalRegistry, {
  id: 'GatewayError',
  description: "API Gateway's own answer, before any handler runs: {\"message\":\"Unauthorized\"}, {\"message\":\"Too Many Requests\"}, ...",
});

export const Cursor = z.string().check(z.maxLength(512), z.regex(/^[A-Za-z0-9_-]+$/, 'must be an opaque cursor'));

export const PageLimit = z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100));
