// Sign-up of citizens and residents, in three steps that each hold only the rights they need:
//   1. the public route (POST /v1/auth/sign-up) checks the details against the registry for a clear answer and asks
//      Cognito for the account; it can read the registry and remove a lapsed, never-confirmed account, nothing more;
//   2. Cognito's pre sign-up trigger checks the same details again (the pool is public: nobody gets an account
//      without them, whoever calls it), keeps the code on the registry's contacts, and claims the record;
//   3. the post confirmation trigger, once the code came back, writes the identity link (always a citizen's) and
//      puts the account in the citizen group.
import { ammanDate } from '../../shared/amman-time';
import type { RecordKind } from '../../../schemas/registry';
import { BadRequest, Conflict, HttpError } from '../../shared/errors';
import { type IdentityDeps, type SignUpProof, SignUpRefused, UsernameTaken } from './identity';
import { AlreadyExists, type RegistryDeps, type StoredRecord, subjectOf } from './ports';

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

/** A sign-up not confirmed within this many hours lapses: the next sign-up with the same proof replaces it. */
export const UNCONFIRMED_CLAIM_HOURS = 24;

const NOT_MATCHED = new HttpError(
  422,
  'identity_not_verified',
  'These details do not match a registry record: check the number, the date of birth and the ID card or passport number',
);

const ALREADY_REGISTERED = new Conflict(
  'already_registered',
  `An account already exists for this person; sign in, or reset the password. A sign-up never confirmed lapses after ${UNCONFIRMED_CLAIM_HOURS} hours.`,
);

/** The registry record the details prove, or the 422 that says they do not (the same answer whatever is wrong). */
async function provenRecord(deps: RegistryDeps, recordId: string, proof: SignUpProof): Promise<StoredRecord> {
  const record = await deps.store.getRecord(proof.kind, recordId);
  const document = proof.kind === 'persons' ? record?.data.idCardNumber : record?.data.passportNumber;
  if (!record || record.data.dateOfBirth !== proof.dateOfBirth || document !== proof.documentNumber) {
    throw NOT_MATCHED;
  }
  if (proof.kind === 'residents' && String(record.data.permitValidUntil) < ammanDate(deps.now())) {
    throw new HttpError(422, 'permit_expired', 'The residence permit has expired; renew it before signing up');
  }
  return record;
}

/** The contacts the code goes to: the registry's, not whoever typed the details in (all printed on the card). */
function contactsOf(record: StoredRecord, typed: { email: string; phone: string }) {
  return {
    email: typeof record.data.email === 'string' ? record.data.email : typed.email,
    phone: typeof record.data.phone === 'string' ? record.data.phone : typed.phone,
  };
}

/**
 * Step 1. A citizen (national number + ID card number) or resident (permit number + passport number) proves who
 * they are against the registry record, then gets an account whose username is that number.
 */
export async function signUp(deps: IdentityDeps, request: SignUpRequest) {
  if (Boolean(request.nationalNumber) === Boolean(request.permitNumber)) {
    throw new BadRequest('identifier_required', 'Give exactly one of nationalNumber (citizens) or permitNumber (residents)');
  }
  const kind: RecordKind = request.nationalNumber ? 'persons' : 'residents';
  const recordId = (request.nationalNumber ?? request.permitNumber)!;
  const proof: SignUpProof = { kind, documentNumber: request.documentNumber, dateOfBirth: request.dateOfBirth };
  const record = await provenRecord(deps, recordId, proof);
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
  const user = { username: recordId, password: request.password, ...contactsOf(record, request), locale: request.preferredLanguage, proof };
  let result;
  try {
    result = await signUpOnce(deps, user);
  } catch (error) {
    if (!(error instanceof UsernameTaken)) {
      throw error;
    }
    // An account with no claim on the record (one made before the triggers guarded the pool): replaced unless confirmed.
    if ((await deps.directory.isConfirmed(recordId)) === true) {
      throw ALREADY_REGISTERED;
    }
    await deps.directory.deleteUser(recordId);
    result = await signUpOnce(deps, user);
  }
  return { username: recordId, confirmed: result.confirmed, ...(result.delivery ? { codeDelivery: result.delivery } : {}) };
}

const refusals: Record<string, HttpError> = {
  already_registered: ALREADY_REGISTERED,
  identity_not_verified: NOT_MATCHED,
};

async function signUpOnce(deps: IdentityDeps, user: Parameters<IdentityDeps['directory']['signUp']>[0]) {
  try {
    return await deps.directory.signUp(user);
  } catch (error) {
    if (error instanceof SignUpRefused) {
      // The trigger saw what this function saw a moment before: only a race (a confirmation in between) differs.
      throw refusals[error.code] ?? new HttpError(422, 'identity_not_verified', NOT_MATCHED.message);
    }
    throw error;
  }
}

/**
 * Refuses a sign-up for a record whose account is confirmed, or claimed less than a day ago by an account that
 * still exists; removes the account of a claim never confirmed after that, so nobody can hold a person's account
 * hostage. (A claim whose account is gone is replaced by the pre sign-up trigger.)
 */
