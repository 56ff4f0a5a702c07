// What browsers may do with the API from another origin: one policy for API Gateway (CDK) and the local gateway.
// The reference portal itself is served on the API's own domain (CloudFront: /v1/* to the API), so it needs none
// of this; these rules serve the other front-ends a ministry builds (and a portal under development on localhost).

/** Request headers a browser may send: the bearer token, JSON bodies, and the key that makes a submission safe to retry. */
export const corsAllowHeaders = ['authorization', 'content-type', 'idempotency-key'] as const;

/** Response headers a browser script may read, besides the CORS-safelisted ones. */
export const corsExposeHeaders = ['idempotent-replayed', 'retry-after', 'www-authenticate'] as const;

export const corsMaxAgeSeconds = 3600;

/** The local cloud's own portal is same-origin; a portal developed separately usually runs on one of these. */
export const localCorsOrigins = ['http://localhost:3000', 'http://127.0.0.1:3000', 'http://localhost:5173'] as const;

export interface CorsPolicy {
  readonly allowOrigins: readonly string[];
  readonly allowMethods: readonly string[];
}

/** An origin is exactly `scheme://host[:port]`; a wildcard is refused outside development stages. */
export function checkCorsOrigins(stage: string, origins: readonly string[]): readonly string[] {
  for (const origin of origins) {
    if (origin === '*' || origin.includes('*')) {
      if (stage === 'staging' || stage === 'prod') {
        throw new Error(`stage ${stage}: CORS origins must be listed, never "${origin}"`);
      }
      continue;
    }
    const url = new URL(origin);
    if (url.origin !== origin) {
      throw new Error(`stage ${stage}: "${origin}" is not an origin (scheme://host[:port], no path or trailing slash)`);
    }
  }
  return origins;
}

/** The headers API Gateway's HTTP API answers a preflight with, or undefined when it would not answer it as CORS. */
export function preflightHeaders(policy: CorsPolicy, origin: string | undefined, method: string | undefined): Record<string, string> | undefined {
  const allowed = allowedOrigin(policy, origin);
  if (!allowed || !method || !policy.allowMethods.includes(method.toUpperCase())) {
    return undefined;
  }
  return {
    'access-control-allow-origin': allowed,
    'access-control-allow-methods': policy.allowMethods.join(','),
    'access-control-allow-headers': corsAllowHeaders.join(','),
    'access-control-max-age': String(corsMaxAgeSeconds),
    vary: 'origin',
  };
}

/** Headers added to an actual answer for an allowed origin. */
export function responseCorsHeaders(policy: CorsPolicy, origin: string | undefined): Record<string, string> {
  const allowed = allowedOrigin(policy, origin);
  return allowed ? { 'access-control-allow-origin': allowed, 'access-control-expose-headers': corsExposeHeaders.join(','), vary: 'origin' } : {};
}

function allowedOrigin(policy: CorsPolicy, origin: string | undefined): string | undefined {
  if (!origin) {
    return undefined;
  }
  if (policy.allowOrigins.includes('*')) {
    return '*';
  }
  return policy.allowOrigins.includes(origin) ? origin : undefined;
}
