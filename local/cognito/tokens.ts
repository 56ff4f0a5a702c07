// Verifying the emulator's tokens as the HTTP API's JWT authorizer does.
import { JwtRsaVerifier } from 'aws-jwt-verify';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import type { LocalIdentity } from './pool';

/** aws-jwt-verify fetches JWKS over https only; the emulator serves them over http. */
export function localJwksCache(): SimpleJwksCache {
  return new SimpleJwksCache({ fetcher: { fetch: async (uri: string) => (await fetch(uri)).arrayBuffer() } });
}

/** The same checks as the HTTP API's JWT authorizer: signature, issuer, expiry, and the client among the audience. */
export function localTokenVerifier(identity: LocalIdentity): (token: string) => Promise<Record<string, unknown>> {
  const verifier = JwtRsaVerifier.create(
    { issuer: identity.issuer, jwksUri: identity.jwksUri, audience: null },
    { jwksCache: localJwksCache() },
  );
  const clients = new Set(Object.values(identity.clients));
  // A token's signature and claims never change: verified once, it is only checked for expiry again (the
  // authorizer runs in API Gateway in AWS; here its RSA work would compete with the functions for the CPU).
  const verified = new Map<string, Record<string, unknown>>();
  return async (token) => {
    const known = verified.get(token);
    if (known) {
      if (typeof known.exp === 'number' && known.exp * 1000 > Date.now()) {
        return known;
      }
      verified.delete(token);
    }
    const claims = (await verifier.verify(token)) as Record<string, unknown>;
    const audience = claims.client_id ?? claims.aud;
    if (typeof audience !== 'string' || !clients.has(audience)) {
      throw new Error('token audience is not one of our app clients');
    }
    if (verified.size >= 10_000) {
      verified.delete(verified.keys().next().value!);
    }
    verified.set(token, claims);
    return claims;
  };
}
