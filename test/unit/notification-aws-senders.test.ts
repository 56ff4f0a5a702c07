// The AWS senders against mocked clients (SES and SNS have no local engine): what is sent, and how it fails.
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { sesEmail, sesEmailFromEnvironment } from '../../functions/notifications/ses-email';
import { snsSms, snsSmsFromEnvironment } from '../../functions/notifications/sns-sms';
import { sqsRetryFromEnvironment } from '../../functions/notifications/sqs-retry';
import { parseEnvironment } from '../../functions/shared/environment';

describe('AWS senders', () => {
  const ses = mockClient(SESv2Client);
  const sns = mockClient(SNSClient);
  afterEach(() => {
    ses.reset();
    sns.reset();
  });
  afterAll(() => {
    ses.restore();
  });

  it('send email with SES v2 as UTF-8 text, tagged with the notification', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-1' });
    const sent = await sesEmail(new SESv2Client({ region: 'me-central-1' }), { from: 'no-reply@khidma.gov.jo' }).send({
      to: 'omar@khidma.example',
      subject: 'تمت الموافقة',
      body: 'طلبك موافق عليه',
      language: 'ar',
      reference: '01JZ8Y3M6K2F4QW8N5T7V9X0AB.email',
    });
    expect(sent).toEqual({ messageId: 'ses-1' });
    expect(ses.commandCalls(SendEmailCommand)[0]!.args[0].input).toEqual({
      FromEmailAddress: 'no-reply@khidma.gov.jo',
      Destination: { ToAddresses: ['omar@khidma.example'] },
      Content: { Simple: { Subject: { Data: 'تمت الموافقة', Charset: 'UTF-8' }, Body: { Text: { Data: 'طلبك موافق عليه', Charset: 'UTF-8' } } } },
      EmailTags: [{ Name: 'notification', Value: '01JZ8Y3M6K2F4QW8N5T7V9X0AB_email' }],
    });
  });

  it('send SMS with SNS as transactional messages, with the sender id when one is registered', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'sns-1' });
    expect(await snsSms(new SNSClient({ region: 'me-central-1' }), { senderId: 'Khidma' }).send({ to: '+962791234567', body: 'خدمة: تم', reference: 'N.sms' })).toEqual({
      messageId: 'sns-1',
    });
    expect(sns.commandCalls(PublishCommand)[0]!.args[0].input).toEqual({
      PhoneNumber: '+962791234567',
      Message: 'خدمة: تم',
      MessageAttributes: {
        'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
        'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: 'Khidma' },
      },
    });
    sns.on(PublishCommand).rejects(Object.assign(new Error('Invalid parameter: PhoneNumber'), { name: 'InvalidParameterException' }));
    await expect(snsSms(new SNSClient({ region: 'me-central-1' })).send({ to: '+1', body: 'x', reference: 'N.sms' })).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });

  it('need a verified sender address for email, and fail at once without one; SMS and the backoff need nothing', () => {
    expect(() => sesEmailFromEnvironment(parseEnvironment({}))).toThrow('NOTIFICATIONS_FROM_EMAIL');
    expect(sesEmailFromEnvironment(parseEnvironment({ NOTIFICATIONS_FROM_EMAIL: 'no-reply@khidma.gov.jo', AWS_REGION: 'me-central-1' }))).toEqual({ send: expect.any(Function) });
    expect(snsSmsFromEnvironment(parseEnvironment({ AWS_REGION: 'me-central-1' }))).toEqual({ send: expect.any(Function) });
    expect(sqsRetryFromEnvironment(parseEnvironment({ AWS_REGION: 'me-central-1' })).baseMs).toBe(30_000);
    expect(sqsRetryFromEnvironment(parseEnvironment({ AWS_REGION: 'me-central-1', NOTIFICATIONS_RETRY_BASE_SECONDS: '5' })).baseMs).toBe(5_000);
  });
});
