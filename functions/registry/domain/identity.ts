// Accounts: citizens and residents sign up against their registry record; operators create staff accounts.
// The identity link written here (Cognito sub → role and scope) is what every scoped route trusts.
import { ammanDate } from '../../shared/amman-time';
import type { Role } from '../../../lib/platform/identity';
import type { RecordKind } from '../../../schemas/registry';
import { type AttemptCounter, spendAttempt } from '../../shared/attempts';
import { BadRequest, Conflict, HttpError, TooManyRequests } from '../../shared/errors';
import type { Principal } from '../../shared/identity';
import { AlreadyExists, type RegistryDeps, subjectOf } from './ports';

export interface CodeDelivery {
  readonly medium: string;
  readonly destination: string;
}

/** The user directory (Cognito in AWS, cognito-local here). */
export interface UserDirectory {
  /** Self-service sign-up; UsernameTaken when the username exists. */
  signUp(user: { username: string; password: string; email: string; phone: string; locale?: string }): Promise<{ sub: string; confirmed: boolean; delivery?: CodeDelivery }>;
  confirmSignUp(username: string, code: string): Promise<void>;
  /**
   * Account created by an administrator, who must change the temporary password at first sign-in. The directory
   * sends it by email, unless `temporaryPassword` is given (then the caller hands it over and nothing is sent).
   */
  /** `agencyId` and `serviceCentreId` become the custom claims a staff front-end reads (e.g. which inbox is theirs). */
  createUser(user: { username: string; email: string; phone?: string; group: Role; temporaryPassword?: string; agencyId?: string; serviceCentreId?: string }): Promise<{ sub: string; status: string }>;
  deleteUser(username: string): Promise<void>;
  getSub(username: string): Promise<string | undefined>;
  /** Whether the user confirmed their sign-up; undefined when there is no such user. */
  isConfirmed(username: string): Promise<boolean | undefined>;
  /** Starts TOTP enrolment for the token's user; returns the shared secret (base32). */
  associateTotp(accessToken: string): Promise<string>;
  /** Checks a code from the authenticator and makes TOTP the user's required second factor; InvalidCode if wrong. */
  enableTotp(accessToken: string, code: string): Promise<void>;
  /** Whether TOTP is on for the token's user now (a user can turn it off through Cognito's own API). */
  totpOn(accessToken: string): Promise<boolean>;
}

export class UsernameTaken extends Error {}
export class InvalidCode extends Error {}

export interface IdentityDeps extends RegistryDeps {
  readonly directory: UserDirectory;
  readonly attempts: AttemptCounter;
}

/** Confirmation codes one username may try before it is locked out for the rest of the window. */
export const confirmationLockout = { limit: 5, windowSeconds: 900 } as const;

export interface SignUpRequest {
  readonly nationalNumber?: string;
  readonly permitNumber?: string;
  readonly documentNumber: string;
  readonly dateOfBirth: string;
  readonly phone: string;
  readonly email: string;
  readonly password: string;
  readonly preferredLanguage?: 'ar' | 'en';
  readonly businessRegistrationNumber?: string;
}

const NOT_MATCHED = new HttpError(
  422,
  'identity_not_verified',
  'These details do not match a registry record: check the number, the date of birth and the ID card or passport number',
);

/**
 * A citizen (national number + ID card number) or resident (permit number + passport number) proves who they
 * are against the registry record, then gets an account whose username is that number. An account left
 * without a link (a sign-up that failed half-way, or one made straight at the user pool) is replaced.
 */
