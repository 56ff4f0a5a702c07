// On an application's approval: its document is created and signed, once (a redelivered event finds it issued).
import type { EventBridgeEvent } from 'aws-lambda';
import type { DomainEvent } from '../../schemas/applications';
import { documentDeps } from './deps';
import { issueDocument } from './domain/documents';

export async function handler(event: EventBridgeEvent<string, DomainEvent>): Promise<void> {
  await issueDocument(documentDeps, event.detail.applicationId);
}
