// The HTTP pipeline's caller resolution: the route's principal need, the caller's identity link (cached while
// settled), and the channel the request came through.
import type { Caller } from './auth';
import { appClientChannels } from './config';
import { channelOf, type LinkReader, type Principal, type PrincipalNeed, type RequestContext, resolvePrincipal } from './identity';
import { withLinkCache } from './link-cache';

export interface CallerScope {
  readonly principal?: Principal;
  readonly context: RequestContext;
}

export type PrincipalResolver = (need: PrincipalNeed | undefined, caller: Caller | undefined, requestId: string) => Promise<CallerScope>;

let links: Promise<{ store: LinkReader }> | undefined;

/** Loaded on the first request that needs a principal: public routes (the OpenAPI document) never load DynamoDB. */
async function identityLinks(): Promise<{ store: LinkReader }> {
  links ??= Promise.all([import('./dynamo'), import('./dynamo-identity-links')]).then(([{ dynamo, requireTable }, { dynamoIdentityLinks }]) => ({
    store: withLinkCache(dynamoIdentityLinks(dynamo, () => requireTable('registry'))),
  }));
  return links;
}

export const linkedPrincipals: PrincipalResolver = async (need, caller, requestId) => {
  const principal = need && caller ? await resolvePrincipal(await identityLinks(), caller, { allowWithoutMfa: need === 'enrolling' }) : undefined;
  return { principal, context: { requestId, channel: channelOf(caller, principal, appClientChannels()) } };
};
