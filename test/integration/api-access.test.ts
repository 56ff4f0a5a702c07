// The authorization matrix, generated from the capability catalogue: every capability x every persona, each
// against a hand-written expectation that encodes scope (whose record, which agency, which consent), not only
// role. Then tokens the gateway must refuse: tampered, expired, foreign, of the wrong kind, malformed.
import { randomUUID } from 'node:crypto';
import { capabilities } from '../../lib/capabilities';
import type { Capability } from '../../lib/catalogue/types';
import { readDemoTotpSecrets } from '../../local/cognito/demo-accounts';
import { totpCode } from '../../local/cognito/sign-in';
import { referenceServices } from '../../reference/services';
import {
  allow,
  deny,
  type Expectation,
  type MatrixOutcome,
  matrixGrid,
  outcomeTable,
  type Persona,
  personas,
  type Probe,
  runCase,
  summaryLine,
} from '../support/access-matrix';
import { api, type ApiResponse, cloudState, tokenFor } from '../support/api';
import {
  apply,
  createPerson,
  dateFromToday,
  freshNationalNumber,
  grantConsent,
  newStaffWithoutMfa,
  personFields,
  signUpBody,
  signUpPerson,
  waitForTask,
} from '../support/fixtures';
import { assembleJwt, decodeJwt, type DecodedJwt, emulatorPublicKeyPem, signHs256, signRs256, strangerPrivateKey } from '../support/jwt';
import { type EngagementFixtures, makeEngagementFixtures } from '../support/engagement-fixtures';
import { NEWBORN } from '../support/life-events';
import { until } from '../support/wait';

const OMAR = '9861012345';
async function newbornBundle(): Promise<string> {
  const response = await api('/v1/bundles', { method: 'POST', token: await tokenFor('citizen'), body: NEWBORN, headers: { 'idempotency-key': randomUUID() } });
  expect(response.status).toBe(201);
  return response.body.bundleId as string;
}

const VEHICLE = {
  serviceId: 'vehicle-registration-renewal',
  answers: { plateNumber: '12-34567', chassisNumber: 'JTDBR32E540012345', insurancePolicyNumber: 'POL-2026-99881' },
  channel: 'portal',
} as const;
/** Purposes no other test uses: a consent covers one purpose only. */
const PURPOSE = 'authorization matrix';
const SSC_PURPOSE = 'authorization matrix: pension eligibility';
/** A consent to a service centre covers applications for the services its purpose names. */
const CENTRE_PURPOSE = 'authorization matrix: assisted vehicle-registration-renewal';
const q = encodeURIComponent;

type PerPersona<T> = Readonly<Record<Persona, T>>;

/** Data made in beforeAll; a write route gets one item per persona, so no persona's case changes another's. */
interface Fixtures {
  readonly stamp: string;
  /** Persons with a record and no account yet. */
  readonly toSignUp: PerPersona<string>;
  readonly toConfirm: PerPersona<{ username: string; code: string }>;
  /** National numbers with no record yet. */
  readonly newPersons: PerPersona<string>;
  readonly personsToUpdate: PerPersona<string>;
  /** A person who consented to nobody. */
  readonly unconsented: string;
  /** Omar's consents to ssc. */
  readonly consentsToRevoke: PerPersona<string>;
  readonly newServices: PerPersona<string>;
  /** Services in re-engineering, version 1. */
  readonly servicesToStage: PerPersona<string>;
  /** Omar's drafts, version 1, every answer given. */
  readonly draftsToUpdate: PerPersona<string>;
  readonly draftsToSubmit: PerPersona<string>;
  readonly draftsToCancel: PerPersona<string>;
  /** Omar's submitted applications on which dvld asked him a question. */
  readonly awaitingInformation: PerPersona<string>;
  /** Omar's submitted vehicle renewal: stage 1 opens tasks for dvld and gam. */
  readonly submitted: string;
  readonly submittedStatus: number;
  /** dvld's insurance-check task of `submitted` (its id by construction when the workflow did not open it). */
  readonly taskId: string;
  readonly unsubmittedDraft: string;
  /** Drafts frontline staff of amman-central made for Omar. */
  readonly assistedToRead: string;
  readonly assistedToCancel: string;
  /** Notifications, ratings and complaints (test/support/engagement-fixtures.ts). */
  readonly engagement: EngagementFixtures;
  /** Omar's newborn life-event bundle. */
  readonly bundle: string;
  /** An open consultation of cspd with Omar's comment on it, and an open survey of cspd. */
  readonly consultation: { readonly id: string; readonly commentId: string; readonly survey: string };
}

interface Agencies {
  /** The agency that owns the fixture's data or handles it (`ownOfficer`). */
  readonly own: string;
  /** An agency with no part in it (`otherOfficer`). */
  readonly other: string;
}

interface CapabilityCases {
  /** @default cspd (owns person records) and ssc */
  readonly agencies?: Agencies;
  /** `user` is the demo username the persona signs in as. */
  readonly probe: (persona: Persona, f: Fixtures, user: string | undefined) => Probe;
  readonly expect: PerPersona<Expectation>;
  /** More cases for one persona, where scope turns on the data (a consent, an assisted application). */
  readonly variants?: ReadonlyArray<{ readonly persona: Persona; readonly label: string; readonly probe: (f: Fixtures) => Probe; readonly expect: Expectation }>;
}

const ANONYMOUS = deny(401);
/** The caller's role is not among the route's roles. */
const ROLE = deny(403, 'forbidden');
/** Applications are hidden from strangers: 404, not 403. */
const HIDDEN = deny(404, 'application_not_found');
const STALE_CALENDAR = {
  weekdays: [0, 1, 2, 3, 4],
  hours: { from: '08:00', to: '15:00' },
  ramadan: { periods: [], hours: { from: '09:00', to: '14:00' } },
  holidays: [],
};
const allowEveryone = (status: number): PerPersona<Expectation> => Object.fromEntries(personas.map((persona) => [persona, allow(status)])) as PerPersona<Expectation>;

const card = () => structuredClone(referenceServices[0]!.card);
const lower = (persona: Persona) => persona.toLowerCase();
/** The current code of a demo staff member's authenticator; anybody else gets a wrong one. */
function demoTotpCode(user: string | undefined): string {
  const secret = user ? readDemoTotpSecrets(cloudState().totpFile)[user] : undefined;
  return secret ? totpCode(secret) : '000000';
}

