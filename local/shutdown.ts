// Stopping the local cloud must end: a part that does not stop in time is named and left behind, never waited for.
import type { Server } from 'node:http';

export interface Stopper {
  readonly name: string;
  stop(): Promise<void>;
}

/** Runs each stopper in turn, giving each at most `graceMs`; returns the names of those that did not finish. */
export async function stopInTurn(stoppers: readonly Stopper[], graceMs: number): Promise<string[]> {
  const late: string[] = [];
  for (const { name, stop } of stoppers) {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), graceMs);
    });
    const outcome = await Promise.race([stop().then(() => 'done' as const, () => 'done' as const), timedOut]);
    clearTimeout(timer);
    if (outcome === 'late') {
      late.push(name);
    }
  }
  return late;
}

/** Closes an HTTP server: idle connections at once, requests still in flight after `graceMs` are cut. */
export function closeServer(server: Server, graceMs: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const cut = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearTimeout(cut);
      resolve();
    });
    server.closeIdleConnections();
  });
}
