import { provideInformationRoute } from '../../lib/catalogue/applications';
import { httpHandler } from '../shared/http';
import { applicationDeps } from './deps';
import { getApplication } from './domain/applications';
import { provideInformation } from './domain/tasks';
import { taskDeps } from './task-deps';

export const handler = httpHandler(provideInformationRoute, async ({ params, body, principal }) => {
  await provideInformation(taskDeps, principal, params.applicationId, body.answer);
  return { body: await getApplication(applicationDeps, principal, params.applicationId) };
});
