// The local workflow engine: aws-local-stepfunctions runs the definition CDK synthesizes, with its two task
// states bound to the same code as in AWS. The agency step puts its message on the agency's local queue and
// waits for the decision through a task token, as `sqs:sendMessage.waitForTaskToken` does. Executions live in
// memory: after a crash the reconciler starts them again, and every step is idempotent.
import { randomUUID } from 'node:crypto';
import { ExecutionAbortedError, StateMachine } from 'aws-local-stepfunctions';
import { type StepOutcome, type WorkflowEngine, type WorkflowInput } from '../functions/workflow/ports';
import { AGENCY_STEP_STATE } from '../lib/platform/workflow';

// aws-local-stepfunctions uses Promise.withResolvers (Node 22); Node 20 lacks it.
const promiseStatics = Promise as unknown as { withResolvers?: <T>() => { promise: Promise<T>; resolve: (value: T) => void; reject: (reason?: unknown) => void } };
promiseStatics.withResolvers ??= <T>() => {
  let resolve!: (value: T) => void;
  let reject!: (reason?: unknown) => void;
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
};

export interface LocalWorkflowEngineOptions {
  /** The ASL definition (see local/workflow-definition.ts). */
  readonly definition: Record<string, unknown>;
  /** Sends the agency step's message to the named queue. */
  readonly sendToQueue: (queueName: string, body: string) => Promise<unknown>;
  /** Told of every state an execution enters (a transition as Step Functions Standard bills it, retries included) or leaves. */
  readonly onTransition?: TransitionListener;
  readonly log?: (line: string) => void;
}

/** A state an application's execution entered, retried or left, as aws-local-stepfunctions' event log reports it. */
export interface StateTransition {
  readonly type: 'StateEntered' | 'StateRetried' | 'StateExited';
  readonly state: string;
  /** Epoch ms. */
  readonly at: number;
}

/** Only `StateEntered` and `StateRetried` are transitions; `StateExited` is there for timing a state. */
export type TransitionListener = (applicationId: string, transition: StateTransition) => void;

type EventLogs = ReturnType<StateMachine['run']>['eventLogs'];

const stateEvents = new Set<string>(['StateEntered', 'StateRetried', 'StateExited']);

class TaskGone extends Error {
  override readonly name = 'TaskDoesNotExist';
}

class TaskError extends Error {
  constructor(name: string, cause: string) {
    super(cause);
    this.name = name;
  }
}

interface Waiting {
  readonly applicationId: string;
  readonly resolve: (output: StepOutcome) => void;
  readonly reject: (error: Error) => void;
}

export class LocalWorkflowEngine implements WorkflowEngine {
  private readonly machine: StateMachine;
  private readonly running = new Map<string, { abort: () => void; done: Promise<unknown> }>();
  private readonly waiting = new Map<string, Waiting>();
  private listeners: readonly TransitionListener[];

  constructor(private readonly options: LocalWorkflowEngineOptions) {
    this.machine = new StateMachine(options.definition as never, { validationOptions: { checkPaths: true, checkArn: false } });
    this.listeners = options.onTransition ? [options.onTransition] : [];
  }

  /** Adds a listener of every state the executions enter (e.g. the benchmark's transition count); returns its removal. */
  observeTransitions(listener: TransitionListener): () => void {
    this.listeners = [...this.listeners, listener];
    return () => {
      this.listeners = this.listeners.filter((other) => other !== listener);
    };
  }

  async start(input: WorkflowInput): Promise<void> {
    const { applicationId } = input;
    if (this.running.has(applicationId)) {
      return;
    }
    const execution = this.machine.run(input as never, {
      // The library has no task tokens; the agency step makes its own and this placeholder satisfies $$.Task.Token.
      context: { Task: { Token: 'local' } } as never,
      overrides: {
        taskResourceLocalHandlers: {
          [AGENCY_STEP_STATE]: (parameters) => this.agencyStep(applicationId, parameters as { QueueUrl: string; MessageBody: Record<string, unknown> }),
        },
      },
    });
    const done = execution.result.then(
      () => this.log(`workflow ${applicationId}: ended`),
      (error: Error) => {
        if (!(error instanceof ExecutionAbortedError)) {
          this.log(`workflow ${applicationId}: failed (${error.name})`);
        }
      },
    );
    this.report(applicationId, execution.eventLogs).catch((error: Error) => this.log(`workflow ${applicationId}: transition listener failed (${error.name})`));
    this.running.set(applicationId, { abort: execution.abort, done });
    void done.finally(() => {
      this.running.delete(applicationId);
      this.forget(applicationId);
    });
  }

  async resume(input: WorkflowInput): Promise<'running' | 'started'> {
    if (this.running.has(input.applicationId)) {
      return 'running';
    }
    await this.start(input);
    return 'started';
  }

  async sendTaskSuccess(taskToken: string, output: StepOutcome): Promise<void> {
    this.take(taskToken).resolve(output);
  }

  async sendTaskFailure(taskToken: string, error: 'Rejected' | 'Cancelled', cause: string): Promise<void> {
    this.take(taskToken).reject(new TaskError(error, cause));
  }

  async stop(applicationId: string): Promise<void> {
    const execution = this.running.get(applicationId);
    if (execution) {
      execution.abort();
      this.forget(applicationId);
      await execution.done;
    }
  }

  /** Applications with a running execution (the reconciler skips them). */
  isRunning(applicationId: string): boolean {
    return this.running.has(applicationId);
  }

  /** Aborts every execution (shutdown). */
  async stopAll(): Promise<void> {
    await Promise.all([...this.running.keys()].map((applicationId) => this.stop(applicationId)));
  }

  /** Nested Map iterations' states come through the root execution's log; the log ends with the execution. */
  private async report(applicationId: string, logs: EventLogs): Promise<void> {
    for await (const event of logs) {
      if (stateEvents.has(event.type) && 'state' in event) {
        const transition = { type: event.type as StateTransition['type'], state: event.state.name, at: event.timestamp };
        for (const listener of this.listeners) {
          listener(applicationId, transition);
        }
      }
    }
  }

  private agencyStep(applicationId: string, parameters: { QueueUrl: string; MessageBody: Record<string, unknown> }): Promise<never> {
    const taskToken = `${applicationId}:${randomUUID()}`;
    const queueName = parameters.QueueUrl.slice(parameters.QueueUrl.lastIndexOf('/') + 1);
    const outcome = new Promise<StepOutcome>((resolve, reject) => this.waiting.set(taskToken, { applicationId, resolve, reject }));
    return this.options
      .sendToQueue(queueName, JSON.stringify({ ...parameters.MessageBody, taskToken }))
      .then(() => outcome as Promise<never>, (error: Error) => {
        this.waiting.delete(taskToken);
        throw error;
      });
  }

  private take(taskToken: string): Waiting {
    const waiting = this.waiting.get(taskToken);
    if (!waiting) {
      throw new TaskGone('Task does not exist anymore');
    }
    this.waiting.delete(taskToken);
    return waiting;
  }

  private forget(applicationId: string): void {
    for (const [token, waiting] of this.waiting) {
      if (waiting.applicationId === applicationId) {
        this.waiting.delete(token);
      }
    }
  }

  private log(line: string): void {
    this.options.log?.(line);
  }
}
