// The delivery channels in AWS. NOTIFICATIONS_FROM_EMAIL is an SES-verified sender; SMS_SENDER_ID is optional
// (Jordanian carriers need it registered); NOTIFICATIONS_RETRY_BASE_SECONDS is the first retry's delay.
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import type { DeliveryChannels } from './channels';
import { sesEmail } from './ses-email';
import { snsSms } from './sns-sms';
import { sqsRetry } from './sqs-retry';

export function awsDeliveryChannels(env: NodeJS.ProcessEnv = process.env): DeliveryChannels {
  const from = env.NOTIFICATIONS_FROM_EMAIL;
  if (!from) {
    throw new Error('NOTIFICATIONS_FROM_EMAIL is not set and no local channels are installed');
  }
  return {
    email: sesEmail(new SESv2Client({}), { from, configurationSet: env.SES_CONFIGURATION_SET }),
    sms: snsSms(new SNSClient({}), { senderId: env.SMS_SENDER_ID }),
    retry: sqsRetry(undefined, Number(env.NOTIFICATIONS_RETRY_BASE_SECONDS ?? '30') * 1000),
  };
}
