// On a rejection or cancellation: the application's remaining tasks leave the agencies' inboxes.
import type { EventBridgeEvent } from 'aws-lambda';
import type { DomainEvent } from '../../schemas/applications';
import { closeOpenTasks } from './domain/tasks';
import { taskDeps } from './task-deps';

export async function handler(event: EventBridgeEvent<string, DomainEvent>): Promise<void> {
  await closeOpenTasks(taskDeps, event.detail.applicationId);
}
