// The government working calendar on the local cloud: operators keep it through the API (versioned, audited),
// and task due times, complaint SLAs and the promised completion date count working time.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { expectedCompletion } from '../../functions/applications/domain/applications';
import { openTask, type TaskDeps } from '../../functions/applications/domain/tasks';
import { dynamoApplications } from '../../functions/applications/dynamo-applications';
import { dynamoTasks } from '../../functions/applications/dynamo-tasks';
import { addDays, ammanDate } from '../../functions/shared/amman-time';
import { addWorkingTime, ammanInstant } from '../../functions/shared/working-calendar';
import { tableName } from '../../lib/platform/tables';
import { api, tables, tokenFor } from '../support/api';
import { localCalendar } from '../support/calendar';
import { submitVehicleRenewal } from '../support/engagement';

const APPLICATIONS = tableName('local', 'applications');
const calendarOf = async () => (await api('/v1/calendar')).body;

/** The Thursday at least four weeks ahead whose following Sunday is free of holidays, as Amman dates. */
function thursdayAhead(holidays: Array<{ date: string }>): { thursday: string; sunday: string } {
  let date = addDays(ammanDate(new Date()), 28);
  while (new Date(`${date}T12:00:00Z`).getUTCDay() !== 4 || holidays.some((holiday) => [date, addDays(date, 3), addDays(date, 4)].includes(holiday.date))) {
    date = addDays(date, 1);
  }
  return { thursday: date, sunday: addDays(date, 3) };
}

describe('the working calendar', () => {
  it('is public, in Asia/Amman, Sunday to Thursday, with the seeded holidays', async () => {
    const response = await api('/v1/calendar');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ timeZone: 'Asia/Amman', weekdays: [0, 1, 2, 3, 4], hours: { from: '08:00', to: '15:00' } });
    // Other files share this cloud and may have edited the table since: the seeded fixed holidays are still there.
    const independence = response.body.holidays.filter((holiday: { name: { en: string } }) => holiday.name.en === 'Independence Day');
    expect(independence.length).toBeGreaterThan(0);
    expect(independence.every((holiday: { date: string; name: { ar: string } }) => holiday.date.endsWith('-05-25') && holiday.name.ar === 'عيد الاستقلال')).toBe(true);
  });

  it('lets only operators change it, on the current version, and audits each change', async () => {
    const current = await calendarOf();
    const operator = await tokenFor('operator');
    const { version, timeZone, updatedAt, updatedBy, ...input } = current;
    void [timeZone, updatedAt, updatedBy];

    expect((await api('/v1/calendar', { method: 'PUT', token: await tokenFor('citizen'), body: { expectedVersion: version, calendar: input } })).status).toBe(403);
    const stale = await api('/v1/calendar', { method: 'PUT', token: operator, body: { expectedVersion: version + 5, calendar: input } });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'stale_version', details: { currentVersion: version } });
    const twice = { ...input, holidays: [...input.holidays, input.holidays[0]] };
    const duplicate = await api('/v1/calendar', { method: 'PUT', token: operator, body: { expectedVersion: version, calendar: twice } });
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.error.code).toBe('duplicate_holiday');
    const badTime = await api('/v1/calendar', { method: 'PUT', token: operator, body: { expectedVersion: version, calendar: { ...input, hours: { from: '15:00', to: '08:00' } } } });
    expect(badTime.status).toBe(400);
    expect((await calendarOf()).version).toBe(version);

    // An announced extra holiday: the Sunday after a Thursday a month ahead.
    const { thursday, sunday } = thursdayAhead(input.holidays);
    const holiday = { date: sunday, name: { ar: 'عطلة رسمية معلنة', en: 'Announced public holiday' } };
    const saved = await api('/v1/calendar', { method: 'PUT', token: operator, body: { expectedVersion: version, calendar: { ...input, holidays: [...input.holidays, holiday] } } });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ version: version + 1, updatedBy: 'operator' });
    expect(saved.body.holidays).toContainEqual(holiday);
    expect((await api(`/v1/calendar?version=${version}`)).body.holidays).not.toContainEqual(holiday);

    const { Items = [] } = await tables().send(
      new QueryCommand({ TableName: tableName('local', 'audit'), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'SUBJECT#calendar:working' }, ScanIndexForward: false, Limit: 1 }),
    );
    expect(Items[0]?.record).toMatchObject({ action: 'calendar.update', fields: ['calendar.holidays'], purpose: `version ${version + 1}` });

    // A one-day step opened that Thursday at 14:00 skips Friday, Saturday and the holiday Sunday: due Monday 14:00.
    const applicationId = await submitVehicleRenewal(await tokenFor('citizen'));
    const deps: TaskDeps = {
      tasks: dynamoTasks(tables(), APPLICATIONS),
      applications: dynamoApplications(tables(), { applications: APPLICATIONS, idempotency: tableName('local', 'idempotency') }),
      workflow: { start: async () => {}, resume: async () => 'running', sendTaskSuccess: async () => {}, sendTaskFailure: async () => {}, stop: async () => {} },
      calendar: localCalendar,
      now: () => ammanInstant(thursday, 14 * 60),
    };
    await openTask(deps, { applicationId, stepId: 'calendar-probe', agencyId: 'dvld', slaHours: 24, taskToken: 'probe' });
    expect((await deps.tasks.get(`${applicationId}.calendar-probe`))?.dueAt).toBe(ammanInstant(addDays(sunday, 1), 14 * 60).toISOString());
  });

  it("counts a real application's task due times and expected completion in working time", async () => {
    const calendar = await localCalendar();
    const applicationId = await submitVehicleRenewal(await tokenFor('citizen'));
    const application = (await api(`/v1/applications/${applicationId}`, { token: await tokenFor('citizen') })).body;
    const card = (await api('/v1/services/vehicle-registration-renewal')).body;
    expect(card.processingTime).toEqual({ workingDays: 2, text: { ar: 'يوما عمل', en: '2 working days' } });
    expect(application.expectedCompletionDate).toBe(expectedCompletion(calendar, new Date(application.submittedAt), card));

    const tasks = dynamoTasks(tables(), APPLICATIONS);
    const deadline = Date.now() + 20_000;
    let task = await tasks.get(`${applicationId}.fines-check`);
    while (!task && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      task = await tasks.get(`${applicationId}.fines-check`);
    }
    expect(task?.dueAt).toBe(addWorkingTime(calendar, new Date(task!.createdAt), 1, 'gam').toISOString());
  });
});
