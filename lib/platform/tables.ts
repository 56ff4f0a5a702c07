// Table definitions shared by the CDK data stack and the local cloud: one shape, two renderers.

export type TableId = 'catalogue' | 'registry' | 'applications' | 'audit' | 'idempotency' | 'engagement' | 'metrics';

export interface KeyAttribute {
  readonly name: string;
  readonly type: 'S' | 'N';
}

export interface IndexDefinition {
  readonly name: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  /** Attributes projected besides the keys; `all` projects the whole item. */
  readonly projection: 'all' | readonly string[];
}

export interface TableDefinition {
  readonly id: TableId;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  readonly indexes: readonly IndexDefinition[];
  readonly stream?: 'NEW_IMAGE' | 'NEW_AND_OLD_IMAGES';
  readonly timeToLiveAttribute?: string;
  /**
   * Derived data each region keeps for itself instead of a replica (a replicated write is billed again in the
   * other region): rebuilt from the replicated tables when a region takes over (the failover plan's last step).
   */
  readonly regional?: true;
}

const pk: KeyAttribute = { name: 'pk', type: 'S' };
const sk: KeyAttribute = { name: 'sk', type: 'S' };
const gsi1: IndexDefinition = {
  name: 'gsi1',
  partitionKey: { name: 'gsi1pk', type: 'S' },
  sortKey: { name: 'gsi1sk', type: 'S' },
  projection: 'all',
};

export const tableDefinitions: readonly TableDefinition[] = [
  {
    id: 'catalogue',
    partitionKey: pk,
    sortKey: sk,
    indexes: [{ ...gsi1, projection: ['summary', 'version'] }],
  },
  // The stream carries new and changed identity links to the identity mirror (the other region's user pool).
  { id: 'registry', partitionKey: pk, sortKey: sk, indexes: [gsi1], stream: 'NEW_AND_OLD_IMAGES' },
  {
    id: 'applications',
    partitionKey: pk,
    sortKey: sk,
    // Narrow projections: the META item is rewritten on every change of an application, and an index that
    // projects it whole is rewritten with it. gsi1 (an applicant's list) carries the list's summary; gsi2 carries
    // the agency inbox's task and, for the reconciler's ACTIVE entries, only keys.
    indexes: [
      { ...gsi1, projection: ['status', 'summary'] },
      {
        name: 'gsi2',
        partitionKey: { name: 'gsi2pk', type: 'S' },
        sortKey: { name: 'gsi2sk', type: 'S' },
        projection: ['task'],
      },
    ],
    stream: 'NEW_IMAGE',
    timeToLiveAttribute: 'expiresAt',
  },
  { id: 'audit', partitionKey: pk, sortKey: sk, indexes: [gsi1], stream: 'NEW_IMAGE' },
  { id: 'idempotency', partitionKey: { name: 'id', type: 'S' }, indexes: [], timeToLiveAttribute: 'expiration' },
  // Notifications, ratings and complaints; the stream carries the complaints' outbox (EVT# items) to notifications.
  {
    id: 'engagement',
    partitionKey: pk,
    sortKey: sk,
    indexes: [gsi1, { name: 'gsi2', partitionKey: { name: 'gsi2pk', type: 'S' }, sortKey: { name: 'gsi2sk', type: 'S' }, projection: 'all' }],
    stream: 'NEW_IMAGE',
    timeToLiveAttribute: 'expiresAt',
  },
  // The KPI aggregates: counters, the facts later events need and the counted markers (functions/kpis). Derived
  // from the applications' events, so regional: about a quarter of an application's write units, not replicated.
  { id: 'metrics', partitionKey: pk, sortKey: sk, indexes: [], timeToLiveAttribute: 'expiresAt', regional: true },
];

export const replicatedTables = tableDefinitions.filter((definition) => !definition.regional);

export function tableName(stage: string, id: TableId): string {
  return `khidma-${stage}-${id}`;
}

export function tableEnvName(id: TableId): string {
  return `TABLE_${id.toUpperCase()}`;
}
