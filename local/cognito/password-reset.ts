// A first sign-in in the other region (README, Disaster recovery): the mirrored account has no password anyone
// knows, so its owner asks for a code (sent to the verified contact: here the emulator's outbox) and sets one.
import { existsSync, readFileSync } from 'node:fs';
import { ConfirmForgotPasswordCommand, ForgotPasswordCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { AppClient } from '../../lib/platform/identity';
import { identityProvider } from './client';
import type { LocalIdentity } from './pool';

/** The codes the emulator sent this user, oldest first, from its outbox file (cognito-messages.jsonl). */
export function codesFor(outboxFile: string, username: string): string[] {
  if (!existsSync(outboxFile)) {
    return [];
  }
  const lines = readFileSync(outboxFile, 'utf8').trim().split('\n').filter(Boolean);
  const messages = lines.map((line) => JSON.parse(line) as { username: string; code?: string });
  return messages.filter((message) => message.username.toLowerCase() === username.toLowerCase() && message.code).map((message) => message.code!);
}

/** Forgot password, the code from the outbox, a new password: the account can then sign in with it. */
export async function resetPassword(
  pool: { readonly endpoint: string; readonly identity: LocalIdentity; readonly outboxFile: string },
  username: string,
  newPassword: string,
  client: AppClient = 'portal',
): Promise<void> {
  const { identity, outboxFile } = pool;
  const idp = identityProvider(pool.endpoint);
  const before = codesFor(outboxFile, username).length;
  await idp.send(new ForgotPasswordCommand({ ClientId: identity.clients[client], Username: username }));
  const codes = codesFor(outboxFile, username);
  const code = codes.at(-1);
  if (!code || codes.length === before) {
    throw new Error(`no reset code was sent to ${username}`);
  }
  await idp.send(new ConfirmForgotPasswordCommand({ ClientId: identity.clients[client], Username: username, ConfirmationCode: code, Password: newPassword }));
}
