// The caller, as the API Gateway JWT authorizer (or the local gateway) verified it, checked against the route's roles.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { RouteContract } from '../../lib/catalogue/types';
import { roles, type Role } from '../../lib/platform/identity';
import { Forbidden, Unauthorized } from './errors';

export interface Caller {
  readonly sub: string;
  readonly username: string;
  readonly groups: readonly Role[];
  readonly clientId?: string;
  readonly tokenUse: string;
  /** The bearer token itself (staff calls ask Cognito with it whether their MFA is still on). */
  readonly accessToken?: string;
}

type Claims = Record<string, string | number | boolean | string[]>;

export function authorize(route: RouteContract, event: APIGatewayProxyEventV2): Caller | undefined {
  const caller = callerFrom(event);
  if (route.access === 'public') {
    return caller;
  }
  if (!caller) {
    throw new Unauthorized();
  }
  if (caller.tokenUse !== 'access') {
    throw new Unauthorized('An access token is required, not an ID token');
  }
  if (!caller.groups.some((group) => route.access.includes(group))) {
    throw new Forbidden(`This operation is for: ${route.access.join(', ')}`, { requiredRoles: route.access });
  }
  return caller;
}

function callerFrom(event: APIGatewayProxyEventV2): Caller | undefined {
  const context = event.requestContext as { authorizer?: { jwt?: { claims?: Claims } } };
  const claims = context.authorizer?.jwt?.claims;
  if (!claims || typeof claims.sub !== 'string') {
    return undefined;
  }
  return {
    sub: claims.sub,
    username: String(claims.username ?? claims['cognito:username'] ?? claims.sub),
    groups: parseGroups(claims['cognito:groups']),
    clientId: typeof claims.client_id === 'string' ? claims.client_id : undefined,
    tokenUse: String(claims.token_use ?? ''),
    // With or without the Bearer prefix, as the HTTP API's JWT authorizer accepts it.
    accessToken: /^(?:Bearer\s+)?(\S+)$/i.exec(event.headers?.authorization ?? '')?.[1],
  };
}

/** HTTP API flattens array claims to "[a b]"; accept that and a real array. */
export function parseGroups(value: unknown): Role[] {
  const list = Array.isArray(value)
    ? value.map(String)
    : typeof value === 'string'
      ? value.replace(/^\[|\]$/g, '').split(/[\s,]+/)
      : [];
  return list.filter((group): group is Role => (roles as readonly string[]).includes(group));
}
