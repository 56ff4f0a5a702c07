// Generated from the capability catalogue: every route x every persona, and the JWT checks of the gateway.
import { capabilities } from '../../lib/capabilities';
import { roles, type Role } from '../../lib/platform/identity';
import { api, tokenFor } from '../support/api';

const personas: Record<Role, string> = {
  citizen: 'citizen',
  officer: 'officer-cspd',
  frontline: 'frontline',
  operator: 'operator',
  auditor: 'auditor',
};

function concretePath(path: string): string {
  return path.replace(/\{(\w+)\}/g, 'matrix-probe');
}

const protectedRoutes = capabilities.filter((c) => c.route.access !== 'public');
const publicRoutes = capabilities.filter((c) => c.route.access === 'public');

describe('authorization matrix', () => {
  it.each(protectedRoutes.map((c) => [c.route.method, c.route.path, c] as const))(
    '%s %s: 401 anonymous, 403 for other roles, through for allowed roles',
    async (method, path, capability) => {
      const url = concretePath(path);
      const anonymous = await api(url, { method, body: {} });
      expect(anonymous.status).toBe(401);
      for (const role of roles) {
        const response = await api(url, { method, token: await tokenFor(personas[role]), body: {} });
        const allowed = (capability.route.access as readonly Role[]).includes(role);
        if (allowed) {
          expect([401, 403]).not.toContain(response.status);
        } else {
          expect({ role, status: response.status, code: response.body?.error?.code }).toEqual({ role, status: 403, code: 'forbidden' });
        }
      }
    },
  );

  it.each(publicRoutes.map((c) => [c.route.method, c.route.path] as const))('%s %s is public', async (method, path) => {
    const response = await api(concretePath(path), { method });
    expect([401, 403]).not.toContain(response.status);
  });
});

describe('tokens', () => {
  const route = protectedRoutes[0]!;
  const url = concretePath(route.route.path);

  it('rejects a token with a tampered signature', async () => {
    const token = await tokenFor('operator');
    const [header, payload, signature] = token.split('.');
    const tampered = `${header}.${payload}.${signature!.slice(0, -4)}AAAA`;
    expect((await api(url, { method: route.route.method, token: tampered, body: {} })).status).toBe(401);
  });

  it('rejects a token whose claims were edited', async () => {
    const token = await tokenFor('citizen');
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    claims['cognito:groups'] = ['operator'];
    const forged = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    expect((await api(url, { method: route.route.method, token: forged, body: {} })).status).toBe(401);
  });

  it('rejects garbage and a missing Bearer scheme', async () => {
    expect((await api(url, { method: route.route.method, token: 'not-a-jwt', body: {} })).status).toBe(401);
    const token = await tokenFor('operator');
    const response = await api(url, { method: route.route.method, headers: { authorization: token }, body: {} });
    expect(response.status).toBe(401);
  });

  it('rejects an ID token where an access token is required', async () => {
    const response = await api(url, { method: route.route.method, token: await tokenFor('operator', 'id'), body: {} });
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('unauthorized');
  });

  it('answers 404 for unknown routes and 405 for a wrong method', async () => {
    expect((await api('/v1/nothing-here')).status).toBe(404);
    expect((await api('/v1/agencies', { method: 'DELETE' })).status).toBe(405);
  });
});
