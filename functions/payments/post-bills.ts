// On submission: a fee due before issue is posted to the provider as a bill.
import type { EventBridgeEvent } from 'aws-lambda';
import type { DomainEvent } from '../../schemas/applications';
import { dynamoApplications } from '../applications/dynamo-applications';
import { dynamo, requireTable } from '../shared/dynamo';
import { postBill } from './domain/payments';
import { billProvider } from './provider';

const applications = dynamoApplications(dynamo, {
  applications: requireTable('applications'),
  get idempotency() {
    return requireTable('idempotency');
  },
});

export async function handler(event: EventBridgeEvent<string, DomainEvent>): Promise<void> {
  await postBill({ applications: { get: (id) => applications.get(id), update: async () => undefined, releaseAwaitingPayment: async () => undefined }, provider: billProvider }, event.detail.applicationId);
}
