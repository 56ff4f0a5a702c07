// SMS in AWS: SNS publishes straight to the phone number, as transactional messages (routed for delivery, not cost).
// SMS_SENDER_ID is optional (Jordanian carriers need it registered).
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { SmsSender } from './domain/ports';
import { type Environment, environment } from '../shared/environment';
import { traced } from '../shared/tracing';

export function snsSms(client: SNSClient, options: { readonly senderId?: string } = {}): SmsSender {
  return {
    async send({ to, body }) {
      const { MessageId } = await client.send(
        new PublishCommand({
          PhoneNumber: to,
          Message: body,
          MessageAttributes: {
            'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
            ...(options.senderId ? { 'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: options.senderId } } : {}),
          },
        }),
      );
      if (!MessageId) {
        throw new Error('SNS returned no message id');
      }
      return { messageId: MessageId };
    },
  };
}

export function snsSmsFromEnvironment(env: Environment = environment()): SmsSender {
  return snsSms(traced(new SNSClient({})), { senderId: env.SMS_SENDER_ID });
}
