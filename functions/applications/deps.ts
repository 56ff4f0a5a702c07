// Wiring of the applications' adapters (module scope: once per cold start).
import { dynamo, requireTable } from '../shared/dynamo';
import { assistingConsentFor, liveConsents, roleInBusiness, shareForApplication } from '../registry/domain/sharing';
import { registryDeps } from '../registry/deps';
import { catalogueReads } from '../services/catalogue-reads';
import { workingCalendar } from '../services/calendar-source';
import { workflowEngine } from '../workflow/engine';
import type { ApplicationDeps } from './domain/applications';
import { dynamoApplications } from './dynamo-applications';

// Created when first used: reading or cancelling an application needs neither the catalogue nor idempotency keys.
let catalogueAdapter: ReturnType<typeof catalogueReads> | undefined;
const catalogue = () => (catalogueAdapter ??= catalogueReads(dynamo, requireTable('catalogue')));

export const applicationDeps: ApplicationDeps = {
  store: dynamoApplications(dynamo, {
    applications: requireTable('applications'),
    get idempotency() {
      return requireTable('idempotency');
    },
  }),
  catalogue: { getCurrent: (serviceId) => catalogue().getCurrent(serviceId), rollout: () => catalogue().getRollout() },
  registry: {
    shareForApplication: (input) => shareForApplication(registryDeps, input),
    assistingConsent: (input) => assistingConsentFor(registryDeps, input),
    liveConsents: (subject, consentIds) => liveConsents(registryDeps, subject, consentIds),
    accountOf: (subject) => registryDeps.store.getAccount(subject.kind, subject.recordId),
    roleInBusiness: (nationalNumber, registrationNumber) => roleInBusiness(registryDeps, nationalNumber, registrationNumber),
  },
  workflow: workflowEngine,
  calendar: workingCalendar,
  now: () => new Date(),
};
