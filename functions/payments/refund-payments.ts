// On a rejection or cancellation: a paid fee is refunded, once.
import type { EventBridgeEvent } from 'aws-lambda';
import type { DomainEvent } from '../../schemas/applications';
import { paymentDeps } from './deps';
import { refundPayment } from './domain/payments';

export async function handler(event: EventBridgeEvent<string, DomainEvent>): Promise<void> {
  await refundPayment(paymentDeps, event.detail.applicationId);
}
