// Emails and SMS the local cloud's notification channels wrote (one JSON line each in <data>/outbox) while `run` ran.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const lines = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).length : 0);

export async function countNotifications(dataDir: string, run: () => Promise<void>): Promise<{ emails: number; sms: number }> {
  const email = path.join(dataDir, 'outbox', 'email.jsonl');
  const sms = path.join(dataDir, 'outbox', 'sms.jsonl');
  const before = { emails: lines(email), sms: lines(sms) };
  await run();
  return { emails: lines(email) - before.emails, sms: lines(sms) - before.sms };
}