export async function signUp(deps: IdentityDeps, request: SignUpRequest) {
  if (Boolean(request.nationalNumber) === Boolean(request.permitNumber)) {
    throw new BadRequest('identifier_required', 'Give exactly one of nationalNumber (citizens) or permitNumber (residents)');
  }
  const kind: RecordKind = request.nationalNumber ? 'persons' : 'residents';
  const recordId = (request.nationalNumber ?? request.permitNumber)!;
  const record = await deps.store.getRecord(kind, recordId);
  const proof = kind === 'persons' ? record?.data.idCardNumber : record?.data.passportNumber;
  if (!record || record.data.dateOfBirth !== request.dateOfBirth || proof !== request.documentNumber) {
    throw NOT_MATCHED;
  }
  if (kind === 'residents' && String(record.data.permitValidUntil) < ammanDate(deps.now())) {
    throw new HttpError(422, 'permit_expired', 'The residence permit has expired; renew it before signing up');
  }
  if (request.businessRegistrationNumber) {
    if (kind !== 'persons') {
      throw new BadRequest('business_link_for_citizens', 'Business representatives sign up with their national number');
    }
    const members = await deps.store.listMemberships(recordId);
    if (!members.some((member) => member.registrationNumber === request.businessRegistrationNumber)) {
      throw new HttpError(422, 'not_a_representative', 'The registry does not list you as an owner or representative of that business');
    }
  }
  await releaseLapsedClaim(deps, kind, recordId);
  // The code goes to the contact the registry holds, not to whoever typed the details in (all printed on the card).
  const user = {
    username: recordId,
    password: request.password,
    email: typeof record.data.email === 'string' ? record.data.email : request.email,
    phone: typeof record.data.phone === 'string' ? record.data.phone : request.phone,
    locale: request.preferredLanguage,
  };
  let result;
  try {
    result = await deps.directory.signUp(user);
  } catch (error) {
    if (!(error instanceof UsernameTaken)) {
      throw error;
    }
    await deps.directory.deleteUser(recordId);
    result = await deps.directory.signUp(user);
  }
  try {
    await deps.store.putLink({
      sub: result.sub,
      username: recordId,
      role: 'citizen',
      subject: { kind, recordId },
      createdAt: deps.now().toISOString(),
    });
  } catch (error) {
    if (error instanceof AlreadyExists) {
      await deps.directory.deleteUser(recordId).catch(() => undefined);
      throw new Conflict('already_registered', 'An account already exists for this person; sign in, or reset the password');
    }
    throw error;
  }
  await deps.store.appendAudit({
    subject: subjectOf(kind, recordId),
    action: 'identity.link',
    at: deps.now().toISOString(),
    actor: { id: result.sub, role: 'citizen' },
    fields: [kind === 'persons' ? 'nationalNumber' : 'permitNumber', 'dateOfBirth', kind === 'persons' ? 'idCardNumber' : 'passportNumber'],
    purpose: 'account sign-up',
  });
  return { username: recordId, confirmed: result.confirmed, ...(result.delivery ? { codeDelivery: result.delivery } : {}) };
}

/** A sign-up not confirmed within this many hours lapses: the next sign-up with the same proof replaces it. */
export const UNCONFIRMED_CLAIM_HOURS = 24;

/**
 * Refuses a sign-up for a record whose account is confirmed, or claimed less than a day ago; releases a claim
 * whose account was never confirmed after that, so nobody can hold a person's account hostage.
 */
async function releaseLapsedClaim(deps: IdentityDeps, kind: RecordKind, recordId: string): Promise<void> {
  const claim = await deps.store.getClaim(kind, recordId);
  if (!claim) {
    return;
  }
  const lapsed = Date.parse(claim.createdAt) + UNCONFIRMED_CLAIM_HOURS * 3_600_000 <= deps.now().getTime();
  if (!lapsed || (await deps.directory.isConfirmed(recordId)) === true) {
    throw new Conflict(
      'already_registered',
      `An account already exists for this person; sign in, or reset the password. A sign-up never confirmed lapses after ${UNCONFIRMED_CLAIM_HOURS} hours.`,
    );
  }
  await deps.directory.deleteUser(recordId);
  try {
    await deps.store.releaseClaim(kind, recordId, claim.sub);
  } catch (error) {
    if (error instanceof AlreadyExists) {
      throw new Conflict('already_registered', 'Another sign-up for this person is under way; try again in a minute');
    }
    throw error;
  }
  await deps.store.appendAudit({
    subject: subjectOf(kind, recordId),
    action: 'identity.unlink',
    at: deps.now().toISOString(),
    actor: { id: claim.sub, role: 'citizen' },
    fields: [],
    purpose: `sign-up not confirmed within ${UNCONFIRMED_CLAIM_HOURS} hours`,
  });
}

export async function confirmSignUp(deps: IdentityDeps, username: string, code: string) {
  // Counted whether or not the account exists, so the lockout tells nothing either.
  await spendAttempt(deps.attempts, `confirm#${username.toLowerCase()}`, confirmationLockout, deps.now(), (seconds) =>
    new TooManyRequests('too_many_attempts', 'Too many confirmation attempts for this account; wait, then ask for a new code or try again', seconds),
  );
  try {
    await deps.directory.confirmSignUp(username, code);
  } catch (error) {
    if (error instanceof InvalidCode) {
      throw new BadRequest('invalid_code', 'The confirmation code is wrong or has expired');
    }
    throw error;
  }
  return { username, confirmed: true as const };
}

export interface CreateStaffRequest {
  readonly username: string;
  readonly email: string;
  readonly phone?: string;
  readonly role: 'officer' | 'frontline' | 'operator' | 'auditor';
  readonly agencyId?: string;
  readonly serviceCentreId?: string;
}

