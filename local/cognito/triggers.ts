// The user pool's Lambda triggers in the local cloud: cognito-local builds each event exactly as it does for a
// Lambda (its own LambdaService), and this client runs our handler in-process instead of calling the Lambda API.
// A thrown error comes back as an unhandled function error, which the emulator, like Cognito, turns into
// "<trigger> failed with error <message>.".
import type { Lambda } from 'cognito-local/lib/services';
import type { Context } from 'cognito-local/lib/services/context';

export type TriggerHandler = (event: unknown) => Promise<unknown>;

interface InvokeRequest {
  readonly FunctionName: string;
  readonly Payload: string;
}

/** A stand-in for the aws-sdk v2 Lambda client, for the one call LambdaService makes. */
function inProcessClient(handlers: () => ReadonlyMap<string, TriggerHandler>) {
  const run = async ({ FunctionName, Payload }: InvokeRequest) => {
    const handler = handlers().get(FunctionName);
    if (!handler) {
      return { StatusCode: 404, FunctionError: 'Unhandled', Payload: JSON.stringify({ errorMessage: `no trigger ${FunctionName}` }) };
    }
    try {
      return { StatusCode: 200, Payload: JSON.stringify(await handler(JSON.parse(Payload))) };
    } catch (error) {
      return { StatusCode: 200, FunctionError: 'Unhandled', Payload: JSON.stringify({ errorMessage: (error as Error).message }) };
    }
  };
  return { invoke: (request: InvokeRequest) => ({ promise: () => run(request) }) };
}

export interface LocalTriggers extends Lambda {
  /** Attaches the handlers (by Cognito's trigger name); until then the pool has no triggers, as a new pool. */
  attach(handlers: ReadonlyMap<string, TriggerHandler>): void;
}

export async function localTriggers(): Promise<LocalTriggers> {
  const { LambdaService } = await import('cognito-local/lib/services/lambda');
  let attached: ReadonlyMap<string, TriggerHandler> = new Map();
  // The function name is the trigger's own: Cognito's messages name the trigger ("PreSignUp failed with error ...").
  const config = () => Object.fromEntries([...attached.keys()].map((name) => [name, name]));
  const client = inProcessClient(() => attached);
  return {
    attach(handlers) {
      attached = handlers;
    },
    enabled: (trigger) => attached.has(trigger),
    invoke: ((ctx: Context, trigger: string, event: unknown) =>
      new LambdaService(config(), client as never).invoke(ctx, trigger as never, event as never)) as Lambda['invoke'],
  };
}

/** The catalogue's trigger handlers, loaded once the Lambda environment is set (they read it at import). */
export async function loadTriggerHandlers(root: string): Promise<ReadonlyMap<string, TriggerHandler>> {
  const path = await import('node:path');
  const { identityTriggers } = await import('../../lib/catalogue/identity-triggers');
  const loaded = await Promise.all(
    identityTriggers.map(async (trigger) => [trigger.operation, ((await import(path.join(root, trigger.entry))) as { handler: TriggerHandler }).handler] as const),
  );
  return new Map(loaded);
}
