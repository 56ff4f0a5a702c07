// Every AWS SDK call a traced client makes becomes an X-Ray subsegment under the invocation's segment, sent to the
// daemon's UDP address in the documented format, with the call's outcome; nothing is sent for an unsampled
// invocation. The calls go to DynamoDB Local; a UDP socket stands in for the X-Ray daemon.
import { createSocket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { refreshEnvironment } from '../../functions/shared/environment';
import { currentTrace, daemonAddress, traced } from '../../functions/shared/tracing';
import { localDynamoDbClient } from '../../local/dynamodb';
import { unitTables } from '../support/unit-tables';
import { until } from '../support/wait';

const tables = unitTables('khidma-tracing-');
const daemon = createSocket('udp4');
const received: string[] = [];
const ROOT = '1-5759e988-bd862e3fe1be46a994272793';
const PARENT = '53995c3f42cd8ad8';
const tracedClient = () => traced(localDynamoDbClient(tables.endpoint));

beforeAll(async () => {
  daemon.on('message', (message) => received.push(message.toString('utf8')));
  await new Promise<void>((resolve) => daemon.bind(0, '127.0.0.1', resolve));
  process.env.AWS_XRAY_DAEMON_ADDRESS = `127.0.0.1:${(daemon.address() as AddressInfo).port}`;
  refreshEnvironment();
});
afterAll(() => {
  daemon.close();
  delete process.env.AWS_XRAY_DAEMON_ADDRESS;
  delete process.env._X_AMZN_TRACE_ID;
  refreshEnvironment();
});

async function datagrams(count: number): Promise<Array<Record<string, any>>> {
  await until(`${count} datagram(s) at the daemon`, async () => received.length >= count);
  return received.map((datagram) => {
    const [header, document] = datagram.split('\n');
    expect(JSON.parse(header!)).toEqual({ format: 'json', version: 1 });
    return JSON.parse(document!);
  });
}

test('a sampled invocation: each call is a subsegment of the function segment, with operation, table, status and failures', async () => {
  const client = DynamoDBDocumentClient.from(tracedClient());
  process.env._X_AMZN_TRACE_ID = `Root=${ROOT};Parent=${PARENT};Sampled=1;Lineage=a87bd80c:0`;
  const table = tables.table('catalogue');
  await client.send(new PutCommand({ TableName: table, Item: { pk: 'TRACE#1', sk: 'A', value: 1 } }));
  await expect(client.send(new GetCommand({ TableName: 'no-such-table', Key: { pk: 'x', sk: 'y' } }))).rejects.toThrow();
  const [put, get] = (await datagrams(2)) as [Record<string, any>, Record<string, any>];
  expect(put).toMatchObject({
    type: 'subsegment',
    trace_id: ROOT,
    parent_id: PARENT,
    name: 'DynamoDB',
    namespace: 'aws',
    http: { response: { status: 200 } },
    aws: { operation: 'PutItem', table_name: table, retries: 0 },
  });
  expect(put.id).toMatch(/^[0-9a-f]{16}$/);
  expect(put.end_time).toBeGreaterThanOrEqual(put.start_time);
  expect(put.error ?? put.fault).toBeUndefined();
  expect(get).toMatchObject({ aws: { operation: 'GetItem', table_name: 'no-such-table' }, http: { response: { status: 400 } }, error: true, cause: { exceptions: [{ type: 'ResourceNotFoundException' }] } });
  expect(get.fault).toBeUndefined();
});

test('an unsampled invocation, or none, sends nothing', async () => {
  received.length = 0;
  const client = DynamoDBDocumentClient.from(tracedClient());
  process.env._X_AMZN_TRACE_ID = `Root=${ROOT};Parent=${PARENT};Sampled=0`;
  await client.send(new GetCommand({ TableName: tables.table('catalogue'), Key: { pk: 'TRACE#1', sk: 'A' } }));
  delete process.env._X_AMZN_TRACE_ID;
  await client.send(new GetCommand({ TableName: tables.table('catalogue'), Key: { pk: 'TRACE#1', sk: 'A' } }));
  // A sampled call after them is the only datagram: the unsampled ones sent nothing before it.
  process.env._X_AMZN_TRACE_ID = `Root=${ROOT};Parent=${PARENT};Sampled=1`;
  await client.send(new GetCommand({ TableName: tables.table('catalogue'), Key: { pk: 'TRACE#1', sk: 'A' } }));
  const documents = await datagrams(1);
  expect(documents).toHaveLength(1);
  expect(documents[0]).toMatchObject({ aws: { operation: 'GetItem' } });
});

test('reads the trace header and the daemon address as Lambda sets them', () => {
  expect(currentTrace(`Root=${ROOT};Parent=${PARENT};Sampled=1`)).toEqual({ root: ROOT, parent: PARENT });
  expect(currentTrace(`Root=${ROOT};Sampled=1`)).toBeUndefined();
  expect(currentTrace('')).toBeUndefined();
  expect(daemonAddress('169.254.79.129:2000')).toEqual({ host: '169.254.79.129', port: 2000 });
  expect(daemonAddress('tcp:169.254.79.129:2000 udp:169.254.79.130:2001')).toEqual({ host: '169.254.79.130', port: 2001 });
});
