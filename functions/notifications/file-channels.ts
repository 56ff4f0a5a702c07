// The local cloud's email and SMS: one JSON line per message in <data>/outbox/email.jsonl and sms.jsonl.
// Fault switch, off by default: while <data>/outbox/email.fail or sms.fail exists, that channel fails every
// send (file empty) or the sends to the addresses it lists, one per line; delete the file to restore it.
// Retries wait on the local queue like on SQS, with a shorter first delay: people are watching.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import type { DeliveryChannels } from './channels';

export const LOCAL_RETRY_BASE_MS = 200;

export class ChannelUnavailable extends Error {
  override readonly name = 'ChannelUnavailable';
}

/** What the local queue offers a retry: a new visibility timeout for a message in flight. */
export interface VisibilityControl {
  changeVisibility(queueName: string, receiptHandle: string, ms: number): boolean;
}

export function fileDeliveryChannels(options: { readonly outboxDir: string; readonly queues: VisibilityControl; readonly retryBaseMs?: number }): DeliveryChannels {
  mkdirSync(options.outboxDir, { recursive: true });
  const write = async (channel: 'email' | 'sms', to: string, line: Record<string, unknown>) => {
    const switchFile = path.join(options.outboxDir, `${channel}.fail`);
    if (existsSync(switchFile)) {
      const failing = readFileSync(switchFile, 'utf8').split('\n').map((entry) => entry.trim()).filter(Boolean);
      if (failing.length === 0 || failing.includes(to)) {
        throw new ChannelUnavailable(`the local ${channel} channel is switched off (${channel}.fail)`);
      }
    }
    const messageId = randomUUID();
    await appendFile(path.join(options.outboxDir, `${channel}.jsonl`), `${JSON.stringify({ at: new Date().toISOString(), messageId, to, ...line })}\n`);
    return { messageId };
  };
  return {
    email: { send: ({ to, subject, body, language, reference }) => write('email', to, { subject, body, language, reference }) },
    sms: { send: ({ to, body, reference }) => write('sms', to, { body, reference }) },
    retry: {
      baseMs: options.retryBaseMs ?? LOCAL_RETRY_BASE_MS,
      async later({ queueArn, receiptHandle }, delayMs) {
        options.queues.changeVisibility(queueArn.split(':').at(-1)!, receiptHandle, delayMs);
      },
    },
  };
}
