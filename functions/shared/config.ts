// Settings derived from the environment (functions/shared/environment.ts), worked out once per environment.
import { type Environment, environment } from './environment';

const channelsOf = new WeakMap<Environment, ReadonlyMap<string, string>>();

/** APP_CLIENTS="portal=<clientId>,mobile=<clientId>,kiosk=<clientId>" names the channel of each app client. */
export function appClientChannels(): ReadonlyMap<string, string> {
  const env = environment();
  let channels = channelsOf.get(env);
  if (!channels) {
    channels = new Map(
      env.APP_CLIENTS.split(',')
        .map((pair) => pair.split('=') as [string, string])
        .filter(([name, id]) => name && id)
        .map(([name, id]) => [id, name]),
    );
    channelsOf.set(env, channels);
  }
  return channels;
}
