// The shape of the capability catalogue: plain data and zod schemas, no CDK or SDK types.
import type * as z from 'zod/mini';
import type { Role } from '../platform/identity';
import type { TableId } from '../platform/tables';
import type { ErrorCode } from './error-codes';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
/**
 * What a capability does to a table. `append` is read plus conditional PutItem of new items only: no
 * UpdateItem, DeleteItem or BatchWriteItem (the audit trail is append-only). `describe` is DescribeTable
 * alone: the table's name and whether it answers, never an item.
 */
export type TableAccess = 'read' | 'write' | 'readwrite' | 'append' | 'describe';

/** Cognito user-pool administration a capability performs; its role is granted exactly these actions. */
export type UploadAccess = 'post' | 'get' | 'tag';
export type WorkflowAction = 'start' | 'sendTaskResult' | 'stop';

export type UserPoolAction = 'AdminCreateUser' | 'AdminAddUserToGroup' | 'AdminGetUser' | 'AdminDeleteUser' | 'AdminSetUserPassword';
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
  /**
   * The caller's scope the HTTP pipeline resolves from their identity link before the handler runs (handlers
   * receive it as `principal`): `linked` needs a link of the token's role and, for staff, MFA enrolment;
   * `enrolling` lets staff in before enrolment (the enrolment routes). Every non-public route declares one.
   */
  readonly principal?: 'linked' | 'enrolling';
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  readonly response: R;
  readonly successStatus: 200 | 201 | 202;
  /** Another success status it answers in some case, e.g. 201 when a PUT creates (described in OpenAPI). */
  readonly alsoSucceeds?: { readonly status: 200 | 201 | 202; readonly when: string };
  /** Error statuses the route may answer besides 400/401/403 (documented in OpenAPI). */
  readonly errors?: readonly number[];
  /**
   * The error codes its handler answers with besides the HTTP pipeline's (lib/catalogue/error-codes.ts);
   * OpenAPI lists them per status. test/unit/error-codes.test.ts checks them against the handler's code.
   */
  readonly errorCodes?: readonly ErrorCode[];
  /**
   * Creates something once per Idempotency-Key header (required): a retry with the same key and body
   * answers 200 with what the first request created, and the `idempotent-replayed` header says which.
   */
  readonly idempotent?: true;
  /** Headers its successful answers carry besides content-type (described in OpenAPI). */
  readonly responseHeaders?: readonly ('cache-control' | 'content-disposition')[];
  /** What a successful answer is when not JSON, e.g. a page or a PDF to download (the handler sends it itself). */
  readonly mediaType?: 'text/html' | 'application/pdf';
  /**
   * Largest accepted request body, bytes: a literal (65_536, not 64 * 1024). esbuild cannot tell arithmetic is free of
   * side effects, so a route holding it stays in every bundle that imports its module, with its schemas.
   */
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
  /** The stage's message queues: read depths and ages (`inspect`), or also move dead letters back (`redrive`). */
  readonly queues?: 'inspect' | 'redrive';
  /** Gets KHIDMA_COMMIT, the commit the deployment was built from. */
  readonly knowsVersion?: boolean;
  readonly memoryMb?: number;
  readonly timeoutSeconds?: number;
  /** Gets PUBLIC_BASE_URL, the stage's public address of the API, for links it prints (a document's QR code). */
  readonly publicLinks?: boolean;
  /** Files (paths from the repository root) shipped beside the handler in its Lambda package, e.g. fonts; read from LAMBDA_TASK_ROOT. */
  readonly bundledFiles?: readonly string[];
  /** The document issuer's KMS key: `publicKey` reads the public key (kms:GetPublicKey); `sign` also signs (kms:Sign). */
  readonly documentSigning?: 'publicKey' | 'sign';
  /** The document upload bucket: `post` presigns uploads (PutObject with its tagging), `get` presigns downloads, `tag` retags objects. */
  readonly uploads?: readonly UploadAccess[];
  /** The bill-presentment provider: `call` its API (PAYMENT_PROVIDER_URL), or `verify` its signed notifications (the shared secret). */
  readonly paymentProvider?: 'call' | 'verify';
  /** The audit checkpoints' Object Lock bucket: `read` lists and reads them, `write` also adds new ones (never deletes). */
  readonly auditCheckpoints?: 'read' | 'write';
}

export function routeKey(route: Pick<RouteContract, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`;
}
