// A client of a running local cloud (the child process of `npm start`, or the bench's in-process one): demo-user
// tokens, API calls, the two-agency application, officers' decisions, and direct table reads for waiting.
import { randomUUID } from 'node:crypto';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../lib/platform/tables';
import type { LocalIdentity } from '../local/cognito/pool';
import { readDemoTotpSecrets } from '../local/cognito/demo-accounts';
import { signIn } from '../local/cognito/sign-in';
import { demoPassword } from '../local/demo-users';
import { localDynamoDbClient } from '../local/dynamodb';
import { referenceServices } from '../reference/services';

export interface CloudAddress {
  readonly apiUrl: string;
  readonly dynamoDbEndpoint: string;
  readonly cognitoEndpoint: string;
  readonly identity: LocalIdentity;
  readonly totpFile: string;
  /** The payment provider's stand-in (local/payment-simulator.ts), where the cloud runs one in the bench's process. */
  readonly paymentProviderUrl?: string;
}

/** Two agencies (DVLD and GAM), three stages, four agency steps: the seeded two-agency service open for applications. */
export const SERVICE_ID = 'vehicle-registration-renewal';
export const VEHICLE = {
  serviceId: SERVICE_ID,
  channel: 'portal',
  answers: { plateNumber: '12-34567', chassisNumber: 'JTDBR32E540012345', insurancePolicyNumber: 'POL-2026-99881' },
};
const card = referenceServices.find((service) => service.serviceId === SERVICE_ID)!.card;
export const vehicleStages = card.workflow.map((stage) => stage.steps.map((step) => ({ stepId: step.stepId, agencyId: step.agencyId })));
export const vehicleSteps = vehicleStages.flat();
export const vehicleAgencies = [...new Set(vehicleSteps.map((step) => step.agencyId))];

export interface ApiAnswer {
  readonly status: number;
  readonly body: any;
  /** Seconds from the Retry-After header, when the answer has one. */
  readonly retryAfter?: number;
}

/** An answer that says "not now, come back after Retry-After": throttled, busy, or the key's first request still in progress. */
export const toldToRetry = (answer: ApiAnswer) =>
  answer.retryAfter !== undefined && (answer.status === 429 || answer.status === 503 || (answer.status === 409 && answer.body?.error?.code === 'submission_in_progress'));

export class CloudClient {
  private readonly tokens = new Map<string, Promise<string>>();
  readonly tables: DynamoDBDocumentClient;
  /** The last answer to a decision on each task: status and error code, to explain a task that stays open. */
  readonly decisions = new Map<string, string>();

  constructor(readonly address: CloudAddress) {
    this.tables = DynamoDBDocumentClient.from(localDynamoDbClient(address.dynamoDbEndpoint));
  }

  token(username: string): Promise<string> {
    if (!this.tokens.has(username)) {
      const { cognitoEndpoint, identity, totpFile } = this.address;
      const secret = readDemoTotpSecrets(totpFile)[username];
      this.tokens.set(username, signIn(cognitoEndpoint, identity, username, demoPassword, 'portal', secret).then((result) => result.accessToken));
    }
    return this.tokens.get(username)!;
  }

