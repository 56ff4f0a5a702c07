import { decideTaskRoute } from '../../lib/catalogue/applications';
import { httpHandler } from '../shared/http';
import { scoped } from './context';
import { decideTask } from './domain/tasks';
import { taskDeps } from './task-deps';

export const handler = httpHandler(decideTaskRoute, async ({ params, body, caller, requestId }) => {
  const { principal } = await scoped(caller, requestId);
  const { taskToken: _token, delivered: _delivered, version: _version, decidedBy: _by, ...task } = await decideTask(
    taskDeps,
    principal,
    params.taskId,
    body.decision,
    body.note,
  );
  return { body: { ...task, overdue: false } };
});
