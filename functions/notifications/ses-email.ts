// Email in AWS: SES v2, plain text in UTF-8, tagged with the notification it delivers. NOTIFICATIONS_FROM_EMAIL
// is an SES-verified sender; SES_CONFIGURATION_SET is optional.
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import type { EmailSender } from './domain/ports';
import { type Environment, environment } from '../shared/environment';

/** SES tag values allow letters, digits, _ and - only. */
const tagValue = (value: string) => value.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 256);

export function sesEmail(client: SESv2Client, options: { readonly from: string; readonly configurationSet?: string }): EmailSender {
  return {
    async send({ to, subject, body, reference }) {
      const { MessageId } = await client.send(
        new SendEmailCommand({
          FromEmailAddress: options.from,
          Destination: { ToAddresses: [to] },
          Content: { Simple: { Subject: { Data: subject, Charset: 'UTF-8' }, Body: { Text: { Data: body, Charset: 'UTF-8' } } } },
          EmailTags: [{ Name: 'notification', Value: tagValue(reference) }],
          ...(options.configurationSet ? { ConfigurationSetName: options.configurationSet } : {}),
        }),
      );
      if (!MessageId) {
        throw new Error('SES returned no message id');
      }
      return { messageId: MessageId };
    },
  };
}

export function sesEmailFromEnvironment(env: Environment = environment()): EmailSender {
  const from = env.NOTIFICATIONS_FROM_EMAIL;
  if (!from) {
    throw new Error('NOTIFICATIONS_FROM_EMAIL is not set and no local email channel is installed');
  }
  return sesEmail(new SESv2Client({}), { from, configurationSet: env.SES_CONFIGURATION_SET });
}
