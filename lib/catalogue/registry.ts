// Route contracts of identity, the national registry, consents and the audit trail.
import * as z from 'zod/mini';
import {
  AccessLogPage,
  AccessLogQuery,
  AuditPage,
  AuditQuery,
  ChainVerification,
  ConfirmSignUpBody,
  ConfirmSignUpResult,
  Consent,
  ConsentIdParams,
  ConsentList,
  CreateConsentBody,
  CreateRecordBody,
  CreateStaffBody,
  Me,
  ReadRecordQuery,
  RegistryKindParams,
  RegistryRecord,
  RegistryRecordParams,
  SignUpBody,
  SignUpResult,
  StaffAccount,
  TotpEnabled,
  TotpEnrolment,
  UpdateRecordBody,
  VerifyQuery,
  VerifyTotpBody,
} from '../../schemas/registry';
import type { RouteContract } from './types';

const none = z.strictObject({});

/**
 * Sign-up and confirmation need no token, so each network (source IP) gets a budget of attempts: generous,
 * because a service centre or a mobile carrier's NAT puts many people behind one address. API Gateway
 * throttles the routes for everyone together on top of that.
 */
export const publicAuthPerClient = { limit: 100, windowSeconds: 600 } as const;
const publicAuthThrottle = { rateLimit: 20, burstLimit: 40 } as const;

export const signUpRoute = {
  method: 'POST',
  path: '/v1/auth/sign-up',
  operationId: 'signUp',
  summary: 'Citizen or resident sign-up, proven against the registry record; a confirmation code is sent',
  tag: 'Identity',
  access: 'public',
  query: none,
  body: SignUpBody,
  response: SignUpResult,
  successStatus: 201,
  errorCodes: ['already_registered', 'business_link_for_citizens', 'identifier_required', 'identity_not_verified', 'not_a_representative', 'permit_expired'],
  errors: [409, 422, 429],
  perClientLimit: publicAuthPerClient,
  throttle: publicAuthThrottle,
} as const satisfies RouteContract;

export const confirmSignUpRoute = {
  method: 'POST',
  path: '/v1/auth/confirm',
  operationId: 'confirmSignUp',
  summary: 'Confirm a sign-up with the code that was sent',
  tag: 'Identity',
  access: 'public',
  query: none,
  body: ConfirmSignUpBody,
  response: ConfirmSignUpResult,
  successStatus: 200,
  errorCodes: ['invalid_code', 'too_many_attempts'],
  errors: [429],
  perClientLimit: publicAuthPerClient,
  throttle: publicAuthThrottle,
} as const satisfies RouteContract;

export const createStaffRoute = {
  method: 'POST',
  path: '/v1/staff',
  operationId: 'createStaff',
  summary: 'Create a staff account (operators only): officers carry an agencyId, frontline staff a serviceCentreId',
  tag: 'Identity',
  access: ['operator'],
  principal: 'linked',
  query: none,
  body: CreateStaffBody,
  response: StaffAccount,
  successStatus: 201,
  errorCodes: ['agency_scope', 'service_centre_scope', 'unknown_agency', 'username_taken'],
  errors: [409, 422],
} as const satisfies RouteContract;

export const getMeRoute = {
  method: 'GET',
  path: '/v1/me',
  operationId: 'getMe',
  summary: "The caller's own registry profile and the businesses they own or represent",
  tag: 'National registry',
  access: ['citizen'],
  principal: 'linked',
  query: none,
  response: Me,
  successStatus: 200,
  errorCodes: ['no_registry_profile', 'record_not_found'],
  errors: [404],
} as const satisfies RouteContract;

export const createRecordRoute = {
  method: 'POST',
  path: '/v1/registry/{kind}',
  operationId: 'createRegistryRecord',
  summary: 'Create a registry record (officers of the owning agency: persons cspd, residents moi, businesses ccd)',
  tag: 'National registry',
  access: ['officer'],
  principal: 'linked',
  params: RegistryKindParams,
  query: none,
  body: CreateRecordBody,
  response: RegistryRecord,
  successStatus: 201,
  errorCodes: ['record_exists'],
  errors: [409],
} as const satisfies RouteContract;

export const updateRecordRoute = {
  method: 'PUT',
  path: '/v1/registry/{kind}/{recordId}',
  operationId: 'updateRegistryRecord',
  summary: 'Change fields of a registry record (owning agency; optimistic concurrency on expectedVersion)',
  tag: 'National registry',
  access: ['officer'],
  principal: 'linked',
  params: RegistryRecordParams,
  query: none,
  body: UpdateRecordBody,
  response: RegistryRecord,
  successStatus: 200,
  errorCodes: ['key_field_immutable', 'record_not_found', 'stale_version'],
  errors: [404, 409],
} as const satisfies RouteContract;

