// Wiring of the registry's adapters (module scope: once per cold start). Identity-only pieces load lazily.
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { dynamo, requireTable } from '../shared/dynamo';
import { dynamoAttemptCounter } from '../shared/dynamo-attempts';
import { cognitoCitizenGroup, cognitoDirectory } from './cognito-directory';
import type { IdentityDeps } from './domain/identity';
import type { RegistryDeps } from './domain/ports';
import type { CitizenGroup } from './domain/sign-up';
import { dynamoRegistry } from './dynamo-registry';
import { environment } from '../shared/environment';
import { traced } from '../shared/tracing';

export const registryDeps: RegistryDeps = {
  // Read when first used: a function is granted only the tables it uses (e.g. confirm-sign-up: none).
  store: dynamoRegistry(dynamo, {
    get registry() {
      return requireTable('registry');
    },
    get audit() {
      return requireTable('audit');
    },
  }),
  now: () => new Date(),
};

/** Registry deps plus the user directory: only the sign-up and staff functions have USER_POOL_ID. */
export function identityDeps(): IdentityDeps {
  const { USER_POOL_ID: userPoolId, USER_POOL_CLIENT_ID: clientId, COGNITO_ENDPOINT: endpoint, AWS_REGION: region } = environment();
  if (!userPoolId || !clientId) {
    throw new Error('USER_POOL_ID and USER_POOL_CLIENT_ID must be set');
  }
  // The pool's region (USER_POOL_REGION, set by CDK), never the function's by default: a pool answers only in its own region.
  const poolRegion = environment().USER_POOL_REGION ?? region ?? 'local';
  const client = traced(new CognitoIdentityProviderClient(endpoint ? { endpoint, region: poolRegion } : { region: poolRegion }));
  return { ...registryDeps, directory: cognitoDirectory(client, { userPoolId, clientId }), attempts: dynamoAttemptCounter(dynamo, () => requireTable('idempotency')) };
}

/** The post confirmation trigger's group membership, in its own region's pool (the event names the pool). */
export function citizenGroup(): CitizenGroup {
  const { COGNITO_ENDPOINT: endpoint, AWS_REGION: region } = environment();
  return cognitoCitizenGroup(traced(new CognitoIdentityProviderClient(endpoint ? { endpoint, region: region ?? 'local' } : { region })));
}
