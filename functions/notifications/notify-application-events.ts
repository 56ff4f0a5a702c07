// EventBridge rule target: notifies applicants and agencies of an application event, once per event id.
import type { EventBridgeEvent } from 'aws-lambda';
import { DomainEvent } from '../../schemas/applications';
import { dynamoApplications } from '../applications/dynamo-applications';
import { dynamo, requireTable } from '../shared/dynamo';
import { logger } from '../shared/logger';
import { applicationMessages } from './domain/messages';
import { notify } from './domain/notify';
import { agencyNames, logNotified, notifyDeps } from './notify-deps';
import { environment } from '../shared/environment';

const applications = dynamoApplications(dynamo, { applications: requireTable('applications'), idempotency: environment().tables.idempotency ?? 'unused' });

export async function handler(envelope: EventBridgeEvent<string, unknown>): Promise<void> {
  const parsed = DomainEvent.safeParse(envelope.detail);
  if (!parsed.success) {
    // No values logged: events may hold personal data. Retrying would not make it valid.
    logger.error('Invalid application event skipped', { id: envelope.id, detailType: envelope['detail-type'], invalidPaths: parsed.error.issues.map((issue) => issue.path.join('.')) });
    return;
  }
  const event = parsed.data;
  const application = await applications.get(event.applicationId);
  if (!application) {
    logger.error('Event of an unknown application skipped', { eventId: event.eventId, type: event.type });
    return;
  }
  const result = await notify(notifyDeps, event.eventId, applicationMessages(event, application, await agencyNames()));
  logNotified(event.eventId, event.type, result);
}
