// After a failover, global tables may have replicated a submission's idempotency claim but not its application
// (tables replicate independently; the region was lost in between). The key's replay must create the application,
// once, rather than answer 404 forever. The drill (dr-drill.test.ts) meets this by chance; here it is made.
import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../../lib/platform/tables';
import { api, tables, tokenFor } from '../support/api';

const VEHICLE = {
  serviceId: 'vehicle-registration-renewal',
  answers: { plateNumber: '12-34567', chassisNumber: 'JTDBR32E540012345', insurancePolicyNumber: 'POL-2026-99881' },
  channel: 'portal',
};
const subOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).sub as string;

it('a replayed key whose claim outlived its application creates the application, once', async () => {
  const token = await tokenFor('citizen');
  const key = `orphan-${randomUUID()}`;
  const claim = { id: `${subOf(token)}#${key}`, bodyHash: 'of-the-lost-request', applicationId: '01JORPHANED0000000000000000', expiration: Math.floor(Date.now() / 1000) + 3600 };
  await tables().send(new PutCommand({ TableName: tableName('local', 'idempotency'), Item: claim }));

  const replay = () => api('/v1/applications', { method: 'POST', token, body: VEHICLE, headers: { 'idempotency-key': key } });
  const first = await replay();
  expect(first.status).toBe(201);
  expect(first.body.status).toBe('submitted');
  const again = await replay();
  expect({ status: again.status, applicationId: again.body.applicationId }).toEqual({ status: 200, applicationId: first.body.applicationId });
  const { Item } = await tables().send(new GetCommand({ TableName: tableName('local', 'idempotency'), Key: { id: claim.id }, ConsistentRead: true }));
  expect(Item?.applicationId).toBe(first.body.applicationId);
});
