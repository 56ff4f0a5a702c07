// The cold-load tour of the routes a plain GET cannot reach: each route called once through the in-process local
// cloud with a token of a role it serves and real data, so the event it records gets past authentication and does
// the route's work (a refusal only where the route's meaning is one). Where replaying that event would not repeat
// the work (a write that creates or changes one item), the tour makes one item per cold run, and the cold event of
// run n is the recorded one pointed at item n (`perRun`).
import { randomInt, randomUUID } from 'node:crypto';
import { ammanDate } from '../../functions/shared/amman-time';
import { readDemoTotpSecrets } from '../../local/cognito/demo-accounts';
import { totpCode } from '../../local/cognito/sign-in';
import { referenceServices } from '../../reference/services';
import { type ApiAnswer, type CloudClient, SERVICE_ID, until, VEHICLE, vehicleSteps } from '../client';
import { newbornSubmission } from '../../seed/life-events';
import { paymentRoutes } from './cold-payments';
import { uploadRoutes } from './cold-uploads';

const OMAR = '9861012345';
const AUDIT_SUBJECT = `persons:${OMAR}`;

/** Rewrites the recorded event for cold run n. */
export type PerRun = (event: HttpEvent, run: number) => HttpEvent | Promise<HttpEvent>;

export interface HttpEvent {
  readonly rawPath: string;
  readonly body?: string;
  readonly headers: Record<string, string>;
  readonly pathParameters?: Record<string, string>;
  readonly requestContext: { readonly http: { readonly path: string } };
}

