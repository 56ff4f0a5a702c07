// The local cloud stops even when one of its parts does not: CI once waited out its time on a teardown that hung.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeServer, stopInTurn } from '../../local/shutdown';

describe('stopping the local cloud', () => {
  it('stops every part in turn and names the one that did not stop in time, without waiting for it', async () => {
    const stopped: string[] = [];
    const late = await stopInTurn(
      [
        { name: 'gateway', stop: async () => void stopped.push('gateway') },
        { name: 'workers', stop: () => new Promise<void>(() => undefined) },
        { name: 'failing', stop: async () => Promise.reject(new Error('already gone')) },
        { name: 'DynamoDB Local', stop: async () => void stopped.push('DynamoDB Local') },
      ],
      50,
    );
    expect(late).toEqual(['workers']);
    expect(stopped).toEqual(['gateway', 'DynamoDB Local']);
  });

  it('closes a server whose request never finishes: the connection is cut once the grace period has passed', async () => {
    let received!: () => void;
    const requestArrived = new Promise<void>((resolve) => {
      received = resolve;
    });
    const server = http.createServer(() => received()); // never answers
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const outcome = new Promise<string>((resolve) => {
      http.get({ port, host: '127.0.0.1', path: '/' }, () => resolve('answered')).on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    });
    await requestArrived;
    await closeServer(server, 50);
    expect(await outcome).toBe('ECONNRESET');
    expect(server.listening).toBe(false);
  });
});
