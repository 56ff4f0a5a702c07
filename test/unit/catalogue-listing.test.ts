// The catalogue listing's snapshot on DynamoDB Local: a listing before any fold (the index and the deltas), the
// fold into several compressed parts, a card saved after the fold seen at once, concurrent folds, a torn read of a
// fold's transaction, a newer delta kept when its older version is folded, and a save that collided with a
// transaction in flight tried again.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { ServiceCard } from '../../schemas/services';
import { dynamoCatalogue } from '../../functions/services/dynamo-catalogue';
import { storedSummary } from '../../functions/services/domain/catalogue';
import { VersionConflict } from '../../functions/shared/errors';
import { referenceAgencies } from '../../reference/agencies';
import { referenceServices } from '../../reference/services';
import { unitTables } from '../support/unit-tables';

const local = unitTables('khidma-listing-');
const SERVICES = 40;

function card(index: number, version: number, name = `Listed service ${index}`): ServiceCard {
  const source = referenceServices[index % referenceServices.length]!.card;
  return {
    ...structuredClone(source),
    serviceId: `listed-${index}`,
    name: { ar: `خدمة ${index}`, en: name },
    version,
    lifecycleStage: 'launched',
    priorityScore: 50,
    updatedAt: new Date().toISOString(),
    updatedBy: 'listing-test',
  };
}

async function save(catalogue: ReturnType<typeof dynamoCatalogue>, next: ServiceCard) {
  await catalogue.saveVersion(next, storedSummary(next, referenceAgencies), next.version - 1);
}

async function partition() {
  const { Items = [] } = await local.documents.send(
    new QueryCommand({ TableName: local.table('catalogue'), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'LISTING#SERVICES' }, ConsistentRead: true }),
  );
  return Items.map((item) => String(item.sk));
}

const names = async (catalogue: ReturnType<typeof dynamoCatalogue>) =>
  new Map((await catalogue.listSummaries()).map((summary) => [summary.serviceId, summary.name.en]));

it('lists every saved card before the first fold, then from a snapshot in several parts, and a card saved after it at once', async () => {
  const catalogue = dynamoCatalogue(local.documents, local.table('catalogue'), { listingPartBytes: 1_000 });
  for (let index = 0; index < SERVICES; index++) {
    await save(catalogue, card(index, 1));
  }
  const expected = new Map(Array.from({ length: SERVICES }, (_, index) => [`listed-${index}`, `Listed service ${index}`]));
  expect(await names(catalogue)).toEqual(expected);
  expect((await partition()).filter((sk) => sk.startsWith('DELTA#'))).toHaveLength(SERVICES);

  const fold = await catalogue.foldListing(new Date());
  expect(fold).toMatchObject({ folded: SERVICES, services: SERVICES });
  expect(fold.parts).toBe(Math.ceil(fold.bytes / 1_000));
  expect(fold.parts).toBeGreaterThan(1);
  const afterFold = await partition();
  expect(afterFold.filter((sk) => sk.startsWith('DELTA#'))).toEqual([]);
  expect(afterFold.filter((sk) => sk.startsWith('PART#'))).toHaveLength(fold.parts);
  expect(await names(catalogue)).toEqual(expected);
  expect(await catalogue.foldListing(new Date())).toEqual({ folded: 0, services: SERVICES, parts: fold.parts, bytes: fold.bytes });

  await save(catalogue, card(3, 2, 'Renamed service 3'));
  expect((await names(catalogue)).get('listed-3')).toBe('Renamed service 3');
  expect(await partition()).toContain('DELTA#listed-3');

  // Two folds at once: one writes the next generation, the other finds it moved and leaves the delta for later.
  const racing = await Promise.all([catalogue.foldListing(new Date()), catalogue.foldListing(new Date())]);
  expect(racing.map((figures) => figures.folded).sort()).toEqual([0, 1]);
  expect(await partition()).not.toContain('DELTA#listed-3');
  expect((await names(catalogue)).get('listed-3')).toBe('Renamed service 3');

  // A larger slice: fewer parts, the old generation's extra parts deleted in the same transaction.
  const wider = dynamoCatalogue(local.documents, local.table('catalogue'), { listingPartBytes: 300_000 });
  await save(wider, card(4, 2, 'Renamed service 4'));
  expect(await wider.foldListing(new Date())).toMatchObject({ folded: 1, parts: 1 });
  expect((await partition()).filter((sk) => sk.startsWith('PART#'))).toEqual(['PART#0000']);
  expect(await names(wider)).toEqual(new Map([...expected, ['listed-3', 'Renamed service 3'], ['listed-4', 'Renamed service 4']]));
});

