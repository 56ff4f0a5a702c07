// The local cloud exactly as `npm start` runs it, as a child process group (local/cloud-process.ts):
// the API load runs against it, and the crash figure kills and restarts it on the same data.
import { rmSync } from 'node:fs';
import readline from 'node:readline';
import { type RunningCloud, startCloud, stopCloud } from '../local/cloud-process';
import { CloudClient } from './client';

export class ChildCloud {
  /** The handlers' error log lines (JSON), numbered, the last 200 kept: they explain 5xx answers. */
  private errors: Array<{ readonly n: number; readonly line: string }> = [];
  private seen = 0;

  private constructor(
    private running: RunningCloud,
    public client: CloudClient,
    private readonly args: readonly string[],
  ) {
    this.listen();
  }

  private listen(): void {
    for (const stream of [this.running.process.stdout!, this.running.process.stderr!]) {
      readline.createInterface({ input: stream }).on('line', (line) => {
        if (line.includes('"level":"ERROR"')) {
          this.errors = [...this.errors.slice(-199), { n: ++this.seen, line }];
        }
      });
    }
  }

  /** Returns a reader of how many error lines of each errorName the handlers logged since this call. */
  errorsFromNow(): () => Record<string, number> {
    const from = this.seen;
    return () => {
      const counts: Record<string, number> = {};
      for (const { line } of this.errors.filter((entry) => entry.n > from)) {
        const name = /"errorName":"([^"]+)"/.exec(line)?.[1] ?? /"message":"([^"]+)"/.exec(line)?.[1] ?? 'unnamed';
        counts[name] = (counts[name] ?? 0) + 1;
      }
      return counts;
    };
  }

  /**
   * npm start's catalogue cache (5 s) instead of the tests' 0. The schedules (SLA sweep, reconciler) run every
   * `scheduleSeconds`: hourly keeps them out of load figures; the fault figures run the reconciler as prod would, faster.
   */
  static async start(scheduleSeconds: number, nodeArgs: string[] = []): Promise<ChildCloud> {
    const args = ['--cache-seconds', '5', '--schedule-seconds', String(scheduleSeconds)];
    const running = await startCloud({ extraArgs: args, nodeArgs });
    return new ChildCloud(running, new CloudClient(running.state), args);
  }

  /** SIGKILLs the whole process group (API, engine, queues, DynamoDB Local) and starts it again on the same data. */
  async crashAndRestart(): Promise<void> {
    await stopCloud(this.running, 'SIGKILL');
    this.client.close();
    this.running = await startCloud({ dataDir: this.running.dataDir, reset: false, extraArgs: [...this.args] });
    this.client = new CloudClient(this.running.state);
    this.listen();
  }

  async stop(): Promise<void> {
    this.client.close();
    await stopCloud(this.running);
    await stopCloud(this.running, 'SIGKILL');
    rmSync(this.running.dataDir, { recursive: true, force: true });
  }
}
