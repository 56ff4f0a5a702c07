// `npm run demo [-- journey]`: a whole journey against the running local cloud, each step told with its request and answer.
import { ammanDateAfter } from '../functions/shared/amman-time';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { readDemoTotpSecrets } from './cognito/demo-accounts';
import { signIn } from './cognito/sign-in';
import { demoPassword } from './demo-users';
import { type LocalCloudState, LocalCloudError, readState } from './state';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

type Json = any;

interface Journey {
  readonly summary: string;
  run(demo: Demo): Promise<void>;
}

const WAIT_MS = 120_000;

/** Calls the API as a named demo user and tells what happened. */
class Demo {
  private readonly tokens = new Map<string, string>();
  private step = 0;

  constructor(private readonly state: LocalCloudState) {}

  say(text: string): void {
    this.step += 1;
    console.log(`\n${this.step}. ${text}`);
  }

  note(text: string): void {
    console.log(`   ${text}`);
  }

  async call(user: string | undefined, method: string, route: string, body?: unknown, headers: Record<string, string> = {}): Promise<Json> {
    const response = await this.send(user, method, route, body, headers);
    console.log(`   ${user ? `${user}: ` : ''}${method} ${route}${body === undefined ? '' : ` ${brief(body)}`}`);
    console.log(`   ← ${response.status}`);
    if (response.status >= 400) {
      throw new Error(`${method} ${route} answered ${response.status}: ${JSON.stringify(response.body)}`);
    }
    return response.body;
  }

