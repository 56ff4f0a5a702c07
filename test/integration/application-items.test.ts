// The application's items (functions/applications/application-items.ts) on DynamoDB Local: a step rewrites a META
// item of one write unit, the fixed part stays in FORM, reads put the two together, and a META written whole
// (before the split) is read whole and split at its first save without losing a field.
import { randomUUID } from 'node:crypto';
import { marshall } from '@aws-sdk/util-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoApplications } from '../../functions/applications/dynamo-applications';
import { dynamoTasks } from '../../functions/applications/dynamo-tasks';
import type { StoredApplication } from '../../functions/applications/domain/applications';
import type { Task } from '../../functions/applications/domain/tasks';
import { VersionConflict } from '../../functions/shared/errors';
import { tableName } from '../../lib/platform/tables';
import { itemSize } from '../../bench/harness/item-size';
import { tables } from '../support/api';

const APPLICATIONS = tableName('local', 'applications');
const store = () => dynamoApplications(tables(), { applications: APPLICATIONS, idempotency: tableName('local', 'idempotency') });

function application(): StoredApplication {
  const applicationId = `01TEST${randomUUID().replaceAll('-', '').slice(0, 20).toUpperCase()}`;
  const at = new Date().toISOString();
  const step = (stepId: string, agencyId: string) => ({ stepId, agencyId, name: { ar: 'خطوة التحقق من الوثائق المطلوبة', en: `Check the documents required (${stepId})` }, slaHours: 24, status: 'pending' as const });
  return {
    applicationId,
    serviceId: 'vehicle-registration-renewal',
    serviceVersion: 3,
    serviceName: { ar: 'تجديد ترخيص المركبة', en: 'Vehicle registration renewal' },
    status: 'submitted',
    channel: 'portal',
    applicant: { kind: 'persons', recordId: '9861012345' },
    ownerSub: randomUUID(),
    answers: { plateNumber: '12-34567', chassisNumber: 'JTDBR32E540012345', insurancePolicyNumber: 'POL-2026-99881', note: 'x'.repeat(400) },
    prefill: { fullName: 'سارة أحمد محمود العلي', nationalNumber: '9861012345', address: 'عمّان، جبل الحسين، شارع خالد بن الوليد، بناية 12' },
    consentIds: [randomUUID(), randomUUID()],
    fees: { amountJod: 25, ePaymentDiscountPercent: 5, payableJod: 23.75 },
    stages: [{ steps: [step('insurance-check', 'dvld'), step('fines-check', 'gam')] }, { steps: [step('technical-inspection', 'dvld')] }, { steps: [step('issue-registration', 'dvld')] }],
    createdAt: at,
    submittedAt: at,
    updatedAt: at,
    version: 1,
  };
}

const meta = async (applicationId: string) =>
  (await tables().send(new GetCommand({ TableName: APPLICATIONS, Key: { pk: `APP#${applicationId}`, sk: 'META' }, ConsistentRead: true }))).Item!;

const stepOpened = (current: StoredApplication, stepId: string): StoredApplication => ({
  ...current,
  status: 'in-progress',
  stages: current.stages.map((stage) => ({ steps: stage.steps.map((entry) => (entry.stepId === stepId ? { ...entry, status: 'open' as const, dueAt: current.updatedAt } : entry)) })),
  updatedAt: new Date().toISOString(),
  version: current.version + 1,
});

test('a step rewrites a META item of one write unit; reads give the whole application back', async () => {
  const created = application();
  await store().create(created, []);
  expect(itemSize(marshall(await meta(created.applicationId)))).toBeLessThanOrEqual(1024);
  expect(await store().get(created.applicationId)).toEqual(created);

  const opened = stepOpened(created, 'insurance-check');
  await store().save(opened, created.version, []);
  const stored = await meta(created.applicationId);
  expect(stored.application.answers).toBeUndefined();
  expect(itemSize(marshall(stored))).toBeLessThanOrEqual(1024);
  expect(await store().get(created.applicationId)).toEqual(opened);
  expect((await store().getWithEvents(created.applicationId)).application).toEqual(opened);
  const { application: withTask } = await dynamoTasks(tables(), APPLICATIONS).getWithApplication(`${created.applicationId}.insurance-check`);
  expect(withTask).toEqual(opened);

  // A save at a version that moved is refused, not retried into success.
  await expect(store().save({ ...opened, version: opened.version + 1 }, created.version, [])).rejects.toBeInstanceOf(VersionConflict);
});

test('a META written whole before the split is read whole, and its first save keeps every field', async () => {
  const whole = application();
  // The item as it was written before FORM existed: the whole application in META, no fixedApart.
  await tables().send(
    new PutCommand({
      TableName: APPLICATIONS,
      Item: { pk: `APP#${whole.applicationId}`, sk: 'META', version: whole.version, status: whole.status, gsi1pk: `APPLICANT#persons:${whole.applicant.recordId}`, gsi1sk: `${whole.createdAt}#${whole.applicationId}`, application: whole },
    }),
  );
  expect(await store().get(whole.applicationId)).toEqual(whole);

  const opened = stepOpened(whole, 'fines-check');
  await store().save(opened, whole.version, []);
  expect((await meta(whole.applicationId)).fixedApart).toBe(true);
  expect(await store().get(whole.applicationId)).toEqual(opened);

  // The decision's transaction (task and application together) splits one the same way.
  const other = application();
  await tables().send(new PutCommand({ TableName: APPLICATIONS, Item: { pk: `APP#${other.applicationId}`, sk: 'META', version: 1, status: other.status, application: other } }));
  const task: Task = { taskId: `${other.applicationId}.insurance-check`, applicationId: other.applicationId, stepId: 'insurance-check', agencyId: 'dvld', serviceId: other.serviceId, serviceName: other.serviceName, status: 'open', dueAt: other.updatedAt, createdAt: other.updatedAt, taskToken: 'token', version: 1 };
  const tasks = dynamoTasks(tables(), APPLICATIONS);
  await tasks.putIfAbsent(task);
  const next = stepOpened(other, 'insurance-check');
  await tasks.saveWithApplication({ ...task, version: 2 }, 1, { next, expectedVersion: 1, events: [] });
  expect(await store().get(other.applicationId)).toEqual(next);
  await expect(tasks.saveWithApplication({ ...task, version: 3 }, 2, { next: { ...next, version: 3 }, expectedVersion: 1, events: [] })).rejects.toBeInstanceOf(VersionConflict);
});
