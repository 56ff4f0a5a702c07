// X-Ray subsegments for the AWS SDK calls a function makes, so a traced request shows its DynamoDB, SQS, Step
// Functions, EventBridge... calls under the function's segment. Powertools Tracer does this through the X-Ray SDK,
// which takes a bundle over the 400 KB budget (submit-application measured 495 KB with it); this is the part of it
// the platform needs: one SDK middleware that times each call (retries included) and sends its subsegment to the
// X-Ray daemon Lambda runs (the documented UDP format), only when the invocation is sampled. Outgoing requests
// already carry the trace header (the SDK's recursion-detection middleware), so downstream segments join the trace.
import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:dgram';
import { environment } from './environment';

const HEADER = '{"format":"json","version":1}\n';

interface TraceContext {
  readonly root: string;
  readonly parent: string;
}

/** The invocation's trace (Lambda sets `_X_AMZN_TRACE_ID` for each invocation), when sampled. */
export function currentTrace(header = process.env._X_AMZN_TRACE_ID): TraceContext | undefined {
  const fields = Object.fromEntries((header ?? '').split(';').map((part) => part.split('=', 2) as [string, string]));
  return fields.Root && fields.Parent && fields.Sampled === '1' ? { root: fields.Root, parent: fields.Parent } : undefined;
}

/** `host:port`, or the UDP half of `tcp:host:port udp:host:port`. */
export function daemonAddress(value: string): { host: string; port: number } {
  const udp = value.split(' ').find((part) => part.startsWith('udp:')) ?? value;
  const [host, port] = udp.replace(/^udp:/, '').split(/:(?=\d+$)/);
  return { host: host!, port: Number(port) };
}

// node:dgram loaded on the first sampled call, not at every cold start; subsegments still go out in order.
let socket: Promise<Socket> | undefined;
function send(document: object): void {
  const address = environment().AWS_XRAY_DAEMON_ADDRESS;
  if (!address) {
    return;
  }
  const { host, port } = daemonAddress(address);
  socket ??= import('node:dgram').then(({ createSocket }) => createSocket('udp4').unref());
  const datagram = HEADER + JSON.stringify(document);
  // Fire and forget, as the X-Ray SDK does: tracing never fails or slows a call.
  void socket.then((open) => open.send(datagram, port, host, () => undefined)).catch(() => undefined);
}

interface CallContext {
  readonly clientName?: string;
  readonly commandName?: string;
}
interface CallOutput {
  readonly $metadata?: { readonly httpStatusCode?: number; readonly requestId?: string; readonly attempts?: number };
}
interface Traceable {
  readonly middlewareStack: { add(middleware: unknown, options: { step: 'initialize'; name: string; priority: 'high' }): void };
}

const resourceOf = (input: Record<string, unknown>) => ({
  ...(typeof input.TableName === 'string' ? { table_name: input.TableName } : {}),
  ...(typeof input.QueueUrl === 'string' ? { queue_url: input.QueueUrl } : {}),
  ...(typeof input.stateMachineArn === 'string' ? { state_machine_arn: input.stateMachineArn } : {}),
});

/** Adds the tracing middleware to an SDK client (every call it sends becomes a subsegment when sampled). */
export function traced<C>(client: C): C {
  const { middlewareStack } = client as unknown as Traceable;
  const middleware =
    (next: (args: { input: Record<string, unknown> }) => Promise<{ output: CallOutput }>, context: CallContext) =>
    async (args: { input: Record<string, unknown> }) => {
      const trace = currentTrace();
      if (!trace) {
        return next(args);
      }
      const start = Date.now() / 1000;
      const subsegment = (outcome: CallOutput['$metadata'], error?: Error) => ({
        type: 'subsegment',
        id: randomBytes(8).toString('hex'),
        trace_id: trace.root,
        parent_id: trace.parent,
        name: (context.clientName ?? 'AWS').replace(/Client$/, ''),
        namespace: 'aws',
        start_time: start,
        end_time: Date.now() / 1000,
        http: { response: { status: outcome?.httpStatusCode } },
        aws: { operation: (context.commandName ?? '').replace(/Command$/, ''), request_id: outcome?.requestId, retries: Math.max(0, (outcome?.attempts ?? 1) - 1), ...resourceOf(args.input) },
        ...(error ? failureFlags(outcome?.httpStatusCode, error) : {}),
      });
      try {
        const result = await next(args);
        send(subsegment(result.output.$metadata));
        return result;
      } catch (error) {
        send(subsegment((error as CallOutput).$metadata, error as Error));
        throw error;
      }
    };
  middlewareStack.add(middleware, { step: 'initialize', name: 'khidmaXRaySubsegment', priority: 'high' });
  return client;
}

/** X-Ray's flags: 429 or a throttling error → throttle (and error); other 4xx → error; 5xx or no answer → fault. */
function failureFlags(status: number | undefined, error: Error) {
  const cause = { exceptions: [{ id: randomBytes(8).toString('hex'), type: error.name, message: error.message.slice(0, 200) }] };
  if (status === 429 || /Throttl/.test(error.name)) {
    return { throttle: true, error: true, cause };
  }
  return status !== undefined && status < 500 ? { error: true, cause } : { fault: true, cause };
}
