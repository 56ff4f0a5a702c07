// Route contracts of the platform itself.
import * as z from 'zod/mini';
import type { RouteContract } from './types';

export const getOpenApiRoute = {
  method: 'GET',
  path: '/openapi.json',
  operationId: 'getOpenApi',
  summary: 'This API described as OpenAPI 3.1',
  tag: 'Platform',
  access: 'public',
  query: z.strictObject({}),
  response: z.record(z.string(), z.unknown()),
  successStatus: 200,
  responseHeaders: ['cache-control'],
} as const satisfies RouteContract;