  /** Polls a read until `ready` says so, quietly; the last answer is returned. */
  async until<T>(what: string, read: () => Promise<Json>, ready: (answer: Json) => T | undefined | false): Promise<T> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const found = ready(await read());
      if (found) {
        return found;
      }
      if (Date.now() > deadline) {
        throw new Error(`gave up after ${WAIT_MS / 1000} s waiting for ${what}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  async quietGet(user: string, route: string): Promise<Json> {
    const response = await this.send(user, 'GET', route);
    if (response.status >= 400) {
      throw new Error(`GET ${route} answered ${response.status}: ${JSON.stringify(response.body)}`);
    }
    return response.body;
  }

  /** Waits until a step of an application is open in its agency's inbox. */
  async opened(applicant: string, applicationId: string, stepId: string): Promise<void> {
    await this.until(
      `step ${stepId} to open`,
      () => this.quietGet(applicant, `/v1/applications/${applicationId}`),
      (application) => application.stages.some((stage: Json) => stage.steps.some((step: Json) => step.stepId === stepId && step.status === 'open')),
    );
  }

  async decide(officer: string, applicationId: string, stepId: string, decision: Json): Promise<Json> {
    return this.call(officer, 'POST', `/v1/tasks/${applicationId}.${stepId}/decision`, decision);
  }

  private async send(user: string | undefined, method: string, route: string, body?: unknown, extra: Record<string, string> = {}) {
    const headers: Record<string, string> = { ...extra };
    if (user) {
      headers.authorization = `Bearer ${await this.token(user)}`;
    }
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
    }
    const response = await fetch(`${this.state.apiUrl}${route}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  private async token(user: string): Promise<string> {
    let token = this.tokens.get(user);
    if (!token) {
      const secret = readDemoTotpSecrets(this.state.totpFile)[user];
      token = (await signIn(this.state.cognitoEndpoint, this.state.identity, user, demoPassword, 'portal', secret)).accessToken;
      this.tokens.set(user, token);
    }
    return token;
  }
}

function brief(body: unknown): string {
  const text = JSON.stringify(body);
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

const stepsOf = (application: Json) =>
  application.stages
    .map((stage: Json, index: number) => `stage ${index + 1}: ${stage.steps.map((step: Json) => `${step.stepId} (${step.agencyId}, ${step.status})`).join(' + ')}`)
    .join('; ');

const vehicle: Journey = {
  summary: 'Omar renews his vehicle registration: two agencies, a request for information, three stages, a document',
  async run(demo) {
    demo.say('Omar finds the service in the registry (public, no sign-in)');
    const found = await demo.call(undefined, 'GET', '/v1/services?q=vehicle%20registration&limit=1');
    const service = found.items[0];
    demo.note(`found: ${service.name.en} / ${service.name.ar}, owned by ${service.ownerAgencyId}, ${service.feesJod} JOD`);

    demo.say('Omar applies once, on the portal; his registry data is prefilled under consent');
    const application = await demo.call(
      'citizen',
      'POST',
      '/v1/applications',
      { serviceId: 'vehicle-registration-renewal', channel: 'portal', answers: { plateNumber: '12-34567', chassisNumber: 'JTDBR32E540012345', insurancePolicyNumber: 'POL-2026-99881' } },
      { 'idempotency-key': randomUUID() },
    );
    const id: string = application.applicationId;
    demo.note(`application ${id}: ${application.status}, fees ${application.fees?.amountJod ?? '?'} JOD, expected by ${application.expectedCompletionDate ?? '?'}`);
    demo.note(`prefilled from the registry: ${Object.keys(application.prefill ?? {}).join(', ') || 'nothing'}`);
    demo.note(stepsOf(application));

    demo.say('The first stage reaches two agencies at once: the Greater Amman Municipality sees it in its inbox');
    await demo.opened('citizen', id, 'fines-check');
    const inbox = await demo.call('officer-gam', 'GET', '/v1/agencies/gam/tasks?status=open&limit=100');
    demo.note(`GAM's open tasks include ${id}.fines-check: ${inbox.items.some((task: Json) => task.taskId === `${id}.fines-check`)}`);

    demo.say('GAM asks Omar for the receipt of a parking fine');
    await demo.decide('officer-gam', id, 'fines-check', { decision: 'request-info', note: 'Please send the receipt of the 2025 parking fine' });
    const asked = await demo.call('citizen', 'GET', `/v1/applications/${id}`);
    demo.note(`Omar sees: ${asked.status}`);

    demo.say('Omar answers; GAM approves its step');
    await demo.call('citizen', 'POST', `/v1/applications/${id}/information`, { answer: 'Receipt GAM-2025-44127' });
    await demo.opened('citizen', id, 'fines-check');
    await demo.decide('officer-gam', id, 'fines-check', { decision: 'approve' });

    for (const [stepId, what] of [
      ['insurance-check', 'checks the insurance (stage 1, alongside GAM)'],
      ['technical-inspection', 'records the technical inspection (stage 2)'],
      ['issue-registration', 'issues the registration (stage 3): the last approval issues the document'],
    ] as const) {
      demo.say(`The Driver and Vehicle Licensing Department ${what}`);
      await demo.opened('citizen', id, stepId);
      await demo.decide('officer-dvld', id, stepId, { decision: 'approve' });
    }

    demo.say('Omar tracks it: approved, with its document and the whole timeline');
    const done = await demo.call('citizen', 'GET', `/v1/applications/${id}`);
    demo.note(`status ${done.status}; outcome ${JSON.stringify(done.outcome ?? {})}`);
    for (const entry of done.timeline ?? []) {
      demo.note(`  ${entry.at}  ${entry.by.role}${entry.by.agencyId ? ` (${entry.by.agencyId})` : ''}: ${entry.summary}`);
    }
    if (done.status !== 'approved') {
      throw new Error(`the application ended ${done.status}, not approved`);
    }

    demo.say('Omar was told at each step: his notification inbox');
    const inboxNow = await demo.until(
      'the approval notification',
      () => demo.quietGet('citizen', `/v1/me/notifications?lang=en&limit=100`),
      (page) => page.items.some((item: Json) => item.applicationId === id && item.type === 'ApplicationApproved') && page,
    );
    for (const item of inboxNow.items.filter((entry: Json) => entry.applicationId === id).slice(0, 5)) {
      demo.note(`  ${item.title}`);
    }
  },
};

const newborn: Journey = {
  summary: 'A newborn: one form, four services at three agencies, each starting when the ones it needs are approved',
  async run(demo) {
    const bornOn = ammanDateAfter(new Date(), -5);
    demo.say('Omar reports the birth of Yousef once, for the "newborn" life event');
    const submitted = await demo.call(
      'citizen',
      'POST',
      '/v1/bundles',
      {
        lifeEventId: 'newborn',
        channel: 'portal',
        answers: {
          childFirstName: 'Yousef',
          childFullName: 'Yousef Omar Khaled Haddad',
          childSex: 'male',
          dateOfBirth: bornOn,
          placeOfBirth: 'Al-Bashir Hospital',
          birthNotificationNumber: 'MOH-BN-558812',
          familyBookDelivery: 'post',
        },
      },
      { 'idempotency-key': randomUUID() },
    );
    const bundleId: string = submitted.bundleId;
    demo.note(`bundle ${bundleId}: ${submitted.members.map((member: Json) => `${member.key} (${member.status})`).join(', ')}`);

    const bundle = () => demo.quietGet('citizen', `/v1/bundles/${bundleId}`);
    const member = async (key: string): Promise<string> =>
      demo.until(`${key} to start`, bundle, (current) => current.members.find((entry: Json) => entry.key === key)?.applicationId);
    const approve = async (applicationId: string, stepId: string, officer: string) => {
      await demo.opened('citizen', applicationId, stepId);
      await demo.decide(officer, applicationId, stepId, { decision: 'approve' });
    };

    const plan: Array<[string, string, Array<[string, string]>]> = [
      ['birth', 'Birth registration: the Ministry of Health confirms the notification, the Civil Status Department registers and certifies', [['confirm-notification', 'officer-moh'], ['review-record', 'officer-cspd'], ['issue-certificate', 'officer-cspd']]],
      ['national-number', 'The child\'s national number starts with the birth certificate prefilled; Civil Status assigns it', [['check-birth-record', 'officer-cspd'], ['assign-number', 'officer-cspd']]],
      ['family-book', 'The family book is updated with the new national number', [['review-request', 'officer-cspd'], ['print-book', 'officer-cspd']]],
      ['health-insurance', 'Health insurance enrolment, in parallel with the family book', [['civil-record-check', 'officer-cspd'], ['eligibility-check', 'officer-hia'], ['approve-enrolment', 'officer-hia'], ['issue-card', 'officer-hia']]],
    ];
    for (const [key, story, steps] of plan) {
      demo.say(story);
      const applicationId = await member(key);
      demo.note(`${key} is application ${applicationId}`);
      for (const [stepId, officer] of steps) {
        await approve(applicationId, stepId, officer);
      }
    }

    demo.say('The bundle is complete: four services, four documents, one form');
    const done = await demo.until('the bundle to complete', bundle, (current) => current.status === 'completed' && current);
    await demo.call('citizen', 'GET', `/v1/bundles/${bundleId}`);
    for (const entry of done.members) {
      demo.note(`  ${entry.serviceName.en}: ${entry.status}, document ${entry.documentId}`);
    }
  },
};

const journeys: Record<string, Journey> = { vehicle, newborn };

const usage = [
  'usage: npm run demo [-- <journey>]   (against the local cloud `npm start` runs)',
  '',
  'journeys:',
  ...Object.entries(journeys).map(([name, journey]) => `  ${name.padEnd(10)} ${journey.summary}${name === 'vehicle' ? ' (default)' : ''}`),
].join('\n');

async function main(): Promise<number> {
  let name: string;
  try {
    const { values, positionals } = parseArgs({ allowPositionals: true, options: { help: { type: 'boolean', short: 'h', default: false } } });
    if (values.help) {
      console.log(usage);
      return 0;
    }
    name = positionals[0] ?? 'vehicle';
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  const journey = journeys[name];
  if (!journey) {
    console.error(`no journey "${name}"\n\n${usage}`);
    return 2;
  }
  try {
    const state = readState(path.resolve(process.env.KHIDMA_LOCAL_DIR ?? '.local'));
    console.log(`Khidma demo "${name}" against ${state.apiUrl}: ${journey.summary}`);
    await journey.run(new Demo(state));
    console.log(`\nDone: the "${name}" journey ran to its end.`);
    return 0;
  } catch (error) {
    console.error(`\nThe demo stopped: ${error instanceof LocalCloudError ? error.message : (error as Error).message}`);
    return 1;
  }
}

void main().then((code) => {
  process.exitCode = code;
});
