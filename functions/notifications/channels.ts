// The one place the delivery channels are chosen: SES, SNS and SQS in AWS, or what the local cloud installs at
// start (files under its data folder, and its queue). One slot per channel, each in its own module
// (email-channel.ts, sms-channel.ts, delivery-retry.ts): a delivery worker imports its own channel's slot only,
// so its bundle carries, and its cold start loads, one provider's SDK. Delivery handlers must not import this
// module (it reaches every channel); the local cloud does, to install them all.
import type { EmailSender, RetryScheduler, SmsSender } from './domain/ports';
import { deliveryRetry } from './delivery-retry';
import { emailChannel } from './email-channel';
import { smsChannel } from './sms-channel';

export interface DeliveryChannels {
  readonly email: EmailSender;
  readonly sms: SmsSender;
  readonly retry: RetryScheduler;
}

export function installDeliveryChannels(channels: DeliveryChannels): void {
  emailChannel.install(channels.email);
  smsChannel.install(channels.sms);
  deliveryRetry.install(channels.retry);
}
