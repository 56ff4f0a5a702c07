// The volume section's bulk loader: applications cloned from real ones (a submission the local cloud took and
// ran to its first agencies' inboxes, and one it approved), their items rebuilt by the stores' own item builders
// (applicationItem, formPut, taskItem: the same keys and index entries the handlers write), written by parallel
// BatchWriteItem into the real tables (lib/platform/tables.ts, created by local/dynamodb.ts); and service cards
// saved through the catalogue store as an operator's edit saves them.
import { BatchWriteCommand, type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type FixedPart, FORM_SK, formPut, joinApplication } from '../../functions/applications/application-items';
import { applicationItem } from '../../functions/applications/dynamo-applications';
import { taskItem } from '../../functions/applications/dynamo-tasks';
import type { StoredApplication } from '../../functions/applications/domain/applications';
import type { Task } from '../../functions/applications/domain/tasks';
import { storedSummary, type CatalogueDeps } from '../../functions/services/domain/catalogue';
import { tableName } from '../../lib/platform/tables';
import type { ServiceCard } from '../../schemas/services';

type Item = Record<string, unknown>;
const DAY = 86_400_000;
const ISO = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g;

/** One application's items as the local cloud wrote them: META, its events, its reference, its tasks. */
export interface Template {
  readonly application: StoredApplication;
  readonly json: string;
  readonly at: number;
}

/** The items of an application the local cloud wrote (read back, not made up). */
export async function captureTemplate(client: DynamoDBDocumentClient, applicationId: string): Promise<Template> {
  const table = tableName('local', 'applications');
  const { Items = [] } = await client.send(new QueryCommand({ TableName: table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `APP#${applicationId}` } }));
  const application = joinedApplication(Items);
  const steps = application.stages.flatMap((stage) => stage.steps.map((step) => step.stepId));
  const tasks = await Promise.all(steps.map(async (stepId) => (await client.send(new GetCommand({ TableName: table, Key: { pk: `TASK#${applicationId}.${stepId}`, sk: 'META' } }))).Item));
  const reference = (await client.send(new GetCommand({ TableName: table, Key: { pk: `REF#${application.reference}`, sk: 'REF' } }))).Item;
  const items = [...Items, ...tasks, reference].filter((item): item is Item => item !== undefined);
  return { application, json: JSON.stringify(items), at: Date.parse(application.createdAt) };
}

export interface Clone {
  readonly index: number;
  /** The applicant's record id and account (sub), or a made-up one. */
  readonly recordId: string;
  readonly ownerSub?: string;
  readonly createdAt: number;
  /** The agency each of the template's agencies becomes (its tasks in that agency's inbox). */
  readonly agencies: Readonly<Record<string, string>>;
  /** Escalate its open tasks already due (the SLA sweep did, in the history this stands for). */
  readonly escalateDue: number;
}

/** The application its META and FORM items hold (application-items.ts). */
const joinedApplication = (items: readonly Item[]): StoredApplication =>
  joinApplication(items.find((item) => item.sk === 'META')!, items.find((item) => item.sk === FORM_SK)?.fixed as FixedPart | undefined);

const replaceAll = (text: string, from: string, to: string) => (from ? text.split(from).join(to) : text);

/** The clone's items: ids, applicant, times and agencies replaced, index keys rebuilt by the stores' builders. */
export function cloneItems(template: Template, clone: Clone): Item[] {
  const { application } = template;
  const applicationId = `${application.applicationId.slice(0, 10)}V${String(clone.index).padStart(15, '0')}`;
  const reference = `${(application.reference ?? 'APP').split('-')[0]}-VOL-${clone.index.toString(36).toUpperCase().padStart(6, '0')}`;
  const applicant = application.applicant as { recordId: string };
  let json = replaceAll(replaceAll(template.json, application.applicationId, applicationId), application.reference ?? '', reference);
  json = replaceAll(json, `"recordId":"${applicant.recordId}"`, `"recordId":"${clone.recordId}"`);
  if (application.ownerSub) {
    json = replaceAll(json, application.ownerSub, clone.ownerSub ?? `volume-${clone.recordId}`);
  }
  for (const [from, to] of Object.entries(clone.agencies)) {
    json = replaceAll(json, `"agencyId":"${from}"`, `"agencyId":"${to}"`);
  }
  const shift = clone.createdAt - template.at;
  json = json.replace(ISO, (at) => new Date(Date.parse(at) + shift).toISOString());
  const items = JSON.parse(json) as Item[];
  const cloned = joinedApplication(items.filter((item) => String(item.pk).startsWith('APP#')));
  return items.map((item) => {
    if (item.sk === 'META' && item.application) {
      return applicationItem(cloned);
    }
    if (item.sk === FORM_SK) {
      return formPut(tableName('local', 'applications'), cloned).Put!.Item!;
    }
    if (item.sk === 'META' && item.task) {
      const task = item.task as Task;
      const escalate = task.status === 'open' && !task.escalatedAt && Date.parse(task.dueAt) < clone.escalateDue;
      return taskItem(escalate ? { ...task, escalatedAt: new Date(Date.parse(task.dueAt) + 60_000).toISOString(), version: task.version + 1 } : task);
    }
    return item;
  });
}