const matrix: Readonly<Record<string, CapabilityCases>> = {
  'list-services': { probe: () => ({ path: '/v1/services?limit=5' }), expect: allowEveryone(200) },
  'get-service': { probe: () => ({ path: `/v1/services/${VEHICLE.serviceId}` }), expect: allowEveryone(200) },
  'list-service-versions': { probe: () => ({ path: `/v1/services/${VEHICLE.serviceId}/versions?limit=5` }), expect: allowEveryone(200) },
  'list-agencies': { probe: () => ({ path: '/v1/agencies' }), expect: allowEveryone(200) },
  'get-health': { probe: () => ({ path: '/v1/health' }), expect: allowEveryone(200) },
  'get-calendar': { probe: () => ({ path: '/v1/calendar' }), expect: allowEveryone(200) },
  'list-queues': {
    probe: () => ({ path: '/v1/operations/queues' }),
    expect: { anonymous: ANONYMOUS, citizen: ROLE, citizen2: ROLE, ownOfficer: ROLE, otherOfficer: ROLE, frontline: ROLE, operator: allow(200), auditor: ROLE },
  },
  'get-todays-metrics': {
    probe: () => ({ path: '/v1/operations/metrics' }),
    expect: { anonymous: ANONYMOUS, citizen: ROLE, citizen2: ROLE, ownOfficer: ROLE, otherOfficer: ROLE, frontline: ROLE, operator: allow(200), auditor: ROLE },
  },
  'get-rollout': {
    probe: () => ({ path: '/v1/rollout' }),
    expect: { anonymous: ANONYMOUS, citizen: ROLE, citizen2: ROLE, ownOfficer: ROLE, otherOfficer: ROLE, frontline: ROLE, operator: allow(200), auditor: ROLE },
  },
  'set-phase-date': {
    // A schedule version far ahead of any real one: an operator gets past authorization to 409 and changes nothing.
    probe: () => ({ path: '/v1/rollout/phases/6', body: { opensOn: '2099-01-01', expectedVersion: 1_000_000 } }),
    expect: { anonymous: ANONYMOUS, citizen: ROLE, citizen2: ROLE, ownOfficer: ROLE, otherOfficer: ROLE, frontline: ROLE, operator: allow(409, 'stale_version'), auditor: ROLE },
  },
  'move-service-to-phase': {
    probe: () => ({ path: '/v1/rollout/services/no-such-service', body: { phase: 6, expectedVersion: 1 } }),
    expect: { anonymous: ANONYMOUS, citizen: ROLE, citizen2: ROLE, ownOfficer: ROLE, otherOfficer: ROLE, frontline: ROLE, operator: allow(404, 'service_not_found'), auditor: ROLE },
  },
  'redrive-queue': {
    // A queue that does not exist: an operator gets past authorization to 404 and moves nothing.
    probe: () => ({ path: '/v1/operations/queues/tasks-nowhere/redrive', body: { reason: 'access matrix probe' } }),
    expect: { anonymous: ANONYMOUS, citizen: ROLE, citizen2: ROLE, ownOfficer: ROLE, otherOfficer: ROLE, frontline: ROLE, operator: allow(404, 'queue_not_found'), auditor: ROLE },
  },
  'put-calendar': {
    // A version far ahead of any real one: an operator gets past authorization to 409 stale_version and changes nothing.
    probe: () => ({ path: '/v1/calendar', body: { expectedVersion: 1_000_000, calendar: STALE_CALENDAR } }),
    expect: { anonymous: ANONYMOUS, citizen: ROLE, citizen2: ROLE, ownOfficer: ROLE, otherOfficer: ROLE, frontline: ROLE, operator: allow(409, 'stale_version'), auditor: ROLE },
  },
  'get-search-synonyms': { probe: () => ({ path: '/v1/search/synonyms' }), expect: allowEveryone(200) },
  'put-search-synonyms': {
    // A version far ahead of any real one: an operator gets past authorization to 409 stale_version and changes nothing.
    probe: () => ({ path: '/v1/search/synonyms', body: { expectedVersion: 1_000_000, synonyms: { groups: [['automobile', 'car']] } } }),
    expect: { anonymous: ANONYMOUS, citizen: ROLE, citizen2: ROLE, ownOfficer: ROLE, otherOfficer: ROLE, frontline: ROLE, operator: allow(409, 'stale_version'), auditor: ROLE },
  },
  'put-service': {
    probe: (persona, f) => ({ path: `/v1/services/${f.newServices[persona]}`, body: { expectedVersion: 0, card: card() } }),
    expect: { anonymous: ANONYMOUS, citizen: ROLE, citizen2: ROLE, ownOfficer: ROLE, otherOfficer: ROLE, frontline: ROLE, operator: allow(201), auditor: ROLE },
  },
  'change-service-stage': {
    probe: (persona, f) => ({ path: `/v1/services/${f.servicesToStage[persona]}/stage`, body: { stage: 'feasibility-study', expectedVersion: 1 } }),
    expect: { anonymous: ANONYMOUS, citizen: ROLE, citizen2: ROLE, ownOfficer: ROLE, otherOfficer: ROLE, frontline: ROLE, operator: allow(200), auditor: ROLE },
  },
  'sign-up': { probe: (persona, f) => ({ path: '/v1/auth/sign-up', body: signUpBody(f.toSignUp[persona]) }), expect: allowEveryone(201) },
  'confirm-sign-up': { probe: (persona, f) => ({ path: '/v1/auth/confirm', body: f.toConfirm[persona] }), expect: allowEveryone(200) },
  'create-staff': {
    probe: (persona, f) => {
      const username = `matrix.${lower(persona)}.${f.stamp}`;
      return { path: '/v1/staff', body: { username, email: `${username}@gov.example`, fullName: { ar: 'مدقق', en: 'Auditor' }, role: 'auditor' } };
    },
    expect: { anonymous: ANONYMOUS, citizen: ROLE, citizen2: ROLE, ownOfficer: ROLE, otherOfficer: ROLE, frontline: ROLE, operator: allow(201), auditor: ROLE },
  },
  // Demo staff enrolled their authenticator already: a second enrolment is refused after authorization (409).
  'start-totp-enrolment': {
    probe: () => ({ path: '/v1/me/mfa/totp' }),
    expect: {
      anonymous: ANONYMOUS,
      citizen: allow(200),
      citizen2: allow(200),
      ownOfficer: allow(409, 'mfa_already_enrolled'),
      otherOfficer: allow(409, 'mfa_already_enrolled'),
      frontline: allow(409, 'mfa_already_enrolled'),
      operator: allow(409, 'mfa_already_enrolled'),
      auditor: allow(409, 'mfa_already_enrolled'),
    },
  },
  // Staff prove their enrolled authenticator. Citizens have no known secret and send a wrong code on purpose: a
  // right one would turn on MFA for the shared demo citizens, whose sign-in every other test relies on.
  'verify-totp-enrolment': {
    probe: (_persona, _f, user) => ({ path: '/v1/me/mfa/totp/verify', body: { code: demoTotpCode(user) } }),
    expect: {
      anonymous: ANONYMOUS,
      citizen: allow(400, 'invalid_code'),
      citizen2: allow(400, 'invalid_code'),
      ownOfficer: allow(200),
      otherOfficer: allow(200),
      frontline: allow(200),
      operator: allow(200),
      auditor: allow(200),
    },
  },
  'get-me': {
    probe: () => ({ path: '/v1/me' }),
    expect: { anonymous: ANONYMOUS, citizen: allow(200), citizen2: allow(200), ownOfficer: ROLE, otherOfficer: ROLE, frontline: ROLE, operator: ROLE, auditor: ROLE },
  },
  'create-registry-record': {
    probe: (persona, f) => ({ path: '/v1/registry/persons', body: { fields: personFields(f.newPersons[persona]) } }),
    expect: {
      anonymous: ANONYMOUS,
      citizen: ROLE,
      citizen2: ROLE,
      ownOfficer: allow(201),
      otherOfficer: deny(403, 'not_owning_agency'),
      frontline: ROLE,
      operator: ROLE,
      auditor: ROLE,
    },
  },
  'update-registry-record': {
    probe: (persona, f) => ({ path: `/v1/registry/persons/${f.personsToUpdate[persona]}`, body: { expectedVersion: 1, fields: { maritalStatus: 'married' } } }),
    expect: {
      anonymous: ANONYMOUS,
      citizen: ROLE,
      citizen2: ROLE,
      ownOfficer: allow(200),
      otherOfficer: deny(403, 'not_owning_agency'),
      frontline: ROLE,
      operator: ROLE,
      auditor: ROLE,
    },
  },
  // Omar's record; frontline staff ask for a person who consented to nobody.
  'read-registry-record': {
    probe: (persona, f) => ({ path: `/v1/registry/persons/${persona === 'frontline' ? f.unconsented : OMAR}?fields=fullName&purpose=${q(PURPOSE)}` }),
    expect: {
      anonymous: ANONYMOUS,
      citizen: allow(200),
      citizen2: deny(403, 'not_your_record'),
      ownOfficer: allow(200),
      otherOfficer: deny(403, 'consent_required'),
      frontline: deny(403, 'consent_required'),
      operator: ROLE,
      auditor: ROLE,
    },
    variants: [
      { persona: 'otherOfficer', label: 'under the citizen’s consent to ssc', probe: () => ({ path: `/v1/registry/persons/${OMAR}?fields=fullName&purpose=${q(SSC_PURPOSE)}` }), expect: allow(200) },
      { persona: 'frontline', label: 'under the citizen’s consent to its centre', probe: () => ({ path: `/v1/registry/persons/${OMAR}?fields=fullName&purpose=${q(CENTRE_PURPOSE)}` }), expect: allow(200) },
    ],
  },
  'grant-consent': {
    agencies: { own: 'ssc', other: 'moh' },
    probe: () => ({ path: '/v1/consents', body: { agencyId: 'ssc', fields: ['fullName'], purpose: `${PURPOSE}: grant`, expiresAt: dateFromToday(30) } }),
    expect: { anonymous: ANONYMOUS, citizen: allow(201), citizen2: allow(201), ownOfficer: ROLE, otherOfficer: ROLE, frontline: ROLE, operator: ROLE, auditor: ROLE },
  },
  'list-consents': {
    agencies: { own: 'ssc', other: 'moh' },
    probe: () => ({ path: '/v1/me/consents' }),
    expect: { anonymous: ANONYMOUS, citizen: allow(200), citizen2: allow(200), ownOfficer: ROLE, otherOfficer: ROLE, frontline: ROLE, operator: ROLE, auditor: ROLE },
  },
  // Every consent here is Omar's: Lina gets 404, as if it did not exist.
  'revoke-consent': {
    agencies: { own: 'ssc', other: 'moh' },
    probe: (persona, f) => ({ path: `/v1/consents/${f.consentsToRevoke[persona]}` }),
    expect: {
      anonymous: ANONYMOUS,
      citizen: allow(200),
      citizen2: deny(404, 'consent_not_found'),
      ownOfficer: ROLE,
      otherOfficer: ROLE,
      frontline: ROLE,
      operator: ROLE,
      auditor: ROLE,
    },
  },
  'access-log': {
    probe: () => ({ path: '/v1/me/access-log?limit=5' }),
    expect: { anonymous: ANONYMOUS, citizen: allow(200), citizen2: allow(200), ownOfficer: ROLE, otherOfficer: ROLE, frontline: ROLE, operator: ROLE, auditor: ROLE },
  },
  // Citizens read their own trail through /v1/me/access-log, never the raw chain.
  'query-audit': {
    probe: () => ({ path: `/v1/audit?subject=persons:${OMAR}&limit=5` }),
    expect: { anonymous: ANONYMOUS, citizen: ROLE, citizen2: ROLE, ownOfficer: ROLE, otherOfficer: ROLE, frontline: ROLE, operator: ROLE, auditor: allow(200) },
  },
  'verify-audit': {
    probe: () => ({ path: `/v1/audit/verify?subject=persons:${OMAR}` }),
    expect: { anonymous: ANONYMOUS, citizen: ROLE, citizen2: ROLE, ownOfficer: ROLE, otherOfficer: ROLE, frontline: ROLE, operator: ROLE, auditor: allow(200) },
  },
  'list-life-events': { probe: () => ({ path: '/v1/life-events' }), expect: allowEveryone(200) },
  // Life events are for citizens and residents themselves (no assisted bundles yet).
  'submit-bundle': {
    agencies: { own: 'cspd', other: 'ssc' },
    probe: () => ({ path: '/v1/bundles', body: NEWBORN, headers: { 'idempotency-key': randomUUID() } }),
    expect: { anonymous: ANONYMOUS, citizen: allow(201), citizen2: allow(201), ownOfficer: ROLE, otherOfficer: ROLE, frontline: ROLE, operator: ROLE, auditor: ROLE },
  },
  'get-bundle': {
    agencies: { own: 'cspd', other: 'ssc' },
    probe: (_persona, f) => ({ path: `/v1/bundles/${f.bundle}` }),
    expect: {
      anonymous: ANONYMOUS,
      citizen: allow(200),
      citizen2: deny(404, 'bundle_not_found'),
      ownOfficer: ROLE,
      otherOfficer: ROLE,
      frontline: ROLE,
      operator: ROLE,
      auditor: allow(200),
    },
  },
  // Citizens apply for themselves; frontline staff for a citizen who consented to their centre.
  'submit-application': {
    agencies: { own: 'dvld', other: 'ssc' },
    probe: (persona, f) => ({
      path: '/v1/applications',
      body: persona === 'frontline' ? { ...VEHICLE, channel: 'service-centre', onBehalfOf: { nationalNumber: f.unconsented } } : VEHICLE,
      headers: { 'idempotency-key': randomUUID() },
    }),
    expect: {
      anonymous: ANONYMOUS,
      citizen: allow(201),
      citizen2: allow(201),
      ownOfficer: ROLE,
      otherOfficer: ROLE,
      frontline: deny(403, 'purpose_not_covered'),
      operator: ROLE,
      auditor: ROLE,
    },
    variants: [
      {
        persona: 'frontline',
        label: 'for a citizen who consented to its centre',
        probe: () => ({ path: '/v1/applications', body: { ...VEHICLE, channel: 'service-centre', onBehalfOf: { nationalNumber: OMAR } }, headers: { 'idempotency-key': randomUUID() } }),
        expect: allow(201),
      },
    ],
  },
  // Every application from here on is Omar's.
  'update-draft': {
    agencies: { own: 'dvld', other: 'ssc' },
    probe: (persona, f) => ({ path: `/v1/applications/${f.draftsToUpdate[persona]}`, body: { expectedVersion: 1, answers: { plateNumber: '12-76543' } } }),
    expect: { anonymous: ANONYMOUS, citizen: allow(200), citizen2: HIDDEN, ownOfficer: ROLE, otherOfficer: ROLE, frontline: ROLE, operator: ROLE, auditor: ROLE },
  },
  'submit-draft': {
    agencies: { own: 'dvld', other: 'ssc' },
    probe: (persona, f) => ({ path: `/v1/applications/${f.draftsToSubmit[persona]}/submit`, body: { expectedVersion: 1, channel: 'mobile' } }),
    expect: { anonymous: ANONYMOUS, citizen: allow(200), citizen2: HIDDEN, ownOfficer: ROLE, otherOfficer: ROLE, frontline: ROLE, operator: ROLE, auditor: ROLE },
  },
  // dvld handles the submitted application, ssc has no part in it; frontline staff did not assist it.
  'get-application': {
    agencies: { own: 'dvld', other: 'ssc' },
    probe: (_persona, f) => ({ path: `/v1/applications/${f.submitted}` }),
    expect: {
      anonymous: ANONYMOUS,
      citizen: allow(200),
      citizen2: HIDDEN,
      ownOfficer: allow(200),
      otherOfficer: HIDDEN,
      frontline: HIDDEN,
      operator: ROLE,
      auditor: allow(200),
    },
    variants: [
      { persona: 'frontline', label: 'an application its centre assisted', probe: (f) => ({ path: `/v1/applications/${f.assistedToRead}` }), expect: allow(200) },
      // A draft is the citizen's own until submitted: no consent to any agency exists yet.
      { persona: 'ownOfficer', label: 'a draft the citizen has not submitted', probe: (f) => ({ path: `/v1/applications/${f.unsubmittedDraft}` }), expect: HIDDEN },
    ],
  },
  'list-my-applications': {
    agencies: { own: 'dvld', other: 'ssc' },
    probe: () => ({ path: '/v1/me/applications?limit=5' }),
    expect: { anonymous: ANONYMOUS, citizen: allow(200), citizen2: allow(200), ownOfficer: ROLE, otherOfficer: ROLE, frontline: ROLE, operator: ROLE, auditor: ROLE },
  },
  'cancel-application': {
    agencies: { own: 'dvld', other: 'ssc' },
    probe: (persona, f) => ({ path: `/v1/applications/${f.draftsToCancel[persona]}/cancel`, body: { reason: 'authorization matrix' } }),
    expect: { anonymous: ANONYMOUS, citizen: allow(200), citizen2: HIDDEN, ownOfficer: ROLE, otherOfficer: ROLE, frontline: HIDDEN, operator: ROLE, auditor: ROLE },
    variants: [
      { persona: 'frontline', label: 'an application its centre assisted', probe: (f) => ({ path: `/v1/applications/${f.assistedToCancel}/cancel`, body: {} }), expect: allow(200) },
    ],
  },
  // Each application waits for Omar's answer to dvld's question.
  'provide-information': {
    agencies: { own: 'dvld', other: 'ssc' },
    probe: (persona, f) => ({ path: `/v1/applications/${f.awaitingInformation[persona]}/information`, body: { answer: 'The policy was renewed on 1 March.' } }),
    expect: { anonymous: ANONYMOUS, citizen: allow(200), citizen2: HIDDEN, ownOfficer: ROLE, otherOfficer: ROLE, frontline: ROLE, operator: ROLE, auditor: ROLE },
  },
  // gam handles another task of the same application: it may neither see dvld's inbox nor decide dvld's task.
  'agency-inbox': {
    agencies: { own: 'dvld', other: 'gam' },
    probe: () => ({ path: '/v1/agencies/dvld/tasks?limit=5' }),
    expect: {
      anonymous: ANONYMOUS,
      citizen: ROLE,
      citizen2: ROLE,
      ownOfficer: allow(200),
      otherOfficer: deny(403, 'not_your_agency'),
      frontline: ROLE,
      operator: ROLE,
      auditor: ROLE,
    },
  },
  'decide-task': {
    agencies: { own: 'dvld', other: 'gam' },
    probe: (_persona, f) => ({ path: `/v1/tasks/${f.taskId}/decision`, body: { decision: 'approve' } }),
    expect: {
      anonymous: ANONYMOUS,
      citizen: ROLE,
      citizen2: ROLE,
      ownOfficer: allow(200),
      otherOfficer: deny(404, 'task_not_found'),
      frontline: ROLE,
      operator: ROLE,
      auditor: ROLE,
    },
  },
  // Each caller has one inbox: Omar's, dvld's (shared by its officers), the operators'. A notification of another
  // inbox is not found.
  'list-my-notifications': {
    agencies: { own: 'dvld', other: 'gam' },
    probe: () => ({ path: '/v1/me/notifications?limit=5' }),
    expect: { anonymous: ANONYMOUS, citizen: allow(200), citizen2: allow(200), ownOfficer: allow(200), otherOfficer: allow(200), frontline: ROLE, operator: allow(200), auditor: ROLE },
  },
  'mark-notification-read': {
    agencies: { own: 'dvld', other: 'gam' },
    probe: (persona, f) => ({ path: `/v1/me/notifications/${f.engagement.notifications[persona]}/read` }),
    expect: {
      anonymous: ANONYMOUS,
      citizen: allow(200),
      citizen2: deny(404, 'notification_not_found'),
      ownOfficer: allow(200),
      otherOfficer: deny(404, 'notification_not_found'),
      frontline: ROLE,
      operator: allow(200),
      auditor: ROLE,
    },
  },
  'get-notification-preferences': {
    probe: () => ({ path: '/v1/me/notification-preferences' }),
    expect: { anonymous: ANONYMOUS, citizen: allow(200), citizen2: allow(200), ownOfficer: ROLE, otherOfficer: ROLE, frontline: ROLE, operator: ROLE, auditor: ROLE },
  },
  // The defaults: Arabic, quiet hours 22:00–07:00; other tests use citizens of their own.
  'put-notification-preferences': {
    probe: () => ({ path: '/v1/me/notification-preferences', body: { language: 'ar' } }),
    expect: { anonymous: ANONYMOUS, citizen: allow(200), citizen2: allow(200), ownOfficer: ROLE, otherOfficer: ROLE, frontline: ROLE, operator: ROLE, auditor: ROLE },
  },
  'list-notification-deliveries': {
    probe: () => ({ path: '/v1/notifications/deliveries?limit=5' }),
    expect: { anonymous: ANONYMOUS, citizen: ROLE, citizen2: ROLE, ownOfficer: ROLE, otherOfficer: ROLE, frontline: ROLE, operator: allow(200), auditor: ROLE },
  },
  // Omar's ended applications: only he rates them.
  'rate-application': {
    agencies: { own: 'dvld', other: 'ssc' },
    probe: (persona, f) => ({ path: `/v1/applications/${f.engagement.endedApplications[persona]}/feedback`, body: { rating: 4 } }),
    expect: { anonymous: ANONYMOUS, citizen: allow(201), citizen2: HIDDEN, ownOfficer: ROLE, otherOfficer: ROLE, frontline: ROLE, operator: ROLE, auditor: ROLE },
  },
  'get-kpis': {
    probe: () => ({ path: '/v1/kpis?agency=dvld' }),
    expect: { anonymous: ANONYMOUS, citizen: ROLE, citizen2: ROLE, ownOfficer: ROLE, otherOfficer: ROLE, frontline: ROLE, operator: allow(200), auditor: ROLE },
  },
  'set-kpi-target': {
    probe: () => ({ path: '/v1/kpis/targets', body: { kpi: 'satisfaction', dimension: 'agency', value: 'gam', target: 4.2, comparison: 'at-least', by: dateFromToday(180) } }),
    expect: { anonymous: ANONYMOUS, citizen: ROLE, citizen2: ROLE, ownOfficer: ROLE, otherOfficer: ROLE, frontline: ROLE, operator: allow(200), auditor: ROLE },
  },
  'get-kpi-report': {
    probe: () => ({ path: '/v1/kpis/reports/dvld?lang=en' }),
    expect: { anonymous: ANONYMOUS, citizen: ROLE, citizen2: ROLE, ownOfficer: ROLE, otherOfficer: ROLE, frontline: ROLE, operator: allow(200), auditor: ROLE },
  },
  'get-public-kpis': { probe: () => ({ path: '/v1/public/kpis?channel=portal' }), expect: allowEveryone(200) },
  'create-consultation': {
    probe: () => ({ path: '/v1/consultations', body: { kind: 'law', agencyId: 'cspd', title: { ar: 'قانون', en: 'Law' }, description: { ar: 'نص', en: 'Text' }, opensOn: dateFromToday(1), closesOn: dateFromToday(20) } }),
    expect: { anonymous: ANONYMOUS, citizen: ROLE, citizen2: ROLE, ownOfficer: allow(201), otherOfficer: ROLE, frontline: ROLE, operator: allow(201), auditor: ROLE },
  },
  'list-consultations': { probe: () => ({ path: '/v1/consultations?status=open&limit=5' }), expect: allowEveryone(200) },
  'get-consultation': { probe: (_persona, f) => ({ path: `/v1/consultations/${f.consultation.id}` }), expect: allowEveryone(200) },
  'list-consultation-comments': { probe: (_persona, f) => ({ path: `/v1/consultations/${f.consultation.id}/comments?limit=5` }), expect: allowEveryone(200) },
  // Omar revises the comment he made in the fixtures; Salma comments for the first time.
  'put-my-consultation-comment': {
    probe: (persona, f) => ({ path: `/v1/consultations/${f.consultation.id}/my-comment`, body: { text: `authorization matrix: ${persona}` } }),
    expect: { anonymous: ANONYMOUS, citizen: allow(200), citizen2: allow(201), ownOfficer: ROLE, otherOfficer: ROLE, frontline: ROLE, operator: ROLE, auditor: ROLE },
  },
  'hide-consultation-comment': {
    probe: (_persona, f) => ({ path: `/v1/consultations/${f.consultation.id}/comments/${f.consultation.commentId}/hide`, body: { reason: 'authorization matrix' } }),
    expect: { anonymous: ANONYMOUS, citizen: ROLE, citizen2: ROLE, ownOfficer: allow(200), otherOfficer: ROLE, frontline: ROLE, operator: allow(200), auditor: ROLE },
  },
  // Allowed callers reach the rule: an open consultation takes no response yet.
  'publish-consultation-response': {
    probe: (_persona, f) => ({ path: `/v1/consultations/${f.consultation.id}/response`, body: { text: { ar: 'رد', en: 'Response' } } }),
    expect: { anonymous: ANONYMOUS, citizen: ROLE, citizen2: ROLE, ownOfficer: allow(409), otherOfficer: ROLE, frontline: ROLE, operator: allow(409), auditor: ROLE },
  },
  'answer-survey': {
    probe: (_persona, f) => ({ path: `/v1/consultations/${f.consultation.survey}/answers`, body: SURVEY_ANSWERS }),
    expect: { anonymous: ANONYMOUS, citizen: allow(201), citizen2: allow(201), ownOfficer: ROLE, otherOfficer: ROLE, frontline: ROLE, operator: ROLE, auditor: ROLE },
  },
  'feedback-summary': {
    probe: () => ({ path: '/v1/feedback/summary' }),
    expect: { anonymous: ANONYMOUS, citizen: ROLE, citizen2: ROLE, ownOfficer: ROLE, otherOfficer: ROLE, frontline: ROLE, operator: allow(200), auditor: ROLE },
  },
  'file-complaint': {
    agencies: { own: 'dvld', other: 'gam' },
    probe: () => ({ path: '/v1/complaints', body: { category: 'service-delay', agencyId: 'dvld', text: 'authorization matrix: filed by each persona' } }),
    expect: { anonymous: ANONYMOUS, citizen: allow(201), citizen2: allow(201), ownOfficer: ROLE, otherOfficer: ROLE, frontline: ROLE, operator: ROLE, auditor: ROLE },
  },
  'list-my-complaints': {
    probe: () => ({ path: '/v1/me/complaints?limit=5' }),
    expect: { anonymous: ANONYMOUS, citizen: allow(200), citizen2: allow(200), ownOfficer: ROLE, otherOfficer: ROLE, frontline: ROLE, operator: ROLE, auditor: ROLE },
  },
  // Omar's complaints go to dvld; gam has no part in them.
  'complaint-queue': {
    agencies: { own: 'dvld', other: 'gam' },
    probe: () => ({ path: '/v1/complaints?agencyId=dvld&limit=5' }),
    expect: {
      anonymous: ANONYMOUS,
      citizen: ROLE,
      citizen2: ROLE,
      ownOfficer: allow(200),
      otherOfficer: deny(403, 'not_your_agency'),
      frontline: ROLE,
      operator: allow(200),
      auditor: ROLE,
    },
  },
  'get-complaint': {
    agencies: { own: 'dvld', other: 'gam' },
    probe: (_persona, f) => ({ path: `/v1/complaints/${f.engagement.complaint}` }),
    expect: {
      anonymous: ANONYMOUS,
      citizen: allow(200),
      citizen2: deny(404, 'complaint_not_found'),
      ownOfficer: allow(200),
      otherOfficer: deny(404, 'complaint_not_found'),
      frontline: ROLE,
      operator: allow(200),
      auditor: ROLE,
    },
  },
  // Operators answer only what the e-Government Unit handles (escalated or routed to no agency).
  'respond-to-complaint': {
    agencies: { own: 'dvld', other: 'gam' },
    probe: (persona, f) => ({ path: `/v1/complaints/${f.engagement.complaintsToAnswer[persona]}/responses`, body: { message: 'authorization matrix', status: 'in-progress' } }),
    expect: {
      anonymous: ANONYMOUS,
      citizen: ROLE,
      citizen2: ROLE,
      ownOfficer: allow(200),
      otherOfficer: deny(404, 'complaint_not_found'),
      frontline: ROLE,
      operator: deny(403, 'not_handler'),
      auditor: ROLE,
    },
  },
  'rate-complaint-resolution': {
    agencies: { own: 'dvld', other: 'gam' },
    probe: (persona, f) => ({ path: `/v1/complaints/${f.engagement.resolvedComplaints[persona]}/rating`, body: { rating: 5 } }),
    expect: {
      anonymous: ANONYMOUS,
      citizen: allow(200),
      citizen2: deny(404, 'complaint_not_found'),
      ownOfficer: ROLE,
      otherOfficer: ROLE,
      frontline: ROLE,
      operator: ROLE,
      auditor: ROLE,
    },
  },
  'get-openapi': { probe: () => ({ path: '/openapi.json' }), expect: allowEveryone(200) },
  'list-my-documents': {
    agencies: { own: 'dvld', other: 'gam' },
    probe: () => ({ path: '/v1/me/documents' }),
    expect: { anonymous: ANONYMOUS, citizen: allow(200), citizen2: allow(200), ownOfficer: ROLE, otherOfficer: ROLE, frontline: ROLE, operator: ROLE, auditor: ROLE },
  },
  // Only a document's holder gets its PDF: for a number they do not hold, citizens get 404 (document-pdf.test.ts fetches a real one).
  'get-document-pdf': {
    agencies: { own: 'dvld', other: 'gam' },
    probe: () => ({ path: `/v1/me/documents/${UNISSUED_DOCUMENT}/pdf` }),
    expect: {
      anonymous: ANONYMOUS,
      citizen: allow(404, 'document_not_found'),
      citizen2: deny(404, 'document_not_found'),
      ownOfficer: ROLE,
      otherOfficer: ROLE,
      frontline: ROLE,
      operator: ROLE,
      auditor: ROLE,
    },
  },
  // Public: a number nobody was issued answers the same 404 to everyone (documents.test.ts verifies real ones).
  'verify-document': { probe: () => ({ path: `/v1/verify/${UNISSUED_DOCUMENT}` }), expect: allowEveryone(404) },
  'get-jwks': { probe: () => ({ path: '/.well-known/jwks.json' }), expect: allowEveryone(200) },
  'revoke-document': {
    agencies: { own: 'dvld', other: 'gam' },
    // Revoking changes a document for good: officers get past authorization to the lookup of a number never issued.
    probe: () => ({ path: `/v1/documents/${UNISSUED_DOCUMENT}/revoke`, body: { reason: 'authorization matrix' } }),
    expect: {
      anonymous: ANONYMOUS,
      citizen: ROLE,
      citizen2: ROLE,
      ownOfficer: allow(404, 'document_not_found'),
      otherOfficer: deny(404, 'document_not_found'),
      frontline: ROLE,
      operator: ROLE,
      auditor: ROLE,
    },
  },
  // Public (the provider's call): an unsigned notification is refused by its signature, whoever sends it.
  'notify-payment': {
    probe: () => ({ path: '/v1/payments/notifications', body: { transactionId: 'EFW-MATRIX', billNumber: 'MATRIX', amountFils: 1000, paidAt: new Date().toISOString() } }),
    expect: Object.fromEntries(personas.map((persona) => [persona, allow(401, 'invalid_signature')])) as PerPersona<Expectation>,
  },
  'reconcile-payments': {
    agencies: { own: 'cspd', other: 'gam' },
    probe: () => ({ path: `/v1/payments/reconciliation?agency=cspd&date=${new Date().toISOString().slice(0, 10)}` }),
    expect: {
      anonymous: ANONYMOUS,
      citizen: ROLE,
      citizen2: ROLE,
      ownOfficer: allow(200),
      otherOfficer: deny(403, 'not_your_agency'),
      frontline: ROLE,
      operator: allow(200),
      auditor: allow(200),
    },
  },
  // Each citizen gets a presigned POST of their own (uploads.test.ts uploads through them).
  'create-upload': {
    probe: () => ({ path: '/v1/uploads', body: { serviceId: 'passport-renewal', documentId: 'personal-photo', contentType: 'image/png', sizeBytes: 1000 } }),
    expect: { anonymous: ANONYMOUS, citizen: allow(201), citizen2: allow(201), ownOfficer: ROLE, otherOfficer: ROLE, frontline: ROLE, operator: ROLE, auditor: ROLE },
  },
  // Citizens get past authorization to the lookup of an upload that is nobody's (uploads.test.ts: another's is 404 too).
  'get-upload': {
    probe: () => ({ path: `/v1/uploads/${NO_UPLOAD}` }),
    expect: {
      anonymous: ANONYMOUS,
      citizen: allow(404, 'upload_not_found'),
      citizen2: allow(404, 'upload_not_found'),
      ownOfficer: ROLE,
      otherOfficer: ROLE,
      frontline: ROLE,
      operator: ROLE,
      auditor: ROLE,
    },
  },
  // Officers get past authorization to the lookup of the application (uploads.test.ts: its agency's officer downloads, another agency's gets 403).
  'download-application-document': {
    probe: () => ({ path: `/v1/applications/${NO_UPLOAD}/documents/${NO_UPLOAD}` }),
    expect: {
      anonymous: ANONYMOUS,
      citizen: ROLE,
      citizen2: ROLE,
      ownOfficer: allow(404, 'application_not_found'),
      otherOfficer: allow(404, 'application_not_found'),
      frontline: ROLE,
      operator: ROLE,
      auditor: ROLE,
    },
  },
};
const UNISSUED_DOCUMENT = 'DOC-01ARZ3NDEKTSV4RRFFQ69G5FAV';
const NO_UPLOAD = '01ARZ3NDEKTSV4RRFFQ69G5FAV';

