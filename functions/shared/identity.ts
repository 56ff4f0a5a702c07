// Who is calling, as every area knows them: the identity link to the national registry gives a token its scope.
// Resolved once per request by the HTTP pipeline (functions/shared/http.ts) from the route's `principal` need.
import { type Role, staffRoles } from '../../lib/platform/identity';
import { HttpError } from './errors';
import type { MfaStatus } from './mfa-status';

/** The caller as the platform knows them: the token's role plus the scope their identity link gives. */
export interface Principal {
  readonly sub: string;
  readonly role: Role;
  /** Citizens and residents: their own registry record. */
  readonly subject?: { readonly kind: 'persons' | 'residents'; readonly recordId: string };
  readonly agencyId?: string;
  readonly serviceCentreId?: string;
  readonly mfaEnrolled?: boolean;
  /** A mirrored account (the other region's copy, README "Disaster recovery"): the sub of the account it copies. */
  readonly originSub?: string;
}

/**
 * The account as every region knows it: its original's sub. Idempotency keys are scoped by it, so a client that
 * replays a key in the DR region after a failover gets the application the primary made, not a second one.
 */
export const accountOf = (principal: Pick<Principal, 'sub' | 'originSub'>): string => principal.originSub ?? principal.sub;

/** A registry record an application, a consent or a document is about: a person, a resident, or a business. */
export interface RegistrySubject {
  readonly kind: 'persons' | 'residents' | 'businesses';
  readonly recordId: string;
}

/** Where a request came from, for the audit trail. */
export interface RequestContext {
  readonly requestId?: string;
  readonly channel?: string;
}

/** Who a Cognito account is, as far as the registry is concerned; written only by sign-up and staff creation. */
export interface IdentityLink {
  readonly sub: string;
  readonly username: string;
  readonly role: Role;
  readonly subject?: Principal['subject'];
  readonly agencyId?: string;
  readonly serviceCentreId?: string;
  /** Staff must enrol a TOTP authenticator before any staff route serves them. */
  readonly mfaEnrolled?: boolean;
  readonly createdAt: string;
  /**
   * A copy in the other region's user pool (README, Disaster recovery): the sub of the account it mirrors. The
   * mirror's own authenticator is enrolled in its own pool, so `mfaEnrolled` is never copied.
   */
  readonly mirrorOf?: string;
}

export interface LinkReader {
  getLink(sub: string): Promise<IdentityLink | undefined>;
}

/** What a route needs to know of its caller beyond the token: `enrolling` lets staff in before MFA enrolment. */
export type PrincipalNeed = 'linked' | 'enrolling';

/**
 * The caller's scope. Callers without a link, or a link of another role, are refused: the link is the
 * authority. Staff who have not enrolled MFA are refused everything but the enrolment itself.
 */
export async function resolvePrincipal(
  deps: { readonly store: LinkReader; readonly mfa?: MfaStatus },
  caller: { sub: string; groups: readonly Role[]; accessToken?: string },
  options: { allowWithoutMfa?: boolean } = {},
): Promise<Principal> {
  const link = await deps.store.getLink(caller.sub);
  if (!link || !caller.groups.includes(link.role)) {
    throw new HttpError(403, 'account_not_linked', 'This account is not linked to the national registry; sign up through Khidma or ask an operator');
  }
  if ((staffRoles as readonly Role[]).includes(link.role) && !options.allowWithoutMfa) {
    await requireStaffMfa(link, caller.accessToken, deps.mfa);
  }
  return {
    sub: link.sub,
    role: link.role,
    ...(link.subject ? { subject: link.subject } : {}),
    ...(link.agencyId ? { agencyId: link.agencyId } : {}),
    ...(link.serviceCentreId ? { serviceCentreId: link.serviceCentreId } : {}),
    ...(link.mfaEnrolled ? { mfaEnrolled: true } : {}),
    ...(link.mirrorOf ? { originSub: link.mirrorOf } : {}),
  };
}

/**
 * Staff must have enrolled TOTP, and still have it on: Cognito lets any user turn MFA off with their own token
 * (SetUserMFAPreference), so enrolment once is not enough and Cognito is asked at each call.
 */
async function requireStaffMfa(link: IdentityLink, accessToken: string | undefined, mfa: MfaStatus | undefined): Promise<void> {
  if (!link.mfaEnrolled) {
    throw new HttpError(403, 'mfa_enrolment_required', 'Staff accounts must enrol an authenticator app first: POST /v1/me/mfa/totp, then POST /v1/me/mfa/totp/verify');
  }
  if (mfa && !(accessToken && (await mfa.totpOn(accessToken)))) {
    throw new HttpError(
      403,
      'mfa_enrolment_required',
      'The authenticator app was turned off for this staff account; staff routes stay closed until it is enrolled again: POST /v1/me/mfa/totp, then POST /v1/me/mfa/totp/verify',
      { reason: 'totp_turned_off' },
    );
  }
}

/** The channel a request came through: a service centre for frontline staff, else the app client's name. */
export function channelOf(
  caller: { readonly clientId?: string } | undefined,
  principal: Pick<Principal, 'role'> | undefined,
  clientChannels: ReadonlyMap<string, string>,
): string | undefined {
  if (principal?.role === 'frontline') {
    return 'service-centre';
  }
  return caller?.clientId ? (clientChannels.get(caller.clientId) ?? 'api') : undefined;
}
