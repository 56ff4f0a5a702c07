// `npm run -s totp -- <staff username>`: the current authenticator code of a demo staff user, for signing in to the
// portal as an officer or operator (the demo staff's TOTP secrets are in the local cloud's data folder).
import path from 'node:path';
import { readDemoTotpSecrets } from './cognito/demo-accounts';
import { totpCode } from './cognito/sign-in';
import { LocalCloudError, readState } from './state';

const username = process.argv[2];
try {
  const state = readState(path.resolve(process.env.KHIDMA_LOCAL_DIR ?? '.local'));
  const secret = username ? readDemoTotpSecrets(state.totpFile)[username] : undefined;
  if (!secret) {
    console.error(`usage: npm run -s totp -- <demo staff username>, one of: ${Object.keys(readDemoTotpSecrets(state.totpFile)).join(', ')}`);
    process.exitCode = 2;
  } else {
    console.log(totpCode(secret));
  }
} catch (error) {
  console.error(error instanceof LocalCloudError ? error.message : (error as Error).message);
  process.exitCode = 1;
}