const DEFAULT_AGENCIES: Agencies = { own: 'cspd', other: 'ssc' };

function userOf(persona: Persona, agencies: Agencies): string | undefined {
  switch (persona) {
    case 'anonymous':
      return undefined;
    case 'ownOfficer':
      return `officer-${agencies.own}`;
    case 'otherOfficer':
      return `officer-${agencies.other}`;
    default:
      return persona;
  }
}

/** One item per persona, made one after another (the Cognito emulator rewrites its whole pool file on each change). */
async function perPersona<T>(make: (persona: Persona) => Promise<T> | T): Promise<PerPersona<T>> {
  const items: Partial<Record<Persona, T>> = {};
  for (const persona of personas) {
    items[persona] = await make(persona);
  }
  return items as PerPersona<T>;
}

async function createService(serviceId: string): Promise<string> {
  const response = await api(`/v1/services/${serviceId}`, { method: 'PUT', token: await tokenFor('operator'), body: { expectedVersion: 0, card: card() } });
  if (response.status !== 201) {
    throw new Error(`creating service ${serviceId}: ${response.status} ${response.text}`);
  }
  return serviceId;
}

/** Omar's submitted application on which dvld's officer asked a question (when the workflow opened dvld's task). */
async function applicationAwaitingInformation(submission: { applicationId: string; status: number }): Promise<string> {
  const taskId = submission.status === 201 ? await waitForTask('dvld', submission.applicationId, 'insurance-check') : undefined;
  if (taskId) {
    const asked = await api(`/v1/tasks/${taskId}/decision`, {
      method: 'POST',
      token: await tokenFor('officer-dvld'),
      body: { decision: 'request-info', note: 'When was the insurance policy renewed?' },
    });
    if (asked.status !== 200) {
      throw new Error(`asking for information: ${asked.status} ${asked.text}`);
    }
  }
  return submission.applicationId;
}

