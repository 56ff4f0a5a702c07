// Which API domain a capability belongs to, read off the catalogue itself: the handler's area under functions/.
// Each domain is deployed as its own nested stack of the region's API stack (lib/stacks/api-stack.ts).
import type { Capability } from './types';

export const apiDomains = ['catalogue', 'identity', 'applications', 'uploads', 'engagement', 'platform'] as const;
export type ApiDomain = (typeof apiDomains)[number];

/** functions/<area>/... → domain. A new area fails synthesis until it is given a domain here. */
const domainOfArea: Readonly<Record<string, ApiDomain>> = {
  services: 'catalogue',
  registry: 'identity',
  applications: 'applications',
  notifications: 'engagement',
  feedback: 'engagement',
  complaints: 'engagement',
  openapi: 'platform',
  platform: 'platform',
  documents: 'applications',
  payments: 'applications',
  // Its own nested stack: the applications' is within a few capabilities of its resource headroom.
  uploads: 'uploads',
  operations: 'platform',
  kpis: 'engagement',
  consultations: 'platform',
};

export function domainOf(capability: Pick<Capability, 'id' | 'entry'>): ApiDomain {
  const area = /^functions\/([^/]+)\//.exec(capability.entry)?.[1];
  const domain = area === undefined ? undefined : domainOfArea[area];
  if (!domain) {
    throw new Error(`${capability.id}: no API domain for handler area "${area ?? capability.entry}" (lib/catalogue/domains.ts)`);
  }
  return domain;
}

/** The catalogue grouped by domain, in the order of `apiDomains`; domains without a capability are left out. */
export function capabilitiesByDomain<C extends Pick<Capability, 'id' | 'entry'>>(capabilities: readonly C[]): Map<ApiDomain, C[]> {
  const grouped = new Map<ApiDomain, C[]>();
  for (const domain of apiDomains) {
    const members = capabilities.filter((capability) => domainOf(capability) === domain);
    if (members.length > 0) {
      grouped.set(domain, members);
    }
  }
  return grouped;
}
