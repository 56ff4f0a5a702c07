// Wiring of the registry's adapters (module scope: once per cold start). Identity-only pieces load lazily.
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { dynamo, requireTable } from '../shared/dynamo';
import { dynamoAttemptCounter } from '../shared/dynamo-attempts';
import { cognitoDirectory } from './cognito-directory';
import type { IdentityDeps } from './domain/identity';
import type { RegistryDeps } from './domain/ports';
import { dynamoRegistry } from './dynamo-registry';

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
  const userPoolId = process.env.USER_POOL_ID;
  const clientId = process.env.USER_POOL_CLIENT_ID;
  if (!userPoolId || !clientId) {
    throw new Error('USER_POOL_ID and USER_POOL_CLIENT_ID must be set');
  }
  const endpoint = process.env.COGNITO_ENDPOINT;
  // The pool's region (USER_POOL_REGION, set by CDK), never the function's by default: a pool answers only in its own region.
  const region = process.env.USER_POOL_REGION ?? process.env.AWS_REGION ?? 'local';
  const client = new CognitoIdentityProviderClient(endpoint ? { endpoint, region } : { region });
  return { ...registryDeps, directory: cognitoDirectory(client, { userPoolId, clientId }), attempts: dynamoAttemptCounter(dynamo, () => requireTable('idempotency')) };
}
