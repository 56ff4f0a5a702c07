// The one place the delivery channels are chosen: SES, SNS and SQS in AWS, or what the local cloud installs at
// start (files under its data folder, and its queue).
import { adapterSlot } from '../shared/adapter-slot';
import type { EmailSender, SmsSender } from './domain/ports';

/** Puts a message that failed back on its queue after a delay (SQS: its visibility timeout), keeping its receive count. */
export interface RetryScheduler {
  /** The first retry's delay; each later one doubles it. */
  readonly baseMs: number;
  later(message: { readonly queueArn: string; readonly receiptHandle: string }, delayMs: number): Promise<void>;
}

export interface DeliveryChannels {
  readonly email: EmailSender;
  readonly sms: SmsSender;
  readonly retry: RetryScheduler;
}

const slot = adapterSlot<DeliveryChannels>(async () => (await import('./aws-channels')).awsDeliveryChannels());

export const installDeliveryChannels = slot.install;
export const deliveryChannels = slot.get;
