// Life-event bundles: one submission for several services (newborn, starting a business). A definition lives in
// the catalogue; its shared form is filled once and mapped onto each member service's form; members start
// when the members they depend on are approved.
import * as z from 'zod/mini';
import { freeText, LocalizedName } from './common';
import { channels, FormField, ServiceId } from './services';

/** Built at load as written; marked free of side effects so esbuild drops a schema a function's bundle never uses (bench/PERFORMANCE.md, cold load). */
/* @__NO_SIDE_EFFECTS__ */ function schema<T>(build: () => T): T {
  return build();
}

const Key = schema(() => z.string().check(z.regex(/^[a-z][a-z0-9-]{1,40}$/, 'must be a kebab-case key')));

/** Where a member's answer comes from: the shared form, a fixed value, or an earlier member's issued document. */
export const AnswerSource = schema(() => z.union([
  z.strictObject({ answer: z.string() }),
  z.strictObject({ value: z.union([z.string(), z.number(), z.boolean()]) }),
  z.strictObject({ documentOf: Key }),
]));
export type AnswerSource = z.infer<typeof AnswerSource>;

export const BundleMember = schema(() => z.strictObject({
  key: Key,
  serviceId: ServiceId,
  /** Members that must be approved before this one is submitted. */
  requires: z.array(Key),
  /** Member form field id → where its value comes from. */
  answers: z.record(z.string(), AnswerSource),
}));

export const BundleDefinition = schema(() => z
  .strictObject({
    lifeEventId: Key,
    name: LocalizedName,
    description: LocalizedName,
    form: z.strictObject({ fields: z.array(FormField) }),
    members: z.array(BundleMember).check(z.minLength(2), z.maxLength(10)),
  })
  .register(z.globalRegistry, { id: 'BundleDefinition', description: 'A life event: member services submitted together' }));
export type BundleDefinition = z.infer<typeof BundleDefinition>;
export const BundleDefinitionList = schema(() => z.strictObject({ items: z.array(BundleDefinition) }).register(z.globalRegistry, { id: 'BundleDefinitionList' }));

export const SubmitBundleBody = schema(() => z
  .strictObject({
    lifeEventId: Key,
    answers: z.record(z.string().check(z.maxLength(64)), z.union([freeText(0, 10_000), z.number(), z.boolean(), z.null()])),
    channel: z.enum(channels),
  })
  .register(z.globalRegistry, { id: 'SubmitBundleBody' }));

export const bundleMemberStatuses = ['waiting', 'submitted', 'in-progress', 'info-requested', 'approved', 'rejected', 'cancelled', 'blocked', 'failed'] as const;
export type BundleMemberStatus = (typeof bundleMemberStatuses)[number];

export const BundleIdParams = schema(() => z.strictObject({ bundleId: z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a bundle id')) }));

export const Bundle = schema(() => z
  .strictObject({
    bundleId: z.string(),
    lifeEventId: z.string(),
    name: LocalizedName,
    status: z.enum(['in-progress', 'completed', 'incomplete']),
    progress: z.strictObject({ approved: z.int(), total: z.int(), percent: z.int() }),
    channel: z.enum(channels),
    members: z.array(
      z.strictObject({
        key: z.string(),
        serviceId: z.string(),
        serviceName: LocalizedName,
        requires: z.array(z.string()),
        status: z.enum(bundleMemberStatuses),
        applicationId: z.optional(z.string()),
        documentId: z.optional(z.string()),
        reason: z.optional(z.string()),
      }),
    ),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .register(z.globalRegistry, { id: 'Bundle', description: 'A life-event submission and the progress of its member applications' }));
export type Bundle = z.infer<typeof Bundle>;