async function makeFixtures(): Promise<Fixtures> {
  const stamp = Date.now().toString(36);
  for (const user of ['citizen', 'citizen2', 'frontline', 'operator', 'auditor', 'officer-cspd', 'officer-ssc', 'officer-moh', 'officer-dvld', 'officer-gam']) {
    await tokenFor(user);
  }
  const draft = async () => (await apply('citizen', { ...VEHICLE, draft: true })).applicationId;
  await grantConsent('citizen', { agencyId: 'ssc', fields: ['fullName'], purpose: SSC_PURPOSE });
  await grantConsent('citizen', { serviceCentreId: 'amman-central', fields: ['fullName', 'phone'], purpose: CENTRE_PURPOSE });
  const assisted = async () => (await apply('frontline', { ...VEHICLE, channel: 'service-centre', draft: true, onBehalfOf: { nationalNumber: OMAR } })).applicationId;
  const submitted = await apply('citizen', VEHICLE);
  const toAnswer = await perPersona(() => apply('citizen', VEHICLE));
  return {
    stamp,
    toSignUp: await perPersona(() => createPerson()),
    toConfirm: await perPersona(async () => signUpPerson(await createPerson())),
    newPersons: await perPersona(() => freshNationalNumber()),
    personsToUpdate: await perPersona(() => createPerson()),
    unconsented: await createPerson(),
    consentsToRevoke: await perPersona((persona) => grantConsent('citizen', { agencyId: 'ssc', fields: ['dateOfBirth'], purpose: `${PURPOSE}: revoke as ${persona}` })),
    newServices: await perPersona((persona) => `matrix-new-${lower(persona)}-${stamp}`),
    servicesToStage: await perPersona((persona) => createService(`matrix-stage-${lower(persona)}-${stamp}`)),
    draftsToUpdate: await perPersona(draft),
    draftsToSubmit: await perPersona(draft),
    draftsToCancel: await perPersona(draft),
    awaitingInformation: Object.fromEntries(
      await Promise.all(personas.map(async (persona) => [persona, await applicationAwaitingInformation(toAnswer[persona])] as const)),
    ) as PerPersona<string>,
    submitted: submitted.applicationId,
    submittedStatus: submitted.status,
    // Without a workflow engine no task opens: waiting for it would only burn time.
    taskId:
      (submitted.status === 201 ? await waitForTask('dvld', submitted.applicationId, 'insurance-check') : undefined) ??
      `${submitted.applicationId}.insurance-check`,
    unsubmittedDraft: await draft(),
    assistedToRead: await assisted(),
    assistedToCancel: await assisted(),
    engagement: await makeEngagementFixtures(VEHICLE),
    bundle: await newbornBundle(),
    consultation: await openConsultation(),
  };
}

