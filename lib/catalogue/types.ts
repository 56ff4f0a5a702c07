// The shape of the capability catalogue: plain data and zod schemas, no CDK or SDK types.
import type * as z from 'zod/mini';
import type { Role } from '../platform/identity';
import type { TableId } from '../platform/tables';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
export type TableAccess = 'read' | 'write' | 'readwrite';
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
}

export interface Capability {
  /** kebab-case; becomes the Lambda function's logical id. */
  readonly id: string;
  /** Handler module, relative to the repository root; it exports `handler`. */
  readonly entry: string;
  readonly route: RouteContract;
  readonly tables: Partial<Record<TableId, TableAccess>>;
  readonly memoryMb?: number;
  readonly timeoutSeconds?: number;
}

export function routeKey(route: Pick<RouteContract, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`;
}
