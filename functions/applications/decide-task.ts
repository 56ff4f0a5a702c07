import { decideTaskRoute } from '../../lib/catalogue/applications';
import { httpHandler } from '../shared/http';
import { decideTask } from './domain/tasks';
import { taskDeps } from './task-deps';

export const handler = httpHandler(decideTaskRoute, async ({ params, body, principal }) => {
  const { taskToken: _token, delivered: _delivered, version: _version, decidedBy: _by, ...task } = await decideTask(
    taskDeps,
    principal,
    params.taskId,
    body.decision,
    body.note,
  );
  return { body: { ...task, overdue: false } };
});
