// Life-event bundles end to end on the local cloud: one submission, members starting as their prerequisites
// are approved (advanced by the event consumer on the bus), documents flowing into later members, combined
// progress, a rejected member blocking its dependants, and the refusals.
import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../../lib/platform/tables';
import { api, tables, tokenFor } from '../support/api';
import { type Citizen, freshCitizen } from '../support/engagement';
import { decodeJwt } from '../support/jwt';
import { allItems } from '../support/pages';
import { until } from '../support/wait';
import { NEWBORN } from '../support/life-events';
import { upload } from '../support/uploads';

const BUSINESS = {
  lifeEventId: 'starting-a-business',
  channel: 'portal',
  answers: {
    tradeNameAr: 'مخبز الياسمين',
    tradeNameEn: 'Jasmine Bakery',
    activity: 'Bakery and pastry shop',
    legalType: 'llc',
    capitalJod: 5000,
    // The demo citizen's upload of the articles, made before the tests (beforeAll).
    articlesFile: 'doc:pending-upload',
    taxRegistrationType: 'both',
    premisesAreaSqm: 80,
  },
};

beforeAll(async () => {
  const articles = Buffer.from('%PDF-1.7 memorandum and articles of association of Jasmine Bakery');
  BUSINESS.answers.articlesFile = (await upload(await tokenFor('citizen'), { serviceId: 'company-registration', documentId: 'articles', contentType: 'application/pdf' }, articles)).answer;
});

/** One citizen for the refusals, who never submits successfully: any application of theirs is a leak. */
let applicant: Promise<Citizen> | undefined;
const refusedApplicant = () => (applicant ??= freshCitizen());

type Member = { key: string; status: string; applicationId?: string; documentId?: string; reason?: string };

async function submitBundle(body: object, user = 'citizen', key = randomUUID()) {
  return api('/v1/bundles', { method: 'POST', token: await tokenFor(user), body, headers: { 'idempotency-key': key } });
}

async function bundle(bundleId: string, user = 'citizen') {
  const response = await api(`/v1/bundles/${bundleId}`, { token: await tokenFor(user) });
  expect(response.status).toBe(200);
  return response.body as { status: string; progress: { approved: number; total: number; percent: number }; members: Member[] };
}

/** Waits until the member's application exists (submitted, and soon in progress). */
async function started(bundleId: string, key: string): Promise<Member> {
  let last: Member[] = [];
  try {
    return await until(`${key} started`, async () => {
      last = (await bundle(bundleId)).members;
      return last.find((member) => member.key === key && member.applicationId);
    });
  } catch (error) {
    throw new Error(`${(error as Error).message}; members: ${JSON.stringify(last)}`);
  }
}

/** Decides every task of the application as its agencies' officers, stage by stage, until it is decided. */
async function decideAll(applicationId: string, decision: 'approve' | 'reject' = 'approve'): Promise<void> {
  const citizen = await tokenFor('citizen');
  await until(`application ${applicationId} decided`, async () => {
    const application = (await api(`/v1/applications/${applicationId}`, { token: citizen })).body;
    if (['approved', 'rejected'].includes(application.status)) {
      return true;
    }
    for (const step of application.stages.flatMap((stage: { steps: Array<{ stepId: string; agencyId: string; status: string }> }) => stage.steps)) {
      if (step.status === 'open') {
        const decided = await api(`/v1/tasks/${applicationId}.${step.stepId}/decision`, {
          method: 'POST',
          token: await tokenFor(`officer-${step.agencyId}`),
          body: decision === 'approve' ? { decision } : { decision, note: 'The trade name is already registered' },
        });
        expect([200, 409]).toContain(decided.status);
      }
    }
    return undefined;
  });
}

