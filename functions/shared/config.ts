// The environment every function may read, parsed once.
let channels: ReadonlyMap<string, string> | undefined;

/** APP_CLIENTS="portal=<clientId>,mobile=<clientId>,kiosk=<clientId>" names the channel of each app client. */
export function appClientChannels(): ReadonlyMap<string, string> {
  channels ??= new Map(
    (process.env.APP_CLIENTS ?? '')
      .split(',')
      .map((pair) => pair.split('=') as [string, string])
      .filter(([name, id]) => name && id)
      .map(([name, id]) => [id, name]),
  );
  return channels;
}