export const readRecordRoute = {
  method: 'GET',
  path: '/v1/registry/{kind}/{recordId}',
  operationId: 'readRegistryRecord',
  summary: 'Read a registry record for a stated purpose: the owning agency sees it all, others only the consented fields',
  tag: 'National registry',
  access: ['officer', 'frontline', 'citizen'],
  principal: 'linked',
  params: RegistryRecordParams,
  query: ReadRecordQuery,
  response: RegistryRecord,
  successStatus: 200,
  errorCodes: ['consent_required', 'record_not_found', 'unknown_fields'],
  errors: [404],
} as const satisfies RouteContract;

export const grantConsentRoute = {
  method: 'POST',
  path: '/v1/consents',
  operationId: 'grantConsent',
  summary: 'Let an agency (or a service centre) read named fields of your record, for one purpose, until a date',
  tag: 'Consent',
  access: ['citizen'],
  principal: 'linked',
  query: none,
  body: CreateConsentBody,
  response: Consent,
  successStatus: 201,
  errors: [422],
  errorCodes: ['grantee_required', 'internal_fields', 'invalid_expiry', 'owner_needs_no_consent', 'unknown_agency', 'unknown_fields'],
} as const satisfies RouteContract;

export const listConsentsRoute = {
  method: 'GET',
  path: '/v1/me/consents',
  operationId: 'listMyConsents',
  summary: 'Your consents, newest first, each active, expired or revoked',
  tag: 'Consent',
  access: ['citizen'],
  principal: 'linked',
  query: none,
  response: ConsentList,
  successStatus: 200,
} as const satisfies RouteContract;

export const revokeConsentRoute = {
  method: 'DELETE',
  path: '/v1/consents/{consentId}',
  operationId: 'revokeConsent',
  summary: 'Revoke a consent at once',
  tag: 'Consent',
  access: ['citizen'],
  principal: 'linked',
  params: ConsentIdParams,
  query: none,
  response: Consent,
  successStatus: 200,
  errorCodes: ['consent_not_found'],
  errors: [404],
} as const satisfies RouteContract;

export const accessLogRoute = {
  method: 'GET',
  path: '/v1/me/access-log',
  operationId: 'getMyAccessLog',
  summary: 'Who read or changed your registry data, when, which fields and why',
  tag: 'Audit',
  access: ['citizen'],
  principal: 'linked',
  query: AccessLogQuery,
  response: AccessLogPage,
  successStatus: 200,
  errorCodes: ['invalid_cursor'],
} as const satisfies RouteContract;

export const queryAuditRoute = {
  method: 'GET',
  path: '/v1/audit',
  operationId: 'queryAudit',
  summary: "Auditors: a subject's audit trail in order, with its hash chain",
  tag: 'Audit',
  access: ['auditor'],
  principal: 'linked',
  query: AuditQuery,
  response: AuditPage,
  successStatus: 200,
  errorCodes: ['invalid_cursor'],
} as const satisfies RouteContract;

export const verifyAuditRoute = {
  method: 'GET',
  path: '/v1/audit/verify',
  operationId: 'verifyAudit',
  summary: "Auditors: recompute a subject's hash chain and report the first broken record, if any",
  tag: 'Audit',
  access: ['auditor'],
  principal: 'linked',
  query: VerifyQuery,
  response: ChainVerification,
  successStatus: 200,
} as const satisfies RouteContract;

export const startTotpRoute = {
  method: 'POST',
  path: '/v1/me/mfa/totp',
  operationId: 'startTotpEnrolment',
  summary: 'Start enrolling an authenticator app (TOTP); staff must enrol before any staff route serves them',
  tag: 'Identity',
  access: ['citizen', 'officer', 'frontline', 'operator', 'auditor'],
  principal: 'enrolling',
  query: none,
  response: TotpEnrolment,
  successStatus: 200,
  errorCodes: ['mfa_already_enrolled'],
  errors: [409],
} as const satisfies RouteContract;

export const verifyTotpRoute = {
  method: 'POST',
  path: '/v1/me/mfa/totp/verify',
  operationId: 'verifyTotpEnrolment',
  summary: 'Finish enrolment with a current code; every later sign-in asks for a code',
  tag: 'Identity',
  access: ['citizen', 'officer', 'frontline', 'operator', 'auditor'],
  principal: 'enrolling',
  query: none,
  body: VerifyTotpBody,
  response: TotpEnabled,
  successStatus: 200,
  errorCodes: ['invalid_code'],
} as const satisfies RouteContract;
