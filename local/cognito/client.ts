// One Cognito client per emulator endpoint, for the scripts that set it up and sign in.
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';

const clients = new Map<string, CognitoIdentityProviderClient>();

export function identityProvider(endpoint: string): CognitoIdentityProviderClient {
  let client = clients.get(endpoint);
  if (!client) {
    client = new CognitoIdentityProviderClient({
      endpoint,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    clients.set(endpoint, client);
  }
  return client;
}
