// The registry handlers' shared steps: the caller's scope from their identity link, and the request's channel.
import type { Caller } from '../shared/auth';
import type { Principal } from './domain/access';
import { type RequestContext, resolvePrincipal } from './domain/registry';
import { registryDeps } from './deps';

/** APP_CLIENTS="portal=<clientId>,mobile=<clientId>,kiosk=<clientId>" names the channel of each app client. */
const clientChannels = new Map(
  (process.env.APP_CLIENTS ?? '')
    .split(',')
    .map((pair) => pair.split('=') as [string, string])
    .filter(([name, id]) => name && id)
    .map(([name, id]) => [id, name]),
);

export function channelOf(caller: Caller | undefined, principal?: Principal): string | undefined {
  if (principal?.role === 'frontline') {
    return 'service-centre';
  }
  return caller?.clientId ? (clientChannels.get(caller.clientId) ?? 'api') : undefined;
}

export async function scoped(
  caller: Caller,
  requestId: string,
  options: { allowWithoutMfa?: boolean } = {},
): Promise<{ principal: Principal; context: RequestContext }> {
  const principal = await resolvePrincipal(registryDeps, caller, options);
  return { principal, context: { requestId, channel: channelOf(caller, principal) } };
}
