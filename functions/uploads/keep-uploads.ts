// On a submission (ApplicationSubmitted): the application's uploaded documents are tagged submitted, so the
// bucket's lifecycle, which removes uploads left pending, keeps them.
import type { EventBridgeEvent } from 'aws-lambda';
import type { DomainEvent } from '../../schemas/applications';
import { dynamoApplications } from '../applications/dynamo-applications';
import { dynamo, requireTable } from '../shared/dynamo';
import { keepUploads } from './domain/uploads';
import { objectStorage } from './storage';

const applications = dynamoApplications(dynamo, {
  applications: requireTable('applications'),
  get idempotency() {
    return requireTable('idempotency');
  },
});

export async function handler(event: EventBridgeEvent<string, DomainEvent>): Promise<void> {
  await keepUploads({ applications, storage: objectStorage }, event.detail.applicationId);
}