it('reads the index when a listing sees a head without its parts (a torn read of a fold), and keeps a newer delta', async () => {
  const catalogue = dynamoCatalogue(local.documents, local.table('catalogue'));
  const table = local.table('catalogue');
  const { Items: [head] = [] } = await local.documents.send(new QueryCommand({ TableName: table, KeyConditionExpression: 'pk = :pk AND sk = :sk', ExpressionAttributeValues: { ':pk': 'LISTING#SERVICES', ':sk': 'HEAD' } }));
  expect(head).toBeDefined();
  // A head of a generation whose parts are not there: the listing is read from the index, never half a snapshot.
  await local.documents.send(new PutCommand({ TableName: table, Item: { ...head, generation: Number(head!.generation) + 1 } }));
  const listed = await names(catalogue);
  expect(listed.size).toBe(SERVICES);
  expect(listed.get('listed-4')).toBe('Renamed service 4');
  await local.documents.send(new PutCommand({ TableName: table, Item: head! }));

  // A newer version put after a fold read its delta (here: right after the fold's transaction, before the fold
  // deletes what it folded) stays for the next fold.
  await save(catalogue, card(5, 2, 'Renamed service 5'));
  let raced = false;
  const racing = Object.create(local.documents) as typeof local.documents;
  racing.send = (async (command: unknown) => {
    const output = await local.documents.send(command as never);
    if (!raced && command instanceof TransactWriteCommand) {
      raced = true;
      await save(catalogue, card(5, 3, 'Renamed again 5'));
    }
    return output;
  }) as typeof racing.send;
  expect(await dynamoCatalogue(racing, table).foldListing(new Date())).toMatchObject({ folded: 1 });
  expect(raced).toBe(true);
  expect(await partition()).toContain('DELTA#listed-5');
  expect((await names(catalogue)).get('listed-5')).toBe('Renamed again 5');
  expect(await catalogue.foldListing(new Date())).toMatchObject({ folded: 1 });
  expect(await partition()).not.toContain('DELTA#listed-5');
  expect((await names(catalogue)).get('listed-5')).toBe('Renamed again 5');
});

it('saves a card again when its transaction collided with one in flight (a fold deleting its delta), and still refuses a stale version', async () => {
  const table = local.table('catalogue');
  const collided = { times: 0 };
  const colliding = Object.create(local.documents) as typeof local.documents;
  colliding.send = (async (command: unknown) => {
    if (collided.times === 0 && command instanceof TransactWriteCommand) {
      collided.times += 1;
      throw new TransactionCanceledException({
        message: 'Transaction cancelled, please refer cancellation reasons for specific reasons [None, None, TransactionConflict]',
        $metadata: {},
        CancellationReasons: [{ Code: 'None' }, { Code: 'None' }, { Code: 'TransactionConflict' }],
      });
    }
    return local.documents.send(command as never);
  }) as typeof colliding.send;
  const catalogue = dynamoCatalogue(colliding, table);
  await save(catalogue, card(6, 2, 'Renamed service 6'));
  expect(collided.times).toBe(1);
  expect((await names(catalogue)).get('listed-6')).toBe('Renamed service 6');
  await expect(save(catalogue, card(6, 2, 'Stale rename 6'))).rejects.toBeInstanceOf(VersionConflict);
  expect((await names(catalogue)).get('listed-6')).toBe('Renamed service 6');
});