  async call(path: string, username?: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<ApiAnswer> {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...init.headers };
    if (username) {
      headers.authorization = `Bearer ${await this.token(username)}`;
    }
    const response = await fetch(`${this.address.apiUrl}${path}`, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
    const text = await response.text();
    const retryAfter = response.headers.get('retry-after');
    return { status: response.status, body: text ? JSON.parse(text) : undefined, ...(retryAfter ? { retryAfter: Number(retryAfter) } : {}) };
  }

  submit(idempotencyKey: string = randomUUID(), username = 'citizen'): Promise<ApiAnswer> {
    return this.call('/v1/applications', username, { method: 'POST', body: VEHICLE, headers: { 'idempotency-key': idempotencyKey } });
  }

  /**
   * A submission retried as the platform tells a client to: after each 429, 503 or 409 submission_in_progress,
   * wait Retry-After (with up to half again of jitter, so retries do not arrive together) and send it again with
   * the same key. Every answer, the last one last.
   */
  async submitAsTold(idempotencyKey: string, maxAttempts = 60): Promise<ApiAnswer[]> {
    const answers: ApiAnswer[] = [];
    for (let attempt = 1; ; attempt += 1) {
      const answer = await this.submit(idempotencyKey);
      answers.push(answer);
      if (!toldToRetry(answer) || attempt >= maxAttempts) {
        return answers;
      }
      await sleep(answer.retryAfter! * 1000 * (1 + Math.random() / 2));
    }
  }

  /** One page of the agency's open tasks (what an officer's inbox screen reads). */
  inboxPage(agencyId: string, limit = 100, cursor?: string): Promise<ApiAnswer> {
    return this.call(`/v1/agencies/${agencyId}/tasks?status=open&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, `officer-${agencyId}`);
  }

  async openTasks(agencyId: string): Promise<Array<{ taskId: string; applicationId: string; stepId: string }>> {
    const tasks = [];
    let cursor: string | undefined;
    do {
      const page = await this.inboxPage(agencyId, 100, cursor);
      tasks.push(...(page.body?.items ?? []));
      cursor = page.body?.nextCursor;
    } while (cursor);
    return tasks;
  }

  async decide(agencyId: string, taskId: string): Promise<ApiAnswer> {
    const answer = await this.call(`/v1/tasks/${taskId}/decision`, `officer-${agencyId}`, { method: 'POST', body: { decision: 'approve' } });
    this.decisions.set(taskId, `${answer.status}${answer.body?.error?.code ? ` ${answer.body.error.code}` : ''}`);
    return answer;
  }

  /** Straight from the table (not through the API, not metered): the application's status. */
  async status(applicationId: string): Promise<string | undefined> {
    const { Item } = await this.tables.send(new GetCommand({ TableName: tableName('local', 'applications'), Key: { pk: `APP#${applicationId}`, sk: 'META' }, ConsistentRead: true }));
    return Item?.status as string | undefined;
  }

  async taskStatus(taskId: string): Promise<string | undefined> {
    return (await this.task(taskId))?.status;
  }

  async task(taskId: string): Promise<{ status?: string; delivered?: boolean } | undefined> {
    const { Item } = await this.tables.send(new GetCommand({ TableName: tableName('local', 'applications'), Key: { pk: `TASK#${taskId}`, sk: 'META' }, ConsistentRead: true }));
    return Item?.task as { status?: string; delivered?: boolean } | undefined;
  }

  /**
   * Approves every open task of these applications until all are approved; returns those that are not, once
   * `timeoutMs` is up or nothing moved (no decision made, none approved) for `stallMs`.
   */
  async driveToApproval(applicationIds: readonly string[], timeoutMs: number, stallMs = 20_000): Promise<string[]> {
    const pending = new Set(applicationIds);
    let moved = Date.now();
    for (const deadline = Date.now() + timeoutMs; pending.size > 0 && Date.now() < deadline && Date.now() - moved < stallMs; await sleep(200)) {
      for (const agencyId of vehicleAgencies) {
        const mine = (await this.openTasks(agencyId)).filter((task) => pending.has(task.applicationId));
        const decided = await Promise.all(mine.map((task) => this.decide(agencyId, task.taskId)));
        moved = decided.some((answer) => answer.status === 200) ? Date.now() : moved;
      }
      for (const applicationId of [...pending]) {
        if ((await this.status(applicationId)) === 'approved') {
          pending.delete(applicationId);
          moved = Date.now();
        }
      }
    }
    return [...pending];
  }

  close(): void {
    this.tables.destroy();
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000, everyMs = 50): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; ; await sleep(everyMs)) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
  }
}
