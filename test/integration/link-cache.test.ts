// The identity-link cache in front of DynamoDB Local: settled links are kept, unsettled ones read every time.
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { tableName } from '../../lib/platform/tables';
import { dynamoRegistry } from '../../functions/registry/dynamo-registry';
import { withLinkCache } from '../../functions/shared/link-cache';
import { tables } from '../support/api';

const REGISTRY = tableName('local', 'registry');
const store = () => dynamoRegistry(tables(), { registry: REGISTRY, audit: tableName('local', 'audit') });
const linkKey = (sub: string) => ({ TableName: REGISTRY, Key: { pk: `IDENTITY#${sub}`, sk: 'LINK' } });

it('keeps a settled link: a second read does not reach the table', async () => {
  const cached = withLinkCache(store());
  const sub = `cache-${ulid()}`;
  await store().putLink({ sub, username: sub, role: 'operator', mfaEnrolled: true, createdAt: new Date().toISOString() });
  expect(await cached.getLink(sub)).toMatchObject({ sub, role: 'operator' });
  await tables().send(new DeleteCommand(linkKey(sub)));
  expect(await cached.getLink(sub)).toMatchObject({ sub, role: 'operator' });
  // Another function's cache (a fresh container) reads the table.
  expect(await withLinkCache(store()).getLink(sub)).toBeUndefined();
});

it('reads an unsettled staff link every time, so an enrolment counts at once', async () => {
  const cached = withLinkCache(store());
  const sub = `cache-${ulid()}`;
  await store().putLink({ sub, username: sub, role: 'officer', agencyId: 'gam', createdAt: new Date().toISOString() });
  expect((await cached.getLink(sub))?.mfaEnrolled).toBeUndefined();
  await tables().send(new UpdateCommand({ ...linkKey(sub), UpdateExpression: 'SET #link.mfaEnrolled = :yes', ExpressionAttributeNames: { '#link': 'link' }, ExpressionAttributeValues: { ':yes': true } }));
  expect((await cached.getLink(sub))?.mfaEnrolled).toBe(true);
});

it('keeps at most its bound, oldest out first', async () => {
  const cached = withLinkCache(store(), 2);
  const subs = [`cache-${ulid()}`, `cache-${ulid()}`, `cache-${ulid()}`];
  for (const sub of subs) {
    await store().putLink({ sub, username: sub, role: 'citizen', subject: { kind: 'persons', recordId: `9${ulid().slice(-9)}` }, createdAt: new Date().toISOString() });
    await cached.getLink(sub);
  }
  for (const sub of subs) {
    await tables().send(new DeleteCommand(linkKey(sub)));
  }
  // The oldest went out when the third came in.
  expect(await cached.getLink(subs[0]!)).toBeUndefined();
  expect(await cached.getLink(subs[2]!)).toMatchObject({ sub: subs[2] });
});
