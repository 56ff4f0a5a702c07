// Identity links are read on every authenticated request. A settled link (a citizen's or resident's, or a staff
// member's once they enrolled their authenticator) never changes afterwards — the store has no way to change or
// delete one — so a warm function keeps it instead of reading it again. Unsettled links (staff before TOTP
// enrolment) are always read, so an enrolment takes effect on the next request. A feature that changes or removes
// a settled link (unlinking, a role change) must give this cache a bound or a way to forget. (Sign-up releases
// only the links of accounts never confirmed: they never had a token, so no function ever read their link.)
import { type Role, staffRoles } from '../../lib/platform/identity';
import type { IdentityLink, LinkReader } from './identity';

const MAX_ENTRIES = 10_000;

const settled = (link: IdentityLink) => !(staffRoles as readonly Role[]).includes(link.role) || Boolean(link.mfaEnrolled);

export function withLinkCache<S extends LinkReader>(store: S, maxEntries = MAX_ENTRIES): S {
  const links = new Map<string, IdentityLink>();
  return {
    ...store,
    async getLink(sub: string) {
      const cached = links.get(sub);
      if (cached) {
        return cached;
      }
      const link = await store.getLink(sub);
      if (link && settled(link)) {
        if (links.size >= maxEntries) {
          // Oldest first out (a Map iterates in insertion order).
          links.delete(links.keys().next().value!);
        }
        links.set(sub, link);
      }
      return link;
    },
  };
}
