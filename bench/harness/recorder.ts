// A pass-through in front of DynamoDB Local (cognito-local, the payment provider's stand-in) that records each request
// (its X-Amz-Target and JSON body): what a cold-started handler asked of it, so that its reference handler can make
// exactly the same calls.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  /** X-Amz-Target, e.g. DynamoDB_20120810.GetItem, AWSStepFunctions.StartExecution. */
  readonly target: string;
  readonly body: string;
  /** performance.now() when it arrived, to merge records of several services in order. */
  readonly at: number;
  /** A REST call's method and path (S3's), where the target and body do not say it all. */
  readonly method?: string;
  readonly path?: string;
  /** The service's answer's status, once it came: a replay makes a call that succeeded succeed again (cold-reference.ts). */
  status?: number;
}

export interface Recorder {
  readonly url: string;
  /** The calls recorded since the last take, in order; the record starts afresh. */
  take(): RecordedCall[];
  close(): Promise<void>;
}

/**
 * `rest`: the name of a REST service that sends no X-Amz-Target (the payment provider's API): each request is recorded
 * as `<rest>.<method>` with its method and path, which the reference replays as they are.
 */
export async function startRecorder(upstream: string, rest?: string): Promise<Recorder> {
  let calls: RecordedCall[] = [];
  const target = new URL(upstream);
  const agent = new http.Agent({ keepAlive: true });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const call = rest ? { target: `${rest}.${req.method}`, method: req.method, path: req.url } : { target: String(req.headers['x-amz-target'] ?? '') };
      const recorded: RecordedCall = { ...call, body: body.toString('utf8'), at: performance.now() };
      calls.push(recorded);
      const forward = http.request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers, agent }, (answer) => {
        recorded.status = answer.statusCode;
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      forward.on('error', () => res.destroy());
      forward.end(body);
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    take: () => {
      const taken = calls;
      calls = [];
      return taken;
    },
    close: () =>
      new Promise((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
