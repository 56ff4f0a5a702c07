// A loopback HTTP server standing in for a remote service (a payment provider, Cognito, S3): each request, its body
// read whole, goes to a function that answers it. And the two ways a remote fails without answering: an address
// nobody listens on, and a server that accepts and never answers.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandInRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

export interface StandInAnswer {
  readonly status: number;
  readonly headers?: http.OutgoingHttpHeaders;
  readonly body?: string;
}

export interface StandIn {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  close(): Promise<void>;
}

async function listen(server: http.Server): Promise<StandIn> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A server answering each request with `answer(request)`; an answer that throws fails the request with a 500 naming it. */
export function standIn(answer: (request: StandInRequest) => StandInAnswer): Promise<StandIn> {
  return listen(
    http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        try {
          const answered = answer({ method: request.method!, url: request.url!, headers: request.headers, body });
          response.writeHead(answered.status, answered.headers).end(answered.body);
        } catch (error) {
          response.writeHead(500, { 'content-type': 'text/plain' }).end(`the stand-in refused the request: ${(error as Error).message}`);
        }
      });
    }),
  );
}

/** An address that took connections a moment ago and no longer does. */
export async function unreachableUrl(): Promise<string> {
  const closed = await listen(http.createServer());
  await closed.close();
  return closed.url;
}

/** A server that accepts every request and never answers it. */
export function silentServer(): Promise<StandIn> {
  return listen(http.createServer(() => undefined));
}