/** Operators create staff; officers carry their agency, frontline staff their service centre. */
export async function createStaff(deps: IdentityDeps & { agencyExists(agencyId: string): Promise<boolean> }, principal: Principal, request: CreateStaffRequest) {
  if (principal.role !== 'operator') {
    throw new HttpError(403, 'forbidden', 'Only e-Government Unit operators create staff accounts');
  }
  if ((request.role === 'officer') !== Boolean(request.agencyId)) {
    throw new BadRequest('agency_scope', 'Officers, and only officers, carry an agencyId');
  }
  if ((request.role === 'frontline') !== Boolean(request.serviceCentreId)) {
    throw new BadRequest('service_centre_scope', 'Frontline staff, and only they, carry a serviceCentreId');
  }
  return provisionStaff(deps, request);
}

/**
 * Creates a staff account and its identity link, once the caller's right to do so is established: by an operator
 * (POST /v1/staff) or by the e-Government Unit's engineers for the first operator (`npm run admin`).
 */
export async function provisionStaff(
  deps: IdentityDeps & { agencyExists(agencyId: string): Promise<boolean> },
  request: CreateStaffRequest & { readonly temporaryPassword?: string },
) {
  if (request.agencyId && !(await deps.agencyExists(request.agencyId))) {
    throw new HttpError(422, 'unknown_agency', `No agency ${request.agencyId}`, { agencyId: request.agencyId });
  }
  if (await deps.directory.getSub(request.username)) {
    throw new Conflict('username_taken', `The username ${request.username} is taken`);
  }
  let created;
  try {
    created = await deps.directory.createUser({ username: request.username, email: request.email, phone: request.phone, group: request.role, temporaryPassword: request.temporaryPassword, agencyId: request.agencyId, serviceCentreId: request.serviceCentreId });
  } catch (error) {
    if (error instanceof UsernameTaken) {
      throw new Conflict('username_taken', `The username ${request.username} is taken`);
    }
    throw error;
  }
  await deps.store.putLink({
    sub: created.sub,
    username: request.username,
    role: request.role,
    ...(request.agencyId ? { agencyId: request.agencyId } : {}),
    ...(request.serviceCentreId ? { serviceCentreId: request.serviceCentreId } : {}),
    createdAt: deps.now().toISOString(),
  });
  return {
    username: request.username,
    role: request.role,
    ...(request.agencyId ? { agencyId: request.agencyId } : {}),
    ...(request.serviceCentreId ? { serviceCentreId: request.serviceCentreId } : {}),
    status: created.status,
  };
}

const ISSUER = 'Khidma';

function requireToken(accessToken: string | undefined): asserts accessToken is string {
  if (!accessToken) {
    throw new HttpError(401, 'unauthorized', 'A bearer token is required');
  }
}

/** Step 1 of MFA enrolment: a secret for the authenticator app, also as an otpauth:// URI for a QR code. */
export async function startTotpEnrolment(deps: IdentityDeps, principal: Principal, username: string, accessToken: string | undefined) {
  requireToken(accessToken);
  if (principal.mfaEnrolled && (await deps.directory.totpOn(accessToken))) {
    // A second association would replace the working secret; changing devices goes through an operator reset.
    // Staff who turned TOTP off through Cognito are refused every staff route until they enrol again, here.
    throw new Conflict('mfa_already_enrolled', 'An authenticator app is already enrolled for this account');
  }
  const secretCode = await deps.directory.associateTotp(accessToken);
  const label = encodeURIComponent(`${ISSUER}:${principal.role === 'citizen' ? 'citizen' : username}`);
  return { secretCode, otpauthUri: `otpauth://totp/${label}?secret=${secretCode}&issuer=${ISSUER}&algorithm=SHA1&digits=6&period=30` };
}

/** Step 2: the first code proves the app works; from now on every sign-in asks for a code. */
export async function finishTotpEnrolment(deps: IdentityDeps, principal: Principal, accessToken: string | undefined, code: string) {
  requireToken(accessToken);
  try {
    await deps.directory.enableTotp(accessToken, code);
  } catch (error) {
    if (error instanceof InvalidCode) {
      throw new BadRequest('invalid_code', 'The code is wrong or has expired; enter the current code from the authenticator app');
    }
    throw error;
  }
  await deps.store.markMfaEnrolled(principal.sub, deps.now().toISOString());
  return { mfaEnabled: true as const, method: 'SOFTWARE_TOKEN_MFA' as const };
}
