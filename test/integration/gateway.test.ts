// The local gateway takes what curl and people send, as API Gateway does, and answers what it cannot parse with JSON.
import net from 'node:net';
import { cloudState } from '../support/api';

/**
 * Writes raw requests on one connection, each once the answer before it has ended (HTTP/1.0 answers end with
 * the connection; a chunked HTTP/1.1 answer with its last chunk), and returns everything answered.
 */
function raw(...requests: Buffer[]): Promise<string> {
  const { port } = new URL(cloudState().apiUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1');
    const pending = [...requests];
    let received = '';
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('utf8');
      if (pending.length > 0 && received.endsWith('\r\n0\r\n\r\n')) {
        socket.write(pending.shift()!);
      }
    });
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
    socket.write(pending.shift()!);
  });
}

const request = (target: string, version = '1.0') =>
  Buffer.concat([Buffer.from('GET '), Buffer.from(target, 'utf8'), Buffer.from(` HTTP/${version}\r\nhost: localhost\r\n\r\n`)]);
const bodyOf = (answer: string) => JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));

it('serves a raw UTF-8 query, as curl sends ?q=جواز, like its percent-encoded form', async () => {
  const answer = await raw(request('/v1/services?q=جواز&limit=50'));
  expect(answer).toMatch(/^HTTP\/1\.1 200 /);
  const encoded = (await (await fetch(`${cloudState().apiUrl}/v1/services?q=${encodeURIComponent("جواز")}&limit=50`)).json()) as { items: unknown[] };
  expect(encoded.items.length).toBeGreaterThan(0);
  expect(bodyOf(answer).items).toEqual(encoded.items);
});

it('decodes a raw UTF-8 path parameter before validating it', async () => {
  const answer = await raw(request('/v1/registry/persons/جواز?purpose=x'));
  expect(answer).toMatch(/^HTTP\/1\.1 401 /);
  const validated = await raw(request('/v1/services/جواز'));
  expect(bodyOf(validated).error).toMatchObject({ code: 'validation_failed', details: [{ in: 'path', path: 'serviceId' }] });
});

it('answers a request it cannot parse with 400 and a JSON body, then closes', async () => {
  const answer = await raw(Buffer.from('GET /v1/services HTTP/1.1\r\nhost: localhost\r\nthis is not a header\r\n\r\n'));
  expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
  expect(answer).toMatch(/content-type: application\/json/i);
  expect(bodyOf(answer)).toEqual({ message: 'Bad Request' });
});

it('answers raw bytes in a later request on a kept-alive connection with a JSON 400, not a silent close', async () => {
  const answer = await raw(request('/v1/agencies', '1.1'), request('/v1/services?q=جواز', '1.1'));
  const [first, second] = answer.split(/(?=^HTTP\/1\.1 )/m);
  expect(first).toMatch(/^HTTP\/1\.1 200 /);
  expect(second).toMatch(/^HTTP\/1\.1 400 /);
  expect(bodyOf(second!)).toEqual({ message: 'Bad Request' });
});
