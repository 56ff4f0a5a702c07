// Wiring of the agency-task adapters (module scope: once per cold start).
import { dynamo, requireTable } from '../shared/dynamo';
import { workingCalendar } from '../services/calendar-source';
import { workflowEngine } from '../workflow/engine';
import type { TaskDeps } from './domain/tasks';
import { dynamoApplications } from './dynamo-applications';
import { dynamoTasks } from './dynamo-tasks';

export const taskDeps: TaskDeps = {
  tasks: dynamoTasks(dynamo, requireTable('applications')),
  applications: dynamoApplications(dynamo, {
    applications: requireTable('applications'),
    get idempotency() {
      return requireTable('idempotency');
    },
  }),
  workflow: workflowEngine,
  calendar: workingCalendar,
  now: () => new Date(),
};
