// Wiring of the applications' adapters (module scope: once per cold start).
import { dynamo, requireTable } from '../shared/dynamo';
import { assistingConsentFor, liveConsents, roleInBusiness, shareForApplication } from '../registry/domain/sharing';
import { registryDeps } from '../registry/deps';
import { catalogueReads } from '../services/catalogue-reads';
import { calendarSource } from '../services/calendar-source';
import { dynamoRegistry, sharingWriter } from '../registry/dynamo-registry';
import { coalescedGets } from './coalesced-gets';
import { workflowEngine } from '../workflow/engine';
import type { ApplicationDeps } from './domain/applications';
import { dynamoApplications } from './dynamo-applications';

// Created when first used: reading or cancelling an application needs neither the catalogue nor idempotency keys.
let catalogueAdapter: ReturnType<typeof catalogueReads> | undefined;
// A submission's reads (card, rollout, calendar, the applicant's record) are asked together: one BatchGetItem.
const batched = coalescedGets(dynamo);
const catalogue = () => (catalogueAdapter ??= catalogueReads(batched, requireTable('catalogue')));
const registryReads = dynamoRegistry(batched, {
  get registry() {
    return requireTable('registry');
  },
  get audit() {
    return requireTable('audit');
  },
});

export const applicationDeps: ApplicationDeps = {
  store: dynamoApplications(dynamo, {
    applications: requireTable('applications'),
    get idempotency() {
      return requireTable('idempotency');
    },
    withSharing: (items, sharing) => sharingWriter(dynamo, { registry: requireTable('registry'), audit: requireTable('audit') })(items, sharing),
  }),
  catalogue: { getCurrent: (serviceId) => catalogue().getCurrent(serviceId), rollout: () => catalogue().getRollout() },
  registry: {
    shareForApplication: (input) => shareForApplication(registryDeps, input),
    assistingConsent: (input) => assistingConsentFor(registryDeps, input),
    record: (subject) => registryReads.getRecord(subject.kind, subject.recordId),
    liveConsents: (subject, consentIds) => liveConsents(registryDeps, subject, consentIds),
    accountOf: (subject) => registryDeps.store.getAccount(subject.kind, subject.recordId),
    roleInBusiness: (nationalNumber, registrationNumber) => roleInBusiness(registryDeps, nationalNumber, registrationNumber),
  },
  workflow: workflowEngine,
  calendar: calendarSource(catalogue),
  now: () => new Date(),
};
