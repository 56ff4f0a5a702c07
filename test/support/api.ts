// Test client for the running local cloud: HTTP calls, demo-user tokens, direct table access.
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { signIn } from '../../local/cognito';
import { demoPassword } from '../../local/demo-users';
import { localDynamoDbClient } from '../../local/dynamodb';
import type { RunningCloud } from './cloud-process';

export const cloudState = (): RunningCloud['state'] => JSON.parse(process.env.KHIDMA_CLOUD_STATE ?? 'null');

export interface ApiResponse<T = any> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
  readonly text: string;
}

export async function api<T = any>(
  path: string,
  options: { method?: string; token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) {
    headers.authorization = `Bearer ${options.token}`;
  }
  let body = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${cloudState().apiUrl}${path}`, { method: options.method ?? 'GET', headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed as T, headers: response.headers, text };
}

const tokens = new Map<string, Promise<string>>();

export function tokenFor(username: string, kind: 'access' | 'id' = 'access'): Promise<string> {
  const key = `${username}:${kind}`;
  if (!tokens.has(key)) {
    const state = cloudState();
    tokens.set(
      key,
      signIn(state.cognitoEndpoint, state.identity as never, username, demoPassword).then((result) =>
        kind === 'access' ? result.accessToken : result.idToken,
      ),
    );
  }
  return tokens.get(key)!;
}

let documentClient: DynamoDBDocumentClient | undefined;

export function tables(): DynamoDBDocumentClient {
  documentClient ??= DynamoDBDocumentClient.from(localDynamoDbClient(cloudState().dynamoDbEndpoint));
  return documentClient;
}
