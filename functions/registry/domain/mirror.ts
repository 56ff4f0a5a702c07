// Identity that survives a region's loss: every account of the active region's user pool is copied to the
// other region's pool, with an identity link of its own that carries the same registry subject, role and scope.
// Passwords and authenticator secrets cannot leave Cognito: the copy gets a password nobody knows (the first
// sign-in there resets it with a code sent to the verified contact) and staff enrol their authenticator again.
import type { Role } from '../../../lib/platform/identity';
import type { IdentityLink } from '../../shared/identity';

export interface AccountContacts {
  readonly email?: string;
  readonly phone?: string;
}

/** This region's pool: where the account's verified contacts are. */
export interface AccountSource {
  /** undefined: the account is gone (a lapsed sign-up was replaced). */
  getContacts(username: string): Promise<AccountContacts | undefined>;
}

/** The other region's pool. */
export interface MirrorDirectory {
  /** Creates the account if it is missing (contacts verified, no usable password, in its group); returns its sub. */
  ensureAccount(account: { readonly username: string; readonly group: Role } & AccountContacts): Promise<string>;
}

export interface MirrorLinkStore {
  getLink(sub: string): Promise<IdentityLink | undefined>;
  /** Writes (or replaces) the mirror's link. */
  putLink(link: IdentityLink): Promise<void>;
}

export interface MirrorDeps {
  readonly source: AccountSource;
  readonly target: MirrorDirectory;
  readonly store: MirrorLinkStore;
  readonly now: () => Date;
}

export type MirrorOutcome = 'mirrored' | 'not-an-original' | 'account-gone';

export async function mirrorIdentity(deps: MirrorDeps, link: IdentityLink): Promise<MirrorOutcome> {
  if (link.mirrorOf) {
    return 'not-an-original';
  }
  const contacts = await deps.source.getContacts(link.username);
  if (!contacts) {
    return 'account-gone';
  }
  const sub = await deps.target.ensureAccount({ username: link.username, group: link.role, ...contacts });
  const existing = await deps.store.getLink(sub);
  await deps.store.putLink({
    sub,
    username: link.username,
    role: link.role,
    ...(link.subject ? { subject: link.subject } : {}),
    ...(link.agencyId ? { agencyId: link.agencyId } : {}),
    ...(link.serviceCentreId ? { serviceCentreId: link.serviceCentreId } : {}),
    // An authenticator enrolled with the mirror (in an earlier failover) stays enrolled; the original's does not count.
    ...(existing?.mirrorOf === link.sub && existing.mfaEnrolled ? { mfaEnrolled: true } : {}),
    createdAt: existing?.createdAt ?? deps.now().toISOString(),
    mirrorOf: link.sub,
  });
  return 'mirrored';
}
