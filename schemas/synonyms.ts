// The search synonym list operators keep: groups of phrases that mean the same thing to a citizen.
import * as z from 'zod/mini';
import { freeText } from './common';

/** Built at load as written; marked free of side effects so esbuild drops a schema a function's bundle never uses (bench/PERFORMANCE.md, cold load). */
/* @__NO_SIDE_EFFECTS__ */ function schema<T>(build: () => T): T {
  return build();
}

export const SynonymGroup = schema(() => z.array(freeText(1, 80)).check(z.minLength(2), z.maxLength(30)));

export const SynonymListInput = schema(() => z
  .strictObject({ groups: z.array(SynonymGroup).check(z.minLength(1), z.maxLength(500)) })
  .register(z.globalRegistry, {
    id: 'SynonymListInput',
    description: 'Groups of phrases (Arabic or English, any spelling: search folds letters, the article and suffixes) that find the same services',
  }));
export type SynonymListInput = z.infer<typeof SynonymListInput>;

export const SynonymList = schema(() => z
  .extend(SynonymListInput, { version: z.int(), updatedAt: z.string(), updatedBy: z.string() })
  .register(z.globalRegistry, { id: 'SynonymList', description: 'One version of the search synonym list' }));
export type SynonymList = z.infer<typeof SynonymList>;

export const PutSynonymsBody = schema(() => z
  .strictObject({
    /** The version this edit is based on (optimistic concurrency). */
    expectedVersion: z.int().check(z.minimum(1)),
    synonyms: SynonymListInput,
  })
  .register(z.globalRegistry, { id: 'PutSynonymsBody' }));
export type PutSynonymsBody = z.infer<typeof PutSynonymsBody>;

export const GetSynonymsQuery = schema(() => z.strictObject({
  version: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(1_000_000))),
}));
