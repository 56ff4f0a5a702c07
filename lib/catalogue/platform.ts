// Route contracts of the platform itself.
import * as z from 'zod/mini';
import { HealthResponse } from '../../schemas/platform';
import type { RouteContract } from './types';

const none = z.strictObject({});
const OpenApiDocument = z.record(z.string(), z.unknown());

export const getOpenApiRoute = {
  method: 'GET',
  path: '/openapi.json',
  operationId: 'getOpenApi',
  summary: 'This API described as OpenAPI 3.1',
  tag: 'Platform',
  access: 'public',
  query: none,
  response: OpenApiDocument,
  successStatus: 200,
  responseHeaders: ['cache-control'],
} as const satisfies RouteContract;

export const getHealthRoute = {
  method: 'GET',
  path: '/v1/health',
  operationId: 'getHealth',
  summary: 'The deployed version and whether its tables are reachable (for smoke tests and DNS health checks)',
  tag: 'Platform',
  access: 'public',
  query: none,
  response: HealthResponse,
  successStatus: 200,
  responseHeaders: ['cache-control'],
} as const satisfies RouteContract;
