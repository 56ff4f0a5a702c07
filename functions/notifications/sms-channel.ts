// The SMS channel: SNS in AWS (built on first use), or what the local cloud installs (see channels.ts).
import { adapterSlot } from '../shared/adapter-slot';
import type { SmsSender } from './domain/ports';

export const smsChannel = adapterSlot<SmsSender>(async () => (await import('./sns-sms')).snsSmsFromEnvironment());
