// The workflow's last task: every step was approved, so the application is approved and its document issued.
import { completeApplication } from '../applications/domain/tasks';
import { taskDeps } from '../applications/task-deps';

export async function handler(input: { applicationId: string }): Promise<{ applicationId: string; documentId: string }> {
  return completeApplication(taskDeps, input.applicationId);
}