const SURVEY_ANSWERS = { answers: { satisfied: 4 } };
async function openConsultation(): Promise<Fixtures['consultation']> {
  const operator = await tokenFor('operator');
  const base = { agencyId: 'cspd', title: { ar: 'مشاورة', en: 'Consultation' }, description: { ar: 'نص', en: 'Text' }, opensOn: dateFromToday(-1), closesOn: dateFromToday(30) };
  const open = await api('/v1/consultations', { method: 'POST', token: operator, body: { ...base, kind: 'policy' } });
  const survey = await api('/v1/consultations', {
    method: 'POST',
    token: operator,
    body: { ...base, kind: 'survey', questions: [{ questionId: 'satisfied', type: 'scale', text: { ar: 'الرضا', en: 'Satisfied?' } }] },
  });
  const comment = await api(`/v1/consultations/${open.body.consultationId}/my-comment`, { method: 'PUT', token: await tokenFor('citizen'), body: { text: 'authorization matrix' } });
  expect([open.status, survey.status, comment.status]).toEqual([201, 201, 201]);
  return { id: open.body.consultationId, commentId: comment.body.commentId, survey: survey.body.consultationId };
}

async function runMatrix(f: Fixtures): Promise<MatrixOutcome[]> {
  const outcomes: MatrixOutcome[] = [];
  // Sequential, in catalogue order: TOTP enrolment starts before it is verified.
  for (const capability of capabilities) {
    const cases = matrix[capability.id];
    if (!cases) {
      continue;
    }
    const agencies = cases.agencies ?? DEFAULT_AGENCIES;
    const token = async (persona: Persona) => {
      const user = userOf(persona, agencies);
      return user ? tokenFor(user) : undefined;
    };
    for (const persona of personas) {
      const user = userOf(persona, agencies);
      outcomes.push(await runCase({ capability, persona, token: await token(persona), probe: cases.probe(persona, f, user), expected: cases.expect[persona] }));
    }
    for (const variant of cases.variants ?? []) {
      outcomes.push(
        await runCase({ capability, persona: variant.persona, variant: variant.label, token: await token(variant.persona), probe: variant.probe(f), expected: variant.expect }),
      );
    }
  }
  return outcomes;
}

