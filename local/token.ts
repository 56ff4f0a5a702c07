// `npm run -s token -- <username> [--password P] [--client portal|mobile|kiosk] [--id]`: a user's token, alone on stdout, for curl.
// It signs in against the local cloud that `npm start` runs, whatever its ports: they are read from .local/cloud.json.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type AppClient, appClients } from '../lib/platform/identity';
import { readDemoTotpSecrets } from './cognito/demo-accounts';
import { signIn } from './cognito/sign-in';
import { demoPassword, demoUsers } from './demo-users';
import { LocalCloudError, readState } from './state';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const usage = [
  'usage: npm run -s token -- <username> [--password P] [--client portal|mobile|kiosk] [--id]',
  '  (demo users need no password; a user you signed up needs --password)',
  '  Finds the running local cloud and its ports in .local/cloud.json (KHIDMA_LOCAL_DIR=dir for another --data-dir).',
  '',
  'demo users:',
  ...demoUsers.map((user) => `  ${user.username.padEnd(18)} ${user.group.padEnd(10)} ${user.description}`),
].join('\n');

function parse(): { username: string; password: string; client: AppClient; id: boolean } | string | 'help' {
  try {
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: {
        client: { type: 'string', default: 'portal' },
        id: { type: 'boolean', default: false },
        password: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    if (values.help) {
      return 'help';
    }
    const [username, ...rest] = positionals;
    const client = appClients.find((candidate) => candidate === values.client);
    if (!username || rest.length > 0) {
      return 'give exactly one username';
    }
    if (!values.password && !demoUsers.some((user) => user.username === username)) {
      return `"${username}" is not a demo user: give --password`;
    }
    const password = values.password ?? demoPassword;
    return client ? { username, password, client, id: values.id } : `unknown client "${values.client}"`;
  } catch (error) {
    return (error as Error).message;
  }
}

async function main(): Promise<number> {
  const request = parse();
  if (request === 'help') {
    console.log(usage);
    return 0;
  }
  if (typeof request === 'string') {
    console.error(`${request}\n\n${usage}`);
    return 2;
  }
  try {
    const state = readState(path.resolve(process.env.KHIDMA_LOCAL_DIR ?? '.local'));
    const totpSecret = readDemoTotpSecrets(state.totpFile)[request.username];
    const tokens = await signIn(state.cognitoEndpoint, state.identity, request.username, request.password, request.client, totpSecret);
    console.log(request.id ? tokens.idToken : tokens.accessToken);
    return 0;
  } catch (error) {
    console.error(error instanceof LocalCloudError ? error.message : `could not sign ${request.username} in: ${(error as Error).message}`);
    return 1;
  }
}

void main().then((code) => {
  process.exitCode = code;
});
