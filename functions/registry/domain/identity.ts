// Accounts: the user directory port, confirming a sign-up (sign-up itself: sign-up.ts), staff accounts created by
// operators, TOTP enrolment. The identity link (Cognito sub → role and scope), written for staff here and for
// citizens by the post confirmation trigger, is what every scoped route trusts.
import type { Role } from '../../../lib/platform/identity';
import type { RecordKind } from '../../../schemas/registry';
import { type AttemptCounter, spendAttempt } from '../../shared/attempts';
import { BadRequest, Conflict, HttpError, TooManyRequests } from '../../shared/errors';
import type { Principal } from '../../shared/identity';
import type { RegistryDeps } from './ports';

export interface CodeDelivery {
  readonly medium: string;
  readonly destination: string;
}

/** The user directory (Cognito in AWS, cognito-local here). */
export interface UserDirectory {
  /** Self-service sign-up; UsernameTaken when the username exists. */
  /**
   * Self-service sign-up, as the public app client does it. `proof` reaches the pre sign-up trigger, which checks it
   * against the registry again (SignUpRefused with its code when it refuses): the pool takes no account without it.
   */
  signUp(user: { username: string; password: string; email: string; phone: string; locale?: string; proof: SignUpProof }): Promise<{ sub: string; confirmed: boolean; delivery?: CodeDelivery }>;
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
/** The pre sign-up trigger refused the sign-up; `code` is its reason (an error code of the sign-up route). */
export class SignUpRefused extends Error {
  constructor(readonly code: string) {
    super(`sign-up refused: ${code}`);
  }
}

/** What the person typed to prove who they are, handed to the pre sign-up trigger (Cognito's ClientMetadata). */
export interface SignUpProof {
  readonly kind: RecordKind;
  readonly documentNumber: string;
  readonly dateOfBirth: string;
}

export interface IdentityDeps extends RegistryDeps {
  readonly directory: UserDirectory;
  readonly attempts: AttemptCounter;
}

/** Confirmation codes one username may try before it is locked out for the rest of the window. */
export const confirmationLockout = { limit: 5, windowSeconds: 900 } as const;

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
