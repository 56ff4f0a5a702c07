// Test client for the running local cloud: HTTP calls, demo-user tokens, direct table access.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { readDemoTotpSecrets } from '../../local/cognito/demo-accounts';
import { signIn } from '../../local/cognito/sign-in';
import { demoPassword } from '../../local/demo-users';
import { localDynamoDbClient } from '../../local/dynamodb';
import type { RunningCloud } from '../../local/cloud-process';
import { OpenApiChecker, type OpenApiDocument } from './openapi-check';

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
  const method = options.method ?? 'GET';
  const response = await fetch(`${cloudState().apiUrl}${path}`, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  let isJson = false;
  try {
    parsed = JSON.parse(text);
    isJson = true;
  } catch {
    // not JSON: keep the text
  }
  const problems = (await openApiChecker()).problems({ method, path, status: response.status, headers: response.headers, body: parsed, text, isJson });
  if (problems.length > 0) {
    throw new Error(`The answer to ${method} ${path} does not match the served OpenAPI document (/openapi.json):\n- ${problems.join('\n- ')}`);
  }
  return { status: response.status, body: parsed as T, headers: response.headers, text };
}

let checker: Promise<OpenApiChecker> | undefined;

/** Every answer api() returns is checked against the document the running API serves at /openapi.json. */
function openApiChecker(): Promise<OpenApiChecker> {
  checker ??= fetch(`${cloudState().apiUrl}/openapi.json`).then(async (response) => {
    if (response.status !== 200) {
      throw new Error(`GET /openapi.json answered ${response.status}; cannot check answers against it`);
    }
    return new OpenApiChecker((await response.json()) as OpenApiDocument);
  });
  return checker;
}

const tokens = new Map<string, Promise<string>>();

export function tokenFor(username: string, kind: 'access' | 'id' = 'access'): Promise<string> {
  const key = `${username}:${kind}`;
  if (!tokens.has(key)) {
    const state = cloudState();
    tokens.set(
      key,
      signIn(state.cognitoEndpoint, state.identity as never, username, demoPassword, 'portal', readDemoTotpSecrets(state.totpFile)[username]).then((result) =>
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

/** The latest message the Cognito emulator sent to `username` (confirmation codes, temporary passwords). */
export function lastMessageTo(username: string): { code?: string; medium: string; destination: string } | undefined {
  const file = path.join(cloudState().outbox, 'cognito-messages.jsonl');
  if (!existsSync(file)) {
    return undefined;
  }
  const lines = readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line));
  return lines.filter((line) => line.username === username).at(-1);
}

/** Signs in any user (not only demo users) and returns the access token. */
export async function signInAs(username: string, password: string): Promise<string> {
  const state = cloudState();
  return (await signIn(state.cognitoEndpoint, state.identity as never, username, password)).accessToken;
}
