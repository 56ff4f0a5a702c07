// DynamoDB stream consumer of the registry table: copies each new or changed identity link's account to the other
// region's user pool (domain/mirror.ts). In order per shard; a failure reports its record, so the stream retries
// from it. Without a stand-by pool (a local cloud on its own) there is nothing to copy to.
import { CognitoIdentityProviderClient, type CognitoIdentityProviderClientConfig } from '@aws-sdk/client-cognito-identity-provider';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { dynamo, requireTable } from '../shared/dynamo';
import { environment, refreshEnvironment } from '../shared/environment';
import type { IdentityLink } from '../shared/identity';
import { logger } from '../shared/logger';
import { cognitoAccountSource, cognitoMirrorDirectory } from './cognito-mirror';
import { type MirrorDeps, mirrorIdentity } from './domain/mirror';
import { dynamoMirrorLinks } from './dynamo-mirror-links';
import { traced } from '../shared/tracing';

/** A pool's client: its own region (a pool answers nowhere else), or a local emulator's endpoint. */
function poolClient(region: string | undefined, endpoint: string | undefined): CognitoIdentityProviderClient {
  const config: CognitoIdentityProviderClientConfig = endpoint ? { endpoint, region: region ?? 'local' } : { region };
  return traced(new CognitoIdentityProviderClient(config));
}

let deps: MirrorDeps | undefined;

/** undefined: no stand-by pool is configured. */
export function mirrorDeps(): MirrorDeps | undefined {
  const env = environment();
  const { USER_POOL_ID, STANDBY_USER_POOL_ID } = env;
  if (!USER_POOL_ID || !STANDBY_USER_POOL_ID) {
    return undefined;
  }
  deps ??= {
    source: cognitoAccountSource(poolClient(env.USER_POOL_REGION, env.COGNITO_ENDPOINT), USER_POOL_ID),
    target: cognitoMirrorDirectory(poolClient(env.STANDBY_USER_POOL_REGION, env.STANDBY_COGNITO_ENDPOINT), STANDBY_USER_POOL_ID),
    store: dynamoMirrorLinks(dynamo, () => requireTable('registry')),
    now: () => new Date(),
  };
  return deps;
}

/** Resets the wiring (tests and the local cloud point it at other pools). */
export function resetMirrorDeps(): void {
  deps = undefined;
  refreshEnvironment();
}

function linkOf(record: DynamoDBRecord): IdentityLink | undefined {
  const { Keys, NewImage } = record.dynamodb ?? {};
  const isLink = Keys?.pk?.S?.startsWith('IDENTITY#') && Keys.sk?.S === 'LINK';
  if (!isLink || !NewImage || (record.eventName !== 'INSERT' && record.eventName !== 'MODIFY')) {
    return undefined;
  }
  const item = unmarshall(NewImage as Record<string, AttributeValue>);
  return item.link as IdentityLink | undefined;
}

export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  const wiring = mirrorDeps();
  if (!wiring) {
    return { batchItemFailures: [] };
  }
  for (const record of event.Records) {
    const link = linkOf(record);
    if (!link) {
      continue;
    }
    try {
      const outcome = await mirrorIdentity(wiring, link);
      logger.info('Identity mirrored', { outcome, role: link.role });
    } catch (error) {
      logger.error('Identity not mirrored; the stream retries from this record', {
        sequenceNumber: record.dynamodb?.SequenceNumber,
        errorName: (error as Error).name,
        errorMessage: (error as Error).message,
      });
      return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
    }
  }
  return { batchItemFailures: [] };
}
