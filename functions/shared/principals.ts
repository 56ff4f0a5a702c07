// The HTTP pipeline's caller resolution: the route's principal need, the caller's identity link (cached while
// settled), and the channel the request came through.
import type { Caller } from './auth';
import { appClientChannels } from './config';
import { dynamo, requireTable } from './dynamo';
import { dynamoIdentityLinks } from './dynamo-identity-links';
import { channelOf, type Principal, type PrincipalNeed, type RequestContext, resolvePrincipal } from './identity';
import { withLinkCache } from './link-cache';
import { cognitoEndpoint, cognitoMfaStatus } from './mfa-status';

export interface CallerScope {
  readonly principal?: Principal;
  readonly context: RequestContext;
}

export type PrincipalResolver = (need: PrincipalNeed | undefined, caller: Caller | undefined, requestId: string) => Promise<CallerScope>;

const links = { store: withLinkCache(dynamoIdentityLinks(dynamo, () => requireTable('registry'))), mfa: cognitoMfaStatus(cognitoEndpoint) };

export const linkedPrincipals: PrincipalResolver = async (need, caller, requestId) => {
  const principal = need && caller ? await resolvePrincipal(links, caller, { allowWithoutMfa: need === 'enrolling' }) : undefined;
  return { principal, context: { requestId, channel: channelOf(caller, principal, appClientChannels()) } };
};
