// The whole deployment for one stage: stateful stacks first, stateless API stacks given them as typed props.
import { ReferenceStrength, Tags } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config/stages';
import { ApiStack } from './api-stack';
import { DataStack } from './data-stack';
import { DrKeysStack } from './dr-keys-stack';
import { IdentityStack } from './identity-stack';
import { stackName } from './names';
import { PortalStack } from './portal-stack';

export interface KhidmaStacks {
  readonly identity: IdentityStack;
  /** The DR region's own user pool: accounts mirrored from the primary one (README, Disaster recovery). */
  readonly drIdentity: IdentityStack;
  readonly data: DataStack;
  readonly api: ApiStack;
  readonly drKeys: DrKeysStack;
  readonly drApi: ApiStack;
  readonly portal: PortalStack;
}

export function buildApp(app: Construct, config: StageConfig): KhidmaStacks {
  const primary = { account: config.account, region: config.primaryRegion };
  const dr = { account: config.account, region: config.drRegion };
  Tags.of(app).add('project', 'khidma');
  Tags.of(app).add('stage', config.stage);

  // Cognito user pools do not replicate, and trusting the primary pool from the DR region would keep sign-in
  // (and the JWT authorizer's JWKS) in the region that failed. So each region has its own pool and its API
  // trusts only that one; the active region's `mirror-identities` worker copies every account (username,
  // verified contacts, group) and its identity link (registry subject, role, scope) to the other region's
  // pool. Passwords cannot be exported: a first sign-in in the other region resets the password with a code
  // sent to the verified contact; staff enrol their authenticator again before any staff route serves them.
  const identity = new IdentityStack(app, stackName(config, 'Identity'), {
    env: primary,
    config,
    crossRegionReferences: true,
    terminationProtection: config.protectData,
  });
  const drIdentity = new IdentityStack(app, stackName(config, 'DrIdentity'), {
    env: dr,
    config,
    crossRegionReferences: true,
    terminationProtection: config.protectData,
  });
  const drKeys = new DrKeysStack(app, stackName(config, 'DrKeys'), {
    env: dr,
    config,
    terminationProtection: config.protectData,
  });
  const data = new DataStack(app, stackName(config, 'Data'), {
    env: primary,
    config,
    terminationProtection: config.protectData,
  });
  data.addStackDependency(drKeys, 'replicas are encrypted with the DR key, named by alias');

  const api = new ApiStack(app, stackName(config, 'Api'), {
    env: primary,
    config,
    identity,
    // Read across regions by Fn::GetStackOutput (weak): the primary keeps deploying if the DR region is down.
    standbyIdentity: drIdentity,
    tables: data.tables,
    crossRegionReferences: true,
    active: config.recovery.activeRegion === 'primary',
    failover: 'primary',
  });
  api.addStackDependency(drIdentity, 'the mirror worker names the DR pool');
  const drApi = new ApiStack(app, stackName(config, 'DrApi'), {
    env: dr,
    config,
    identity: drIdentity,
    standbyIdentity: identity,
    tables: drKeys.replicaTables,
    // Stand-by: the replica's stream consumers and the schedules start on failover (README, Disaster recovery).
    active: config.recovery.activeRegion === 'dr',
    failover: 'dr',
    // References default to weak (Fn::GetStackOutput, cdk.json). The DR API takes strong ones instead: the
    // primary pool's id (the mirror's target after a failover) is copied into SSM in the DR region, so the DR
    // stack can still be updated while the primary region is down; the price is that it stays locked.
    crossRegionReferences: true,
    consumeReferences: ReferenceStrength.STRONG,
  });
  drApi.addStackDependency(drIdentity, 'trusts the DR pool');
  drApi.addStackDependency(data, 'serves the replicas the data stack creates');
  drApi.addStackDependency(api, 'the primary region first: a failed primary deployment stops before the stand-by changes');
  // The portal and the primary API on one domain (CloudFront, global; the stack lives in the primary region).
  const portal = new PortalStack(app, stackName(config, 'Portal'), {
    env: primary,
    config,
    api: api.api,
    userPoolClientId: identity.clients.portal.userPoolClientId,
    identityRegion: config.primaryRegion,
  });
  return { identity, drIdentity, data, api, drKeys, drApi, portal };
}