async function releaseLapsedClaim(deps: IdentityDeps, kind: RecordKind, recordId: string): Promise<void> {
  const claim = await deps.store.getClaim(kind, recordId);
  if (!claim) {
    return;
  }
  if (claim.confirmed) {
    throw ALREADY_REGISTERED;
  }
  const accountState = await deps.directory.isConfirmed(recordId);
  if (accountState === undefined) {
    return;
  }
  const lapsed = Date.parse(claim.createdAt) + UNCONFIRMED_CLAIM_HOURS * 3_600_000 <= deps.now().getTime();
  if (!lapsed) {
    throw ALREADY_REGISTERED;
  }
  await deps.directory.deleteUser(recordId);
  await deps.store.appendAudit({
    subject: subjectOf(kind, recordId),
    action: 'identity.unlink',
    at: deps.now().toISOString(),
    actor: { id: recordId, role: 'citizen' },
    fields: [],
    purpose: `sign-up not confirmed within ${UNCONFIRMED_CLAIM_HOURS} hours`,
  });
}

/** What Cognito tells the pre sign-up trigger, without its event's shape. */
export interface SignUpAttempt {
  /** `admin` for accounts administrators create (staff, the other region's mirror): IAM already decided those. */
  readonly source: 'self' | 'admin' | 'other';
  readonly username: string;
  readonly email?: string;
  readonly phone?: string;
  readonly metadata: Readonly<Record<string, string>>;
}

/** The kinds of record a person signs up with (a business is represented, never signed up as). */
const recordKinds = ['persons', 'residents'] as const;

function proofOf(metadata: Readonly<Record<string, string>>): SignUpProof | undefined {
  const kind = recordKinds.find((candidate) => candidate === metadata.kind);
  return kind ? { kind, documentNumber: metadata.documentNumber ?? '', dateOfBirth: metadata.dateOfBirth ?? '' } : undefined;
}

/**
 * Step 2, the pre sign-up check. Throws SignUpRefused (its code tells the route what to answer) unless the proof
 * matches the record named by the username, the contacts are the registry's, and the record has no confirmed account.
 */
export async function checkSignUp(deps: RegistryDeps, attempt: SignUpAttempt): Promise<void> {
  if (attempt.source === 'admin') {
    return;
  }
  const proof = attempt.source === 'self' ? proofOf(attempt.metadata) : undefined;
  if (!proof) {
    throw new SignUpRefused('identity_not_verified');
  }
  const record = await provenRecord(deps, attempt.username, proof).catch((error: unknown) => {
    throw new SignUpRefused(error instanceof HttpError ? error.code : 'identity_not_verified');
  });
  const contacts = contactsOf(record, { email: attempt.email ?? '', phone: attempt.phone ?? '' });
  if (contacts.email !== attempt.email || contacts.phone !== attempt.phone) {
    throw new SignUpRefused('identity_not_verified');
  }
  try {
    await deps.store.claimRecord(proof.kind, attempt.username, deps.now().toISOString());
  } catch (error) {
    throw error instanceof AlreadyExists ? new SignUpRefused('already_registered') : error;
  }
}

/** Puts a confirmed citizen's account in the citizen group (the only group this step can name). */
export interface CitizenGroup {
  add(userPoolId: string, username: string): Promise<void>;
}

/**
 * Step 3, after confirmation: the claim becomes the account's, the identity link (role citizen, subject the record)
 * is written with it, the subject's audit trail says so, and the account joins the citizen group. Idempotent: a
 * retried trigger finds the link written and only repeats the (idempotent) group membership.
 */
export async function linkConfirmedAccount(deps: RegistryDeps & { readonly group: CitizenGroup }, account: { userPoolId: string; username: string; sub: string }): Promise<void> {
  const claims = await Promise.all(recordKinds.map(async (kind) => ({ kind, claim: await deps.store.getClaim(kind, account.username) })));
  const claimed = claims.find(({ claim }) => claim && (!claim.confirmed || claim.sub === account.sub));
  if (!claimed) {
    throw new Error(`no sign-up claim for ${account.username}`);
  }
  const link = { sub: account.sub, username: account.username, role: 'citizen' as const, subject: { kind: claimed.kind, recordId: account.username }, createdAt: deps.now().toISOString() };
  if (await deps.store.confirmClaim(link)) {
    await deps.store.appendAudit({
      subject: subjectOf(claimed.kind, account.username),
      action: 'identity.link',
      at: link.createdAt,
      actor: { id: account.sub, role: 'citizen' },
      fields: [claimed.kind === 'persons' ? 'nationalNumber' : 'permitNumber', 'dateOfBirth', claimed.kind === 'persons' ? 'idCardNumber' : 'passportNumber'],
      purpose: 'account sign-up',
    });
  }
  await deps.group.add(account.userPoolId, account.username);
}
