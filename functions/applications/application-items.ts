// The items an application is stored as (table `applications`, partition APP#<id>), apart from its events:
//
//   META   what changes while it runs (status, the steps' progress, payment, outcome, updatedAt, version), with
//          the list's summary and the index keys. Every step rewrites it, in a transaction that bills each KB twice.
//   FORM   what is fixed once it is submitted: answers, the registry's prefill and the consents it was shared
//          under, fees, applicant, channel, and each step's name, agency and SLA (`fixed`). Written with the
//          application, with each draft save and at its submission, never by a later step.
//
// Kept apart, and with nothing META holds twice (the list's summary and the version are not repeated in its
// `application`; the steps' progress is keyed by step id), a step's rewrite of META is under 1 KB instead of
// 2.3-2.6 KB (1 write unit, not 3; twice over in a transaction). Reads put them back together: a Query of the two (FORM < META; the events, EVT#..., sort before).
// A META item written before the split holds the whole application and has no FORM: it is read as it is, and the
// first save of it (refused by `fixedApart`'s condition) writes the FORM with the slim META.
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { StoredApplication, TimelineEvent } from './domain/applications';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

type Step = StoredApplication['stages'][number]['steps'][number];
type FixedStep = Pick<Step, 'name' | 'agencyId' | 'slaHours'>;

/** Set at creation or at submission, never changed by a later step. */
const fixedFields = [
  'answers',
  'prefill',
  'prefillWithheld',
  'consentIds',
  'fees',
  'applicant',
  'representative',
  'assistedBy',
  'ownerSub',
  'centreConsentId',
  'bundleId',
  'serviceVersion',
  'channel',
] as const satisfies ReadonlyArray<keyof StoredApplication>;
const isFixed = (field: string) => (fixedFields as readonly string[]).includes(field);

export interface FixedPart {
  readonly fields: Partial<Pick<StoredApplication, (typeof fixedFields)[number]>>;
  /** The stages' step ids, in order. */
  readonly stages: ReadonlyArray<readonly string[]>;
  readonly steps: Readonly<Record<string, FixedStep>>;
}

export const FORM_SK = 'FORM';

/** In META beside `application`: the list's summary (ApplicationSummary) and `version`, not repeated in it. */
const besideFields = ['applicationId', 'reference', 'serviceId', 'serviceName', 'status', 'createdAt', 'updatedAt', 'expectedCompletionDate', 'version'];

/**
 * The application without its fixed part and without what META holds beside it (what META's `application` holds:
 * each step's progress by step id), and the fixed part (what FORM holds).
 */
export function splitApplication(application: StoredApplication): { changing: Record<string, unknown>; fixed: FixedPart } {
  const steps: Record<string, FixedStep> = {};
  const progress: Record<string, Omit<Step, keyof FixedStep | 'stepId'>> = {};
  const stages = application.stages.map((stage) =>
    stage.steps.map(({ stepId, name, agencyId, slaHours, ...step }) => {
      steps[stepId] = { name, agencyId, slaHours };
      progress[stepId] = step;
      return stepId;
    }),
  );
  const entries = Object.entries(application).filter(([field, value]) => value !== undefined && field !== 'stages');
  return {
    changing: { ...Object.fromEntries(entries.filter(([field]) => !isFixed(field) && !besideFields.includes(field))), progress },
    fixed: { fields: Object.fromEntries(entries.filter(([field]) => isFixed(field))), stages, steps },
  };
}

/** The application from its META item (`application`, `summary`, `version`) and its FORM item's `fixed` (none: a META written whole). */
export function joinApplication(meta: Record<string, unknown>, fixed: FixedPart | undefined): StoredApplication {
  if (!fixed) {
    return meta.application as StoredApplication;
  }
  const { progress, ...changing } = meta.application as { progress: Record<string, Omit<Step, keyof FixedStep | 'stepId'>> };
  const stages = fixed.stages.map((stepIds) => ({ steps: stepIds.map((stepId) => ({ stepId, ...fixed.steps[stepId]!, ...progress[stepId]! })) }));
  return { ...fixed.fields, ...(meta.summary as object), ...changing, stages, version: meta.version } as StoredApplication;
}

/** The FORM item's put. */
export const formPut = (tableName: string, application: StoredApplication): TransactItem => ({
  Put: { TableName: tableName, Item: { pk: `APP#${application.applicationId}`, sk: FORM_SK, fixed: splitApplication(application).fixed } },
});

/**
 * Whether a save changes the fixed part: a draft's (its answers) and a submission's (prefill, consents, channel).
 * Every other change of an application leaves it as it was submitted.
 */
export const changesFixedPart = (application: StoredApplication, events: readonly TimelineEvent[]) =>
  application.status === 'draft' || events.some((event) => event.type === 'ApplicationSubmitted');

/** A refused save of META that was refused only for being written whole (before the split): save it with its FORM. */
export function writtenWhole(reason: { Code?: string; Item?: Record<string, unknown> } | undefined, expectedVersion: number): boolean {
  if (reason?.Code !== 'ConditionalCheckFailed') {
    return false;
  }
  // Without the refused item (an engine that does not return it): try again with the FORM; a moved version is refused again.
  if (!reason.Item) {
    return true;
  }
  const { version, fixedApart } = reason.Item as { version?: { N?: string } | number; fixedApart?: unknown };
  return String(typeof version === 'object' ? version.N : version) === String(expectedVersion) && fixedApart === undefined;
}