interface Call {
  readonly path: string;
  readonly user?: string;
  readonly method?: string;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

const dateFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const freshNationalNumber = () => `2${String(randomInt(0, 1_000_000_000)).padStart(9, '0')}`;
const card = () => structuredClone(referenceServices[0]!.card);

function personFields(nationalNumber: string) {
  return {
    nationalNumber,
    fullName: { ar: 'سلمى يوسف النمري', en: 'Salma Yousef Al-Nimri' },
    dateOfBirth: '2001-02-03',
    sex: 'female',
    familyBookNumber: '6612345',
    idCardNumber: 'MTX44120',
    maritalStatus: 'single',
    address: { governorate: 'Irbid', city: 'Irbid', street: 'University Street' },
    phone: '+962790009988',
    email: 'salma@khidma.example',
  };
}

const NEWBORN = newbornSubmission(dateFromToday(-5));

/** The event with the path parameter `name` set to `value` (path, raw path and parameters alike). */
export function withPathParameter(event: HttpEvent, name: string, value: string): HttpEvent {
  const old = event.pathParameters?.[name];
  if (old === undefined) {
    return event;
  }
  const swap = (path: string) => path.split('/').map((part) => (part === old || part === encodeURIComponent(old) ? encodeURIComponent(value) : part)).join('/');
  return { ...event, rawPath: swap(event.rawPath), pathParameters: { ...event.pathParameters, [name]: value }, requestContext: { ...event.requestContext, http: { ...event.requestContext.http, path: swap(event.requestContext.http.path) } } };
}

const withBody = (event: HttpEvent, change: (body: any) => unknown): HttpEvent => ({ ...event, body: JSON.stringify(change(JSON.parse(event.body ?? '{}'))) });
const onePerRun = (name: string, values: readonly string[]): PerRun => (event, run) => withPathParameter(event, name, values[run % values.length]!);
const freshKey: PerRun = (event) => ({ ...event, headers: { ...event.headers, 'idempotency-key': randomUUID() } });

/** The tour: the capability ids it gave an event, and how each run's event differs where it must. */
/** The functions each part of the tour gives an event; a part runs only when one of them is cold-loaded. */
const parts = {
  catalogue: ['list-service-versions', 'put-service', 'change-service-stage', 'put-calendar', 'put-search-synonyms', 'create-staff', 'start-totp-enrolment', 'verify-totp-enrolment', 'list-life-events'],
  registry: ['create-registry-record', 'update-registry-record', 'read-registry-record', 'grant-consent', 'revoke-consent', 'query-audit', 'verify-audit'],
  applications: ['update-draft', 'submit-draft', 'submit-bundle', 'get-bundle', 'rate-application', 'provide-information'],
  engagement: [
    ...['file-complaint', 'get-complaint', 'respond-to-complaint', 'rate-complaint-resolution', 'notify-complaint-events', 'mark-notification-read', 'put-notification-preferences'],
    ...['verify-document', 'get-document-pdf', 'revoke-document', 'create-upload', 'get-upload', 'download-application-document', 'get-kpi-report', 'set-kpi-target', 'create-consultation', 'get-consultation'],
    ...['put-my-consultation-comment', 'list-consultation-comments', 'hide-consultation-comment', 'publish-consultation-response', 'answer-survey'],
  ],
  operations: ['list-queues', 'redrive-queue', 'get-rollout', 'set-phase-date', 'move-service-to-phase', 'reconcile-payments'],
  payments: ['notify-payment'],
};

export async function routeTour(client: CloudClient, runs: number, wanted: (id: string) => boolean = () => true, log: (line: string) => void = () => undefined): Promise<Map<string, PerRun>> {
  const perRun = new Map<string, PerRun>();
  const call = async (id: string, request: Call) => {
    // A route that answers HTML or a PDF recorded its event all the same; the client reads only JSON.
    const answer = await client
      .call(request.path, request.user, { method: request.method ?? (request.body === undefined ? 'GET' : 'POST'), body: request.body, headers: request.headers })
      .catch((error: Error): ApiAnswer => ({ status: 0, body: { error: { code: error.name } } }));
    log(`${id} ${answer.status}${answer.body?.error ? ` ${answer.body.error.code} ${JSON.stringify(answer.body.error.details ?? '')}` : ''}`);
    return answer;
  };
  const many = async <T>(make: (index: number) => Promise<T>): Promise<T[]> => {
    const items: T[] = [];
    for (let index = 0; index <= runs; index++) {
      items.push(await make(index));
    }
    return items;
  };
  /** `runs + 1` items: the tour uses the last, cold run n item n. */
  const tourAndRuns = async (id: string, name: string, values: readonly string[], request: (value: string) => Call) => {
    await call(id, request(values.at(-1)!));
    perRun.set(id, onePerRun(name, values));
  };
  const stamp = Date.now().toString(36);

  const tour: Tour = { client, call, tourAndRuns, many, perRun, stamp, runs };
  const needed = (part: keyof typeof parts) => parts[part].some(wanted);
  await (needed('catalogue') && catalogueRoutes(tour));
  await (needed('registry') && registryRoutes(client, call, tourAndRuns, many, perRun));
  await (needed('applications') && applicationRoutes(client, call, tourAndRuns, many, perRun));
  await (needed('engagement') && engagementRoutes(client, call, tourAndRuns, many));
  await (needed('operations') && operationsRoutes(client, call, perRun));
  const payment = needed('payments') ? await paymentRoutes(client, call, runs) : undefined;
  if (payment) {
    perRun.set('notify-payment', payment);
  }
  return perRun;
}

type Caller = (id: string, request: Call) => Promise<ApiAnswer>;
type TourAndRuns = (id: string, name: string, values: readonly string[], request: (value: string) => Call) => Promise<void>;
type Many = <T>(make: (index: number) => Promise<T>) => Promise<T[]>;
interface Tour {
  readonly client: CloudClient;
  readonly call: Caller;
  readonly tourAndRuns: TourAndRuns;
  readonly many: Many;
  readonly perRun: Map<string, PerRun>;
  readonly stamp: string;
  readonly runs: number;
}

async function catalogueRoutes({ client, call, tourAndRuns, many, perRun, stamp, runs }: Tour) {
  await call('list-service-versions', { path: `/v1/services/${SERVICE_ID}/versions?limit=5` });
  // A new service per run; the path names it.
  const newServices = Array.from({ length: runs + 1 }, (_, index) => `cold-new-${stamp}-${index}`);
  await tourAndRuns('put-service', 'serviceId', newServices, (serviceId) => ({ path: `/v1/services/${serviceId}`, user: 'operator', method: 'PUT', body: { expectedVersion: 0, card: card() } }));
  const toStage = await many(async (index) => {
    const serviceId = `cold-stage-${stamp}-${index}`;
    await call('put-service', { path: `/v1/services/${serviceId}`, user: 'operator', method: 'PUT', body: { expectedVersion: 0, card: card() } });
    return serviceId;
  });
  await tourAndRuns('change-service-stage', 'serviceId', toStage, (serviceId) => ({ path: `/v1/services/${serviceId}/stage`, user: 'operator', body: { stage: 'feasibility-study', expectedVersion: 1 } }));
  // The same calendar and synonyms written again, each run at the version it finds.
  const versioned = async (id: string, path: string, value: (body: any) => Record<string, unknown>) => {
    const read = async () => (await client.call(path)).body;
    const current = await read();
    await call(id, { path, user: 'operator', method: 'PUT', body: { expectedVersion: current?.version ?? 0, ...value(current) } });
    perRun.set(id, async (event) => {
      const { version } = await read();
      return withBody(event, (body) => ({ ...body, expectedVersion: version }));
    });
  };
  await versioned('put-calendar', '/v1/calendar', ({ version: _v, updatedBy: _by, updatedAt: _at, timeZone: _zone, ...calendar }) => ({ calendar }));
  await versioned('put-search-synonyms', '/v1/search/synonyms', ({ groups }) => ({ synonyms: { groups } }));
  await call('create-staff', { path: '/v1/staff', user: 'operator', body: { username: `cold.${stamp}`, email: `cold.${stamp}@gov.example`, fullName: { ar: 'مدقق', en: 'Auditor' }, role: 'auditor' } });
  perRun.set('create-staff', (event, run) => withBody(event, (body) => ({ ...body, username: `cold.${stamp}.${run}`, email: `cold.${stamp}.${run}@gov.example` })));
  await call('start-totp-enrolment', { path: '/v1/me/mfa/totp', user: 'citizen', body: {} });
  // Demo staff enrolled their authenticator: each run proves it with the code of its moment.
  const secret = readDemoTotpSecrets(client.address.totpFile)['officer-dvld'];
  if (secret) {
    await call('verify-totp-enrolment', { path: '/v1/me/mfa/totp/verify', user: 'officer-dvld', body: { code: totpCode(secret) } });
    perRun.set('verify-totp-enrolment', (event) => withBody(event, () => ({ code: totpCode(secret) })));
  }
  await call('list-life-events', { path: '/v1/life-events' });
}

async function registryRoutes(client: CloudClient, call: Caller, tourAndRuns: TourAndRuns, many: Many, perRun: Map<string, PerRun>) {
  await call('create-registry-record', { path: '/v1/registry/persons', user: 'officer-cspd', body: { fields: personFields(freshNationalNumber()) } });
  perRun.set('create-registry-record', (event) => withBody(event, (body) => ({ fields: { ...body.fields, nationalNumber: freshNationalNumber() } })));
  const persons = await many(async () => {
    const nationalNumber = freshNationalNumber();
    await call('create-registry-record', { path: '/v1/registry/persons', user: 'officer-cspd', body: { fields: personFields(nationalNumber) } });
    return nationalNumber;
  });
  await tourAndRuns('update-registry-record', 'recordId', persons, (recordId) => ({ path: `/v1/registry/persons/${recordId}`, user: 'officer-cspd', method: 'PUT', body: { expectedVersion: 1, fields: { maritalStatus: 'married' } } }));
  await call('read-registry-record', { path: `/v1/registry/persons/${OMAR}?fields=fullName&purpose=${encodeURIComponent('cold load')}`, user: 'citizen' });
  const grant = (purpose: string) => ({ path: '/v1/consents', user: 'citizen', body: { agencyId: 'ssc', fields: ['fullName'], purpose, expiresAt: dateFromToday(30) } });
  await call('grant-consent', grant('cold load: grant'));
  perRun.set('grant-consent', (event, run) => withBody(event, (body) => ({ ...body, purpose: `cold load: grant ${run}` })));
  const consents = await many(async (index) => (await call('grant-consent', grant(`cold load: revoke ${index}`))).body?.consentId as string);
  await tourAndRuns('revoke-consent', 'consentId', consents, (consentId) => ({ path: `/v1/consents/${consentId}`, user: 'citizen', method: 'DELETE' }));
  await call('query-audit', { path: `/v1/audit?subject=${AUDIT_SUBJECT}&limit=5`, user: 'auditor' });
  await call('verify-audit', { path: `/v1/audit/verify?subject=${AUDIT_SUBJECT}`, user: 'auditor' });
  void client;
}

async function applicationRoutes(client: CloudClient, call: Caller, tourAndRuns: TourAndRuns, many: Many, perRun: Map<string, PerRun>) {
  const draft = async () => (await call('submit-application', { path: '/v1/applications', user: 'citizen', body: { ...VEHICLE, draft: true }, headers: { 'idempotency-key': randomUUID() } })).body?.applicationId as string;
  await tourAndRuns('update-draft', 'applicationId', await many(draft), (id) => ({ path: `/v1/applications/${id}`, user: 'citizen', method: 'PUT', body: { expectedVersion: 1, answers: { plateNumber: '12-76543' } } }));
  await tourAndRuns('submit-draft', 'applicationId', await many(draft), (id) => ({ path: `/v1/applications/${id}/submit`, user: 'citizen', body: { expectedVersion: 1, channel: 'mobile' } }));
  await call('submit-bundle', { path: '/v1/bundles', user: 'citizen', body: NEWBORN, headers: { 'idempotency-key': randomUUID() } });
  perRun.set('submit-bundle', freshKey);
  const bundleId = (await call('submit-bundle', { path: '/v1/bundles', user: 'citizen', body: NEWBORN, headers: { 'idempotency-key': randomUUID() } })).body?.bundleId;
  await call('get-bundle', { path: `/v1/bundles/${bundleId}`, user: 'citizen' });
  // Applications the citizen ended (submitted, then cancelled), each rated once.
  const ended = await many(async () => {
    const { body } = await client.submit();
    await until(`application ${body.applicationId} to cancel`, async () => ((await call('cancel-application', { path: `/v1/applications/${body.applicationId}/cancel`, user: 'citizen', body: {} })).status === 200 ? true : undefined));
    return body.applicationId as string;
  });
  await tourAndRuns('rate-application', 'applicationId', ended, (id) => ({ path: `/v1/applications/${id}/feedback`, user: 'citizen', body: { rating: 4 } }));
  await informationRoutes(client, call, tourAndRuns, many);
}

/** Applications whose first step's officer asked the citizen a question, each answered once. */
async function informationRoutes(client: CloudClient, call: Caller, tourAndRuns: TourAndRuns, many: Many) {
  const [step] = vehicleSteps;
  const asked = await many(async () => {
    const { applicationId } = (await client.submit()).body as { applicationId: string };
    const taskId = `${applicationId}.${step!.stepId}`;
    await until(`task ${taskId} to open`, async () => ((await client.taskStatus(taskId)) === 'open' ? true : undefined));
    await call('decide-task', { path: `/v1/tasks/${taskId}/decision`, user: `officer-${step!.agencyId}`, body: { decision: 'request-info', note: 'cold load: which plate number?' } });
    await until(`application ${applicationId} to wait for information`, async () => ((await client.status(applicationId)) === 'info-requested' ? true : undefined));
    return applicationId;
  });
  await tourAndRuns('provide-information', 'applicationId', asked, (id) => ({ path: `/v1/applications/${id}/information`, user: 'citizen', body: { answer: 'cold load: the plate is 12-76543' } }));
}

async function engagementRoutes(client: CloudClient, call: Caller, tourAndRuns: TourAndRuns, many: Many) {
  const complaint = { category: 'service-delay', agencyId: 'dvld', text: 'cold load: my renewal has waited too long' };
  const filed = (await call('file-complaint', { path: '/v1/complaints', user: 'citizen', body: complaint })).body?.complaintId as string;
  await call('get-complaint', { path: `/v1/complaints/${filed}`, user: 'citizen' });
  await call('respond-to-complaint', { path: `/v1/complaints/${filed}/responses`, user: 'officer-dvld', body: { message: 'cold load', status: 'in-progress' } });
  const resolved = await many(async () => {
    const complaintId = (await call('file-complaint', { path: '/v1/complaints', user: 'citizen', body: complaint })).body?.complaintId as string;
    await call('respond-to-complaint', { path: `/v1/complaints/${complaintId}/responses`, user: 'officer-dvld', body: { message: 'cold load: resolved', status: 'resolved' } });
    return complaintId;
  });
  await tourAndRuns('rate-complaint-resolution', 'complaintId', resolved, (id) => ({ path: `/v1/complaints/${id}/rating`, user: 'citizen', body: { rating: 5 } }));
  const notification = await until('a notification for the citizen', async () => (await client.call('/v1/me/notifications?limit=1', 'citizen')).body?.items?.[0]?.notificationId as string | undefined);
  await call('mark-notification-read', { path: `/v1/me/notifications/${notification}/read`, user: 'citizen', body: {} });
  await call('put-notification-preferences', { path: '/v1/me/notification-preferences', user: 'citizen', method: 'PUT', body: { language: 'ar' } });
  const documents = ((await client.call('/v1/me/documents', 'citizen')).body?.items ?? []) as Array<{ documentId: string; issuingAgencyId: string }>;
  const [document, toRevoke] = [documents[0], documents.length > 1 ? documents.at(-1) : undefined];
  if (document) {
    await call('verify-document', { path: `/v1/verify/${document.documentId}` });
    await call('get-document-pdf', { path: `/v1/me/documents/${document.documentId}/pdf`, user: 'citizen' });
  }
  if (toRevoke) {
    // Revoked for good: the cold runs replay a revocation of a revoked document (read, then refused).
    await call('revoke-document', { path: `/v1/documents/${toRevoke.documentId}/revoke`, user: `officer-${toRevoke.issuingAgencyId}`, body: { reason: 'cold load' } });
  }
  await consultationRoutes(call);
  await uploadRoutes(client, call);
  await call('get-kpi-report', { path: '/v1/kpis/reports/dvld?lang=en', user: 'operator' });
  await call('set-kpi-target', { path: '/v1/kpis/targets', user: 'operator', method: 'PUT', body: { kpi: 'satisfaction', dimension: 'agency', value: 'gam', target: 4.2, comparison: 'at-least', by: dateFromToday(180) } });
  void tourAndRuns;
}

async function consultationRoutes(call: Caller) {
  const base = { agencyId: 'cspd', title: { ar: 'مشاورة', en: 'Consultation' }, description: { ar: 'نص', en: 'Text' }, opensOn: dateFromToday(-1), closesOn: dateFromToday(30) };
  const open = (await call('create-consultation', { path: '/v1/consultations', user: 'operator', body: { ...base, kind: 'policy' } })).body?.consultationId as string;
  const survey = (await call('create-consultation', { path: '/v1/consultations', user: 'operator', body: { ...base, kind: 'survey', questions: [{ questionId: 'satisfied', type: 'scale', text: { ar: 'الرضا', en: 'Satisfied?' } }] } })).body?.consultationId as string;
  await call('get-consultation', { path: `/v1/consultations/${open}` });
  const comment = (await call('put-my-consultation-comment', { path: `/v1/consultations/${open}/my-comment`, user: 'citizen', method: 'PUT', body: { text: 'cold load' } })).body?.commentId as string;
  await call('list-consultation-comments', { path: `/v1/consultations/${open}/comments?limit=5` });
  await call('hide-consultation-comment', { path: `/v1/consultations/${open}/comments/${comment}/hide`, user: 'operator', body: { reason: 'cold load' } });
  // An open consultation takes no response yet: the route's own refusal (409).
  await call('publish-consultation-response', { path: `/v1/consultations/${open}/response`, user: 'operator', body: { text: { ar: 'رد', en: 'Response' } } });
  await call('answer-survey', { path: `/v1/consultations/${survey}/answers`, user: 'citizen', body: { answers: { satisfied: 4 } } });
}

async function operationsRoutes(client: CloudClient, call: Caller, perRun: Map<string, PerRun>) {
  const queues = (await call('list-queues', { path: '/v1/operations/queues', user: 'operator' })).body?.items as Array<{ queue: string }> | undefined;
  const queue = queues?.find((item) => item.queue.startsWith('tasks-'))?.queue;
  if (queue) {
    await call('redrive-queue', { path: `/v1/operations/queues/${queue}/redrive`, user: 'operator', body: { reason: 'cold load' } });
  }
  // DVLD's payments of today matched with the provider's settlement: two DynamoDB queries and the provider's HTTP API.
  await call('reconcile-payments', { path: `/v1/payments/reconciliation?agency=dvld&date=${ammanDate(new Date())}`, user: 'operator' });
  type Rollout = { version: number; phases: Array<{ phase: number; opensOn: string; services: Array<{ serviceId: string; version: number }> }> };
  const rollout = async () => (await client.call('/v1/rollout', 'operator')).body as Rollout;
  // The last phase's date set again to what it is, each run at the schedule's version it finds.
  const last = (await rollout()).phases.at(-1)!;
  await call('set-phase-date', { path: `/v1/rollout/phases/${last.phase}`, user: 'operator', method: 'PUT', body: { opensOn: last.opensOn, expectedVersion: (await rollout()).version } });
  perRun.set('set-phase-date', async (event) => {
    const { version } = await rollout();
    return withBody(event, (body) => ({ ...body, expectedVersion: version }));
  });
  // A service of the last phase moved one phase earlier and back, run by run, at the card's version it finds.
  const moved = last.services.find((service) => service.serviceId !== SERVICE_ID);
  if (moved) {
    const earlier = last.phase - 1;
    const cardVersion = async () => (await rollout()).phases.flatMap((phase) => phase.services).find((service) => service.serviceId === moved.serviceId)!.version;
    await call('move-service-to-phase', { path: `/v1/rollout/services/${moved.serviceId}`, user: 'operator', method: 'PUT', body: { phase: earlier, expectedVersion: moved.version } });
    perRun.set('move-service-to-phase', async (event, run) => {
      const version = await cardVersion();
      return withBody(event, () => ({ phase: run % 2 === 0 ? last.phase : earlier, expectedVersion: version }));
    });
  }
}
