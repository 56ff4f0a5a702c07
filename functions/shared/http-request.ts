// One HTTP request with node:http(s), for the few services the platform calls without an AWS SDK client (Cognito's
// GetUser for the staff MFA check, the payment provider). Not with fetch: Node loads fetch's implementation (undici)
// on its first call, some 15 to 65 ms of a cold start on this machine (bench/PERFORMANCE.md, "Cold load, third
// pass"), where the AWS SDK has node:https loaded already.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface TextAnswer {
  readonly status: number;
  readonly text: string;
}

export interface RequestOptions {
  readonly method: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  /** The whole exchange, connection to the answer's last byte; past it the request is aborted and the promise rejects. */
  readonly timeoutMs: number;
}

/** Sends the request; resolves with any answer's status and text, rejects when none came (refused, reset, or too slow). */
export function requestText(url: URL, options: RequestOptions): Promise<TextAnswer> {
  const { body } = options;
  const headers = body === undefined ? { ...options.headers } : { ...options.headers, 'content-length': String(Buffer.byteLength(body)) };
  const send = url.protocol === 'http:' ? httpRequest : httpsRequest;
  return new Promise((resolve, reject) => {
    const outgoing = send(url, { method: options.method, headers, signal: AbortSignal.timeout(options.timeoutMs) }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.once('error', reject);
      incoming.once('end', () => resolve({ status: incoming.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    outgoing.once('error', reject);
    outgoing.end(body);
  });
}
