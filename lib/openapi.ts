// OpenAPI 3.1 document generated from the capability catalogue and the zod schemas it names.
import * as z from 'zod/mini';
import type { Capability, RouteContract } from './catalogue/types';
import '../schemas/common';

type JsonSchema = Record<string, unknown>;

const COMPONENT = '#/components/schemas/';
const ERROR_TEXT: Record<number, string> = {
  400: 'Invalid input (machine-readable details)',
  401: 'Missing, expired or invalid bearer token',
  403: 'The caller is not allowed to do this',
  404: 'Not found',
  409: 'Conflict with the current state',
  413: 'Request body too large',
  415: 'Unsupported media type',
  500: 'Unexpected error',
};

export function buildOpenApi(capabilities: readonly Capability[], info: { version: string; serverUrl?: string }) {
  const components = z.toJSONSchema(z.globalRegistry, { target: 'draft-2020-12', uri: (id) => `${COMPONENT}${id}` });
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { route } of capabilities) {
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operation(route) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Khidma e-government services API',
      version: info.version,
      description: 'Unified government services registry, identity, applications and workflows.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: info.serverUrl ? [{ url: info.serverUrl }] : [],
    paths,
    components: {
      schemas: Object.fromEntries(Object.entries(components.schemas).map(([id, schema]) => [id, clean(schema)])),
      securitySchemes: {
        cognito: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Cognito access token' },
      },
    },
  };
}

function operation(route: RouteContract) {
  const isPublic = route.access === 'public';
  const statuses = [400, ...(isPublic ? [] : [401, 403]), ...(route.errors ?? []), ...(route.body ? [415] : []), 500];
  return {
    operationId: route.operationId,
    summary: route.summary,
    tags: [route.tag],
    ...(isPublic ? { security: [] } : { security: [{ cognito: [] }], 'x-roles': route.access }),
    parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query')],
    ...(route.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(route.body, 'input') } } } }
      : {}),
    responses: {
      [route.successStatus]: {
        description: 'Success',
        content: { 'application/json': { schema: schemaOf(route.response, 'output') } },
      },
      ...Object.fromEntries(
        [...new Set(statuses)].map((status) => [
          status,
          { description: ERROR_TEXT[status] ?? 'Error', content: { 'application/json': { schema: { $ref: `${COMPONENT}Error` } } } },
        ]),
      ),
    },
  };
}

function parameters(schema: z.ZodMiniType | undefined, location: 'path' | 'query') {
  if (!schema) {
    return [];
  }
  const json = schemaOf(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || (json.required ?? []).includes(name),
    schema: property,
  }));
}

function schemaOf(schema: z.ZodMiniType, io: 'input' | 'output'): JsonSchema {
  const id = z.globalRegistry.get(schema)?.id;
  if (id) {
    return { $ref: `${COMPONENT}${id}` };
  }
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
  return clean(JSON.parse(JSON.stringify(json).replaceAll('"#/$defs/', `"${COMPONENT}`)));
}

function clean(schema: JsonSchema): JsonSchema {
  const { $schema, $id, $defs, ...rest } = schema;
  void [$schema, $id, $defs];
  return rest;
}