/** Routes of citizen applications and agency tasks: they need the workflow engine of the local cloud. */
const isWorkflowBound = (capability: Capability) => capability.entry.startsWith('functions/applications/');

function expectNone(outcomes: readonly MatrixOutcome[], what: string): void {
  if (outcomes.length > 0) {
    throw new Error(`${outcomes.length} ${what}:\n${outcomeTable(outcomes)}`);
  }
}

describe('authorization matrix (every capability x every persona)', () => {
  let fixtures: Fixtures;
  let outcomes: MatrixOutcome[] = [];

  beforeAll(async () => {
    fixtures = await makeFixtures();
    outcomes = await runMatrix(fixtures);
    const mismatches = outcomes.filter((outcome) => outcome.verdict !== 'as expected');
    console.log(
      [
        summaryLine(outcomes, capabilities.length),
        `submitting the fixture application answered ${fixtures.submittedStatus}`,
        matrixGrid(outcomes),
        ...(mismatches.length > 0 ? ['mismatches:', outcomeTable(mismatches)] : []),
      ].join('\n\n'),
    );
  }, 240_000);

  it('has an expectation for every capability in the catalogue, and none for a capability that does not exist', () => {
    const ids = capabilities.map((capability) => capability.id);
    expect({ missing: ids.filter((id) => !(id in matrix)), unknown: Object.keys(matrix).filter((id) => !ids.includes(id)) }).toEqual({
      missing: [],
      unknown: [],
    });
  });

  it('lets nobody past authorization where the table says deny', () => {
    expect(outcomes.length).toBeGreaterThan(0);
    expectNone(
      outcomes.filter((outcome) => outcome.verdict === 'unexpected allow'),
      'unexpected allows',
    );
  });

  it('answers every identity, registry, consent, audit, services and platform case as the table says', () => {
    expectNone(
      outcomes.filter((outcome) => !isWorkflowBound(outcome.capability) && outcome.verdict !== 'as expected'),
      'mismatches',
    );
  });

  it('answers every application and agency-task case as the table says', () => {
    expectNone(
      outcomes.filter((outcome) => isWorkflowBound(outcome.capability) && outcome.verdict !== 'as expected'),
      'mismatches',
    );
  });

  // Every staff capability again, as a staff member of the same role who has not enrolled an authenticator yet:
  // only the enrolment serves them.
  describe('staff without an enrolled authenticator', () => {
    const staff = [
      { role: 'officer', persona: 'ownOfficer', agencyId: 'cspd' },
      { role: 'frontline', persona: 'frontline', serviceCentreId: 'amman-central' },
      { role: 'operator', persona: 'operator' },
      { role: 'auditor', persona: 'auditor' },
    ] as const;
    const enrolment = new Set(['start-totp-enrolment', 'verify-totp-enrolment']);
    const withoutMfa: MatrixOutcome[] = [];

    beforeAll(async () => {
      const stamp = Date.now().toString(36);
      for (const { role, persona, ...scope } of staff) {
        const token = await newStaffWithoutMfa(`matrix.nomfa-${role}.${stamp}`, { role, ...scope });
        for (const capability of capabilities) {
          const cases = matrix[capability.id];
          const access = capability.route.access;
          if (cases && access !== 'public' && access.includes(role) && !enrolment.has(capability.id)) {
            const probe = cases.probe(persona, fixtures, undefined);
            withoutMfa.push(await runCase({ capability, persona, variant: 'no MFA yet', token, probe, expected: deny(403, 'mfa_enrolment_required') }));
          }
        }
      }
      console.log(`staff without MFA: ${withoutMfa.length} cases\n${outcomeTable(withoutMfa)}`);
    }, 120_000);

    it('refuses them every staff capability but the enrolment, with 403 mfa_enrolment_required', () => {
      expect(withoutMfa.length).toBeGreaterThan(0);
      expectNone(
        withoutMfa.filter((outcome) => outcome.verdict !== 'as expected'),
        'staff capabilities served without MFA',
      );
    });
  });
});

