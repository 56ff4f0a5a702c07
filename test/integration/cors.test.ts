// CORS as a browser meets it: the local gateway answers preflights like API Gateway with `corsPreflight`, lets a
// listed origin send Idempotency-Key and read idempotent-replayed, and gives an unlisted origin nothing.
import { ulid } from 'ulid';
import { corsAllowHeaders, localCorsOrigins } from '../../lib/platform/cors';
import { cloudState, tokenFor } from '../support/api';

const origin = localCorsOrigins[0];
const url = (path: string) => `${cloudState().apiUrl}${path}`;

const preflight = (path: string, from: string, method: string, headers = 'authorization,content-type,idempotency-key') =>
  fetch(url(path), { method: 'OPTIONS', headers: { origin: from, 'access-control-request-method': method, 'access-control-request-headers': headers } });

it('answers a preflight from a listed origin before any authorizer, allowing Idempotency-Key', async () => {
  const answer = await preflight('/v1/applications', origin, 'POST');
  expect(answer.status).toBe(204);
  expect(answer.headers.get('access-control-allow-origin')).toBe(origin);
  expect(answer.headers.get('access-control-allow-methods')?.split(',')).toEqual(expect.arrayContaining(['POST', 'PUT', 'DELETE', 'GET']));
  expect(answer.headers.get('access-control-allow-headers')?.split(',')).toEqual([...corsAllowHeaders]);
  expect(answer.headers.get('access-control-allow-headers')).toContain('idempotency-key');
  expect(Number(answer.headers.get('access-control-max-age'))).toBeGreaterThan(0);
});

it('gives an unlisted origin no CORS headers, on the preflight or the answer', async () => {
  const answer = await preflight('/v1/applications', 'https://evil.example', 'POST');
  expect(answer.status).toBe(204);
  expect(answer.headers.get('access-control-allow-origin')).toBeNull();
  const read = await fetch(url('/v1/agencies'), { headers: { origin: 'https://evil.example' } });
  expect(read.status).toBe(200);
  expect(read.headers.get('access-control-allow-origin')).toBeNull();
});

it('lets a listed origin read idempotent-replayed on a submission and its replay', async () => {
  const token = await tokenFor('citizen2');
  const key = ulid();
  const body = JSON.stringify({ serviceId: 'civil-status-extract', answers: { extractType: 'family' }, channel: 'portal' });
  const submit = () =>
    fetch(url('/v1/applications'), {
      method: 'POST',
      headers: { origin, authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
      body,
    });
  const first = await submit();
  expect(first.status).toBe(201);
  expect(first.headers.get('access-control-allow-origin')).toBe(origin);
  expect(first.headers.get('access-control-expose-headers')?.split(',')).toContain('idempotent-replayed');
  expect(first.headers.get('idempotent-replayed')).toBe('false');
  const replay = await submit();
  expect(replay.status).toBe(200);
  expect(replay.headers.get('idempotent-replayed')).toBe('true');
  expect(((await replay.json()) as { applicationId: string }).applicationId).toBe(((await first.json()) as { applicationId: string }).applicationId);
});

it('answers a preflight for a method no route has without allowing it, and an OPTIONS without CORS as a missing route', async () => {
  const answer = await preflight('/v1/applications', origin, 'TRACE');
  expect(answer.headers.get('access-control-allow-origin')).toBeNull();
  const plain = await fetch(url('/v1/agencies'), { method: 'OPTIONS' });
  expect(plain.status).toBe(405);
});