/** Writes the items 25 to a BatchWriteItem, `parallel` batches at once, unprocessed items retried. */
export async function batchWrite(client: DynamoDBDocumentClient, table: string, items: AsyncIterable<Item[]> | Iterable<Item[]>, parallel: number): Promise<number> {
  let written = 0;
  const running = new Set<Promise<void>>();
  const put = async (batch: Item[]) => {
    let requests: Item[] | undefined = batch.map((item) => ({ PutRequest: { Item: item } }));
    for (let attempt = 0; requests?.length; attempt++) {
      if (attempt > 0) {
        await new Promise((resolve) => setTimeout(resolve, Math.min(500, 10 * 2 ** attempt)));
      }
      const { UnprocessedItems }: { UnprocessedItems?: Record<string, Item[]> } = await client.send(new BatchWriteCommand({ RequestItems: { [table]: requests as never } }));
      requests = UnprocessedItems?.[table];
    }
    written += batch.length;
  };
  let pending: Item[] = [];
  const flush = async (batch: Item[]) => {
    const task = put(batch).finally(() => running.delete(task));
    running.add(task);
    if (running.size >= parallel) {
      await Promise.race(running);
    }
  };
  for await (const group of items) {
    pending.push(...group);
    while (pending.length >= 25) {
      await flush(pending.slice(0, 25));
      pending = pending.slice(25);
    }
  }
  if (pending.length) {
    await flush(pending);
  }
  await Promise.all(running);
  return written;
}

export interface LoadPlan {
  /** Applications to add, numbered from `from` (so a second load adds to the first). */
  readonly from: number;
  readonly count: number;
  readonly applicants: number;
  readonly agencies: readonly string[];
  /** One in `activeEvery` is in flight (its first stage's tasks open), the others approved. */
  readonly activeEvery: number;
  readonly citizen: { readonly recordId: string; readonly ownerSub?: string };
  readonly now: number;
}

/**
 * The clones of a plan: applicant `n % applicants` (applicant 0 is the measured citizen), created 3 to 365 days ago
 * (in flight: 3 to 30 days; none inside the reconciler's window, none coming due during the run), each in-flight
 * application's agencies rotated over all seeded agencies.
 */
export function* plannedItems(templates: { active: Template; approved: Template }, plan: LoadPlan): Generator<Item[]> {
  const templateAgencies = [...new Set(templates.active.application.stages.flatMap((stage) => stage.steps.map((step) => step.agencyId)))];
  for (let index = plan.from; index < plan.from + plan.count; index++) {
    const active = index % plan.activeEvery === 0;
    const applicant = index % plan.applicants;
    const days = active ? 3 + (index % 28) : 3 + (index % 363);
    const agencies = Object.fromEntries(templateAgencies.map((agencyId, n) => [agencyId, plan.agencies[(index + n) % plan.agencies.length]!]));
    yield cloneItems(active ? templates.active : templates.approved, {
      index,
      recordId: applicant === 0 ? plan.citizen.recordId : `VOL${String(applicant).padStart(8, '0')}`,
      ...(applicant === 0 && plan.citizen.ownerSub ? { ownerSub: plan.citizen.ownerSub } : {}),
      createdAt: plan.now - days * DAY - (index % 86_400) * 1000,
      agencies,
      escalateDue: plan.now,
    });
  }
}

/** `count` cards more, copies of the seeded ones under ids, names and descriptions of their own, saved as an operator's edit saves them. */
export async function loadCards(deps: Pick<CatalogueDeps, 'catalogue'>, count: number, parallel: number): Promise<number> {
  const [summaries, agencies] = await Promise.all([deps.catalogue.listSummaries(), deps.catalogue.listAgencies()]);
  const seeded = (await Promise.all(summaries.map((summary) => deps.catalogue.getCurrent(summary.serviceId)))).filter((card): card is ServiceCard => card !== undefined);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < count; index = next++) {
      const source = seeded[index % seeded.length]!;
      // Names and descriptions of their own: a search for a seeded card's words finds as many cards at every size.
      const card: ServiceCard = {
        ...source,
        serviceId: `volume-service-${index}`,
        name: { ar: `خدمة رقم ${index}`, en: `Service number ${index}` },
        description: { ar: `وصف الخدمة رقم ${index}`, en: `Description of service number ${index}` },
        version: 1,
      };
      await deps.catalogue.saveVersion(card, storedSummary(card, agencies), 0);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return count;
}
