// Checks an HTTP answer (status, headers, body) against the OpenAPI document the API itself serves.
// test/support/api.ts runs every response of the integration tests through it, so a route that answers
// something its document does not describe fails the test that saw it.
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

type JsonSchema = Record<string, unknown>;

interface MediaType {
  readonly schema?: JsonSchema;
}
interface HeaderObject {
  readonly required?: boolean;
  readonly schema?: JsonSchema;
}
interface ResponseObject {
  readonly $ref?: string;
  readonly content?: Record<string, MediaType>;
  readonly headers?: Record<string, HeaderObject | { $ref: string }>;
}
interface OperationObject {
  readonly operationId: string;
  readonly responses: Record<string, ResponseObject>;
}
export interface OpenApiDocument {
  readonly paths: Record<string, Record<string, OperationObject>>;
  readonly components: {
    readonly schemas: Record<string, JsonSchema>;
    readonly responses?: Record<string, ResponseObject>;
    readonly headers?: Record<string, HeaderObject>;
  };
  readonly 'x-unmatched-responses'?: Record<string, ResponseObject>;
}

export interface ObservedResponse {
  readonly method: string;
  /** Path and query as requested, e.g. /v1/services?q=x */
  readonly path: string;
  readonly status: number;
  readonly headers: Headers;
  /** The parsed JSON body, or the raw text when it is not JSON. */
  readonly body: unknown;
  readonly text: string;
  readonly isJson: boolean;
}

/**
 * Headers every HTTP server (or the fetch stack) adds; the document describes the others. API Gateway
 * adds apigw-requestid; the local gateway does not.
 */
const TRANSPORT_HEADERS = new Set(['content-type', 'content-length', 'date', 'connection', 'keep-alive', 'transfer-encoding', 'apigw-requestid']);
const SCHEMA_BASE = 'https://khidma.invalid/openapi.json';

interface Route {
  readonly template: string;
  readonly method: string;
  readonly pattern: RegExp;
  readonly literalSegments: number;
  readonly operation: OperationObject;
}

export class OpenApiChecker {
  private readonly ajv: Ajv2020;
  private readonly routes: Route[];
  private readonly validators = new Map<JsonSchema, ValidateFunction>();

  constructor(private readonly document: OpenApiDocument) {
    this.ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: SCHEMA_BASE, $defs: rebase(document.components.schemas) });
    this.routes = Object.entries(document.paths).flatMap(([template, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        template,
        method: method.toUpperCase(),
        pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{\w+\\?\}/g, '[^/]+')}$`),
        literalSegments: template.split('/').filter((segment) => segment && !segment.startsWith('{')).length,
        operation,
      })),
    );
    // The most specific template wins, as in API Gateway (/v1/me/x before /v1/me/{id}).
    this.routes.sort((a, b) => b.literalSegments - a.literalSegments);
  }

  /** The problems of one response; an empty list when the document describes it. */
  problems(observed: ObservedResponse): string[] {
    const pathname = observed.path.split('?')[0]!;
    const method = observed.method.toUpperCase();
    const candidates = this.routes.filter((route) => route.pattern.test(pathname));
    const route = candidates.find((candidate) => candidate.method === method);
    if (!route) {
      // No operation: the document's general answers for unknown routes and methods apply.
      const general = this.document['x-unmatched-responses'] ?? {};
      const response = general[String(observed.status)];
      const label = `${method} ${pathname} (no operation)`;
      if (!response) {
        return [`${label} answered ${observed.status}; the document describes only ${Object.keys(general).join(', ') || 'nothing'} for unknown routes`];
      }
      return this.check(label, observed, this.resolve(response));
    }
    const label = `${route.method} ${route.template} (${route.operation.operationId})`;
    const response = route.operation.responses[String(observed.status)] ?? route.operation.responses.default;
    if (!response) {
      return [`${label} answered ${observed.status}, which the document does not list (it lists ${Object.keys(route.operation.responses).join(', ')})`];
    }
    return this.check(label, observed, this.resolve(response));
  }

  private check(label: string, observed: ObservedResponse, response: ResponseObject): string[] {
    const at = `${label} answered ${observed.status}:`;
    const problems: string[] = [];
    const documented = new Map(Object.entries(response.headers ?? {}).map(([name, header]) => [name.toLowerCase(), this.resolveHeader(header)]));
    for (const [name, header] of documented) {
      const value = observed.headers.get(name);
      if (value === null) {
        if (header.required) {
          problems.push(`${at} header ${name} is required but missing`);
        }
        continue;
      }
      if (header.schema) {
        const errors = this.validate(header.schema, value);
        if (errors.length) {
          problems.push(`${at} header ${name}: ${value} ${errors.join('; ')}`);
        }
      }
    }
    observed.headers.forEach((_, name) => {
      if (!TRANSPORT_HEADERS.has(name) && !documented.has(name)) {
        problems.push(`${at} header ${name} is not described`);
      }
    });
    const content = response.content;
    if (!content) {
      if (observed.text !== '') {
        problems.push(`${at} the document describes no body, but one came: ${observed.text.slice(0, 200)}`);
      }
      return problems;
    }
    const contentType = (observed.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    const media = content[contentType];
    if (!media) {
      problems.push(`${at} content-type ${contentType || '(none)'} is not one of ${Object.keys(content).join(', ')}`);
      return problems;
    }
    if (media.schema) {
      if (contentType.endsWith('json') && !observed.isJson) {
        problems.push(`${at} the body is not JSON: ${observed.text.slice(0, 200)}`);
        return problems;
      }
      for (const error of this.validate(media.schema, observed.body)) {
        problems.push(`${at} body ${error}`);
      }
    }
    return problems;
  }

  private validate(schema: JsonSchema, value: unknown): string[] {
    let validator = this.validators.get(schema);
    if (!validator) {
      validator = this.ajv.compile(rebase(schema));
      this.validators.set(schema, validator);
    }
    return validator(value) ? [] : (validator.errors ?? []).map(describe);
  }

  private resolve(response: ResponseObject): ResponseObject {
    if (!response.$ref) {
      return response;
    }
    const name = response.$ref.replace('#/components/responses/', '');
    const target = this.document.components.responses?.[name];
    if (!target) {
      throw new Error(`The document refers to a response it does not define: ${response.$ref}`);
    }
    return target;
  }

  private resolveHeader(header: HeaderObject | { $ref: string }): HeaderObject {
    if ('$ref' in header) {
      const target = this.document.components.headers?.[header.$ref.replace('#/components/headers/', '')];
      if (!target) {
        throw new Error(`The document refers to a header it does not define: ${header.$ref}`);
      }
      return target;
    }
    return header;
  }
}

/** #/components/schemas/X becomes a reference into the schema added under SCHEMA_BASE. */
function rebase<T>(schema: T): T {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', `"${SCHEMA_BASE}#/$defs/`));
}

function describe(error: ErrorObject): string {
  const where = error.instancePath || '/';
  const extra =
    error.keyword === 'enum'
      ? ` ${JSON.stringify((error.params as { allowedValues: unknown[] }).allowedValues)}`
      : error.keyword === 'additionalProperties'
        ? ` (${(error.params as { additionalProperty: string }).additionalProperty})`
        : '';
  return `at ${where} ${error.message}${extra}`;
}
