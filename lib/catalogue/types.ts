// The shape of the capability catalogue: plain data and zod schemas, no CDK or SDK types.
import type * as z from 'zod/mini';
import type { Role } from '../platform/identity';
import type { TableId } from '../platform/tables';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
/**
 * What a capability does to a table. `append` is read plus conditional PutItem of new items only: no
 * UpdateItem, DeleteItem or BatchWriteItem (the audit trail is append-only).
 */
export type TableAccess = 'read' | 'write' | 'readwrite' | 'append';

/** Cognito user-pool administration a capability performs; its role is granted exactly these actions. */
export type WorkflowAction = 'start' | 'sendTaskResult' | 'stop';

export type UserPoolAction = 'AdminCreateUser' | 'AdminAddUserToGroup' | 'AdminGetUser' | 'AdminDeleteUser';
type Schema = z.ZodMiniType;

export interface RouteContract<
  P extends Schema = Schema,
  Q extends Schema = Schema,
  B extends Schema = Schema,
  R extends Schema = Schema,
> {
  readonly method: HttpMethod;
  /** API Gateway path syntax, e.g. /v1/services/{serviceId} */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly tag: string;
  /** `public` needs no token; otherwise the Cognito groups allowed to call it. */
  readonly access: 'public' | readonly Role[];
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  readonly response: R;
  readonly successStatus: 200 | 201 | 202;
  /** Error statuses the route may answer besides 400/401/403 (documented in OpenAPI). */
  readonly errors?: readonly number[];
  /** Largest accepted request body, bytes. */
  readonly maxBodyBytes?: number;
  /** Attempts one client (source IP) may make in a window; beyond it, 429 with Retry-After (counted in DynamoDB). */
  readonly perClientLimit?: { readonly limit: number; readonly windowSeconds: number };
  /** API Gateway throttling of this route for all clients together (requests per second, burst). */
  readonly throttle?: { readonly rateLimit: number; readonly burstLimit: number };
}

export interface Capability {
  /** kebab-case; becomes the Lambda function's logical id. */
  readonly id: string;
  /** Handler module, relative to the repository root; it exports `handler`. */
  readonly entry: string;
  readonly route: RouteContract;
  readonly tables: Partial<Record<TableId, TableAccess>>;
  /** Cognito admin actions on the user pool (the function also gets USER_POOL_ID and USER_POOL_CLIENT_ID). */
  readonly userPool?: readonly UserPoolAction[];
  /** Workflow engine calls it makes (Step Functions: StartExecution, SendTask*, StopExecution). */
  readonly workflow?: readonly WorkflowAction[];
  /** A public (no token) route that writes must say why it is public; CDK acknowledges cdk-nag APIG4 with it. */
  readonly publicWriteReason?: string;
  readonly memoryMb?: number;
  readonly timeoutSeconds?: number;
}

export function routeKey(route: Pick<RouteContract, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`;
}
