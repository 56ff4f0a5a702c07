// The email channel: SES in AWS (built on first use), or what the local cloud installs (see channels.ts).
import { adapterSlot } from '../shared/adapter-slot';
import type { EmailSender } from './domain/ports';

export const emailChannel = adapterSlot<EmailSender>(async () => (await import('./ses-email')).sesEmailFromEnvironment());
