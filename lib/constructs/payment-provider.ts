// The stage's bill-presentment provider as CDK sees it: its API's URL (from the stage config) and the secret its
// payment notifications are signed with, which the deployment creates and operators set to the provider's key.
import { type RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { PaymentProviderBinding } from './capability-function';

export function paymentProvider(scope: Construct, stage: string, url: string, removalPolicy?: RemovalPolicy): PaymentProviderBinding {
  const notificationSecret = new Secret(scope, 'PaymentNotificationSecret', {
    // Named, so operators find it in both regions (the DR region's deployment makes its own: set both to the provider's key).
    secretName: `khidma/${stage}/payment-notification-secret`,
    description: `Khidma ${stage}: the key the bill-presentment provider signs payment notifications with (set it to the provider's key)`,
    generateSecretString: { passwordLength: 64, excludePunctuation: true },
    removalPolicy,
  });
  Validations.of(notificationSecret).acknowledge({
    id: 'AwsSolutions-SMG4',
    reason: "The provider issues the shared key: it is rotated with the provider's key change, not by a rotation Lambda; the notification route rereads it every five minutes",
  });
  return { url, notificationSecret };
}