describe('tokens the gateway must refuse, on GET /v1/me', () => {
  let genuine: string;
  let jwt: DecodedJwt;
  const now = () => Math.floor(Date.now() / 1000);
  const me = (authorization: string) => api('/v1/me', { headers: { authorization } });
  const bearer = (token: string) => me(`Bearer ${token}`);
  /** Refused by the JWT authorizer itself, before any function runs. */
  const expectGatewayRefusal = (response: ApiResponse) => expect({ status: response.status, body: response.body }).toEqual({ status: 401, body: { message: 'Unauthorized' } });

  beforeAll(async () => {
    genuine = await tokenFor('citizen');
    jwt = decodeJwt(genuine);
  });

  it('serves the genuine access token (control)', async () => {
    expect((await bearer(genuine)).status).toBe(200);
  });

  it('serves the same claims re-signed with the emulator key and its kid (control: the forgeries below are sound)', async () => {
    expect(jwt.header).toMatchObject({ alg: 'RS256', kid: 'CognitoLocal' });
    expect((await bearer(signRs256(jwt.header, { ...jwt.payload, jti: randomUUID() }))).status).toBe(200);
  });

  it('refuses a token with one signature byte flipped', async () => {
    const [header, payload] = genuine.split('.');
    const signature = Buffer.from(jwt.signature);
    const middle = signature.length >> 1;
    signature[middle] = signature[middle]! ^ 0x01;
    expectGatewayRefusal(await bearer(`${header}.${payload}.${signature.toString('base64url')}`));
  });

  it('refuses a token whose claims were edited (another citizen’s sub), signature kept', async () => {
    const lina = decodeJwt(await tokenFor('citizen2')).payload.sub;
    expectGatewayRefusal(await bearer(assembleJwt(jwt.header, { ...jwt.payload, sub: lina }, jwt.signature)));
  });

  it('refuses an expired token, correctly signed', async () => {
    expectGatewayRefusal(await bearer(signRs256(jwt.header, { ...jwt.payload, auth_time: now() - 7200, iat: now() - 7200, exp: now() - 60 })));
  });

  it('refuses a token once it expires, though it was accepted (and remembered) before', async () => {
    // Enough life to be accepted on a loaded machine; then the wait is for the expiry itself, not a guessed sleep.
    const exp = now() + 8;
    const shortLived = signRs256(jwt.header, { ...jwt.payload, jti: randomUUID(), exp });
    expect((await bearer(shortLived)).status).toBe(200);
    await until('the token to expire', async () => Date.now() > exp * 1000);
    expectGatewayRefusal(await bearer(shortLived));
  });

  it('refuses a correctly signed token of another user pool', async () => {
    expectGatewayRefusal(await bearer(signRs256(jwt.header, { ...jwt.payload, iss: `${cloudState().cognitoEndpoint}/local_0therP00l` })));
  });

  it('refuses a correctly signed token for an app client that is not ours', async () => {
    expectGatewayRefusal(await bearer(signRs256(jwt.header, { ...jwt.payload, client_id: '7matrixforeignclient000000' })));
  });

  it('refuses an ID token where an access token is required', async () => {
    const response = await bearer(await tokenFor('citizen', 'id'));
    expect({ status: response.status, code: response.body.error?.code }).toEqual({ status: 401, code: 'unauthorized' });
  });

  it('refuses an unsigned token (alg none)', async () => {
    expectGatewayRefusal(await bearer(assembleJwt({ ...jwt.header, alg: 'none' }, jwt.payload)));
  });

  it('refuses a token signed with a key nobody trusts, under the emulator’s kid', async () => {
    expectGatewayRefusal(await bearer(signRs256(jwt.header, jwt.payload, strangerPrivateKey())));
  });

  it('refuses HS256 keyed with the public key (algorithm confusion)', async () => {
    expectGatewayRefusal(await bearer(signHs256(jwt.header, jwt.payload, emulatorPublicKeyPem())));
  });

  it('refuses a garbage bearer string', async () => {
    expectGatewayRefusal(await bearer('not-a-jwt'));
  });

  it('refuses the genuine token without the Bearer scheme', async () => {
    expectGatewayRefusal(await me(genuine));
  });
});