describe('life events', () => {
  it('lists the life events and their members publicly', async () => {
    const response = await api('/v1/life-events');
    expect(response.status).toBe(200);
    const newborn = response.body.items.find((item: { lifeEventId: string }) => item.lifeEventId === 'newborn');
    expect(newborn.members.map((member: { serviceId: string }) => member.serviceId)).toEqual([
      'birth-registration',
      'child-national-number',
      'family-book-update',
      'health-insurance-enrolment',
    ]);
    expect(newborn.name).toEqual({ ar: 'مولود جديد', en: 'A new baby' });
  });

  it('takes a newborn from one submission through all four services, each starting when its prerequisites are approved', async () => {
    const idempotencyKey = randomUUID();
    const submitted = await submitBundle(NEWBORN, 'citizen', idempotencyKey);
    expect(submitted.status).toBe(201);
    const { bundleId } = submitted.body;
    expect(submitted.body).toMatchObject({ status: 'in-progress', progress: { approved: 0, total: 4, percent: 0 } });
    expect(submitted.body.members.map((member: Member) => [member.key, member.status])).toEqual([
      ['birth', 'submitted'],
      ['national-number', 'waiting'],
      ['family-book', 'waiting'],
      ['health-insurance', 'waiting'],
    ]);
    const replay = await submitBundle(NEWBORN, 'citizen', idempotencyKey);
    expect(replay.status).toBe(200);
    expect(replay.body.bundleId).toBe(bundleId);

    // The birth registration is an ordinary application: the citizen's registry data prefilled under consent.
    const birthId = submitted.body.members[0].applicationId;
    const birth = (await api(`/v1/applications/${birthId}`, { token: await tokenFor('citizen') })).body;
    expect(birth).toMatchObject({ serviceId: 'birth-registration', bundleId, answers: { childFirstName: 'Yousef', notificationNumber: 'MOH-BN-558812' } });
    expect(birth.prefill['person.nationalNumber']).toBe('9861012345');

    await decideAll(birthId);
    const nationalNumber = await started(bundleId, 'national-number');
    expect((await bundle(bundleId)).members.filter((member) => member.applicationId).map((member) => member.key)).toEqual(['birth', 'national-number']);
    const child = (await api(`/v1/applications/${nationalNumber.applicationId}`, { token: await tokenFor('citizen') })).body;
    expect(child.answers).toEqual({ birthCertificateNumber: `DOC-${birthId}`, childFullName: 'Yousef Omar Khaled Haddad' });

    await decideAll(nationalNumber.applicationId!);
    const [familyBook, insurance] = await Promise.all([started(bundleId, 'family-book'), started(bundleId, 'health-insurance')]);
    const progress = await bundle(bundleId);
    expect(progress.progress).toEqual({ approved: 2, total: 4, percent: 50 });

    await Promise.all([decideAll(familyBook.applicationId!), decideAll(insurance.applicationId!)]);
    const done = await until('the bundle completed', async () => {
      const current = await bundle(bundleId);
      return current.status === 'completed' ? current : undefined;
    });
    expect(done.progress).toEqual({ approved: 4, total: 4, percent: 100 });
    expect(done.members.every((member) => member.documentId === `DOC-${member.applicationId}`)).toBe(true);
    // Exactly one application per member, however many times the bundle was advanced.
    const mine = await allItems<{ applicationId: string }>('/v1/me/applications', await tokenFor('citizen'));
    const members = new Set(done.members.map((member) => member.applicationId));
    expect(mine.filter((item) => members.has(item.applicationId))).toHaveLength(4);
    expect((await api(`/v1/bundles/${bundleId}`, { token: await tokenFor('auditor') })).status).toBe(200);
    expect((await api(`/v1/bundles/${bundleId}`, { token: await tokenFor('citizen2') })).status).toBe(404);
  });

  it('blocks the members that depend on a rejected one, and ends incomplete', async () => {
    const submitted = await submitBundle(BUSINESS);
    expect(submitted.status).toBe(201);
    const { bundleId } = submitted.body;
    const tradeName = submitted.body.members.find((member: Member) => member.key === 'trade-name');
    await decideAll(tradeName.applicationId, 'reject');
    const ended = await until('the bundle incomplete', async () => {
      const current = await bundle(bundleId);
      return current.status === 'incomplete' ? current : undefined;
    });
    expect(ended.members.map((member) => [member.key, member.status])).toEqual([
      ['trade-name', 'rejected'],
      ['company', 'blocked'],
      ['tax', 'blocked'],
      ['vocational-licence', 'blocked'],
    ]);
    expect(ended.members[0]!.reason).toBe('The trade name is already registered');
  });

  it.each([
    ['an unknown life event', { ...NEWBORN, lifeEventId: 'moving-house' }, 'citizen', 404, 'life_event_not_found'],
    ['a missing shared answer', { ...NEWBORN, answers: { ...NEWBORN.answers, childFullName: undefined } }, 'citizen', 400, 'validation_failed'],
    ['an answer of the wrong type', { ...BUSINESS, answers: { ...BUSINESS.answers, capitalJod: 'a lot' } }, 'citizen', 400, 'validation_failed'],
    ['a channel a member is not offered on', { ...BUSINESS, channel: 'mobile' }, 'citizen', 403, 'forbidden'],
    ["another person's upload as a file answer (the demo citizen's articles)", BUSINESS, 'citizen', 422, 'file_answer_invalid'],
    ['an officer', NEWBORN, 'officer-cspd', 403, 'forbidden'],
  ])('refuses %s, creating nothing', async (_case, body, user, status, code) => {
    // A citizen of these refusals alone (the officer case: of its own), so that any application in their name is a leak.
    const token = user === 'citizen' ? (await refusedApplicant()).token : await tokenFor(user);
    const idempotencyKey = randomUUID();
    const response = await api('/v1/bundles', { method: 'POST', token, body, headers: { 'idempotency-key': idempotencyKey } });
    expect({ status: response.status, code: response.body.error?.code }).toEqual({ status, code });
    // The bundle and its key's claim are written in one transaction, before any member is submitted.
    const claim = await tables().send(
      new GetCommand({ TableName: tableName('local', 'idempotency'), Key: { id: `${decodeJwt(token).payload.sub}#bundle#${idempotencyKey}` }, ConsistentRead: true }),
    );
    expect(claim.Item).toBeUndefined();
    expect(await allItems('/v1/me/applications', (await refusedApplicant()).token)).toEqual([]);
  });

  it('needs an Idempotency-Key', async () => {
    const response = await api('/v1/bundles', { method: 'POST', token: await tokenFor('citizen'), body: NEWBORN });
    expect(response.body.error.code).toBe('idempotency_key_required');
  });
});
