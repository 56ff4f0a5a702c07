// A stand-by local region taking over (README, Disaster recovery): when `npm run failover` turns its schedules on,
// it resumes the workflow of every application in flight at once, as a local cloud does when it starts, and
// rebuilds its KPI aggregates. The applications came by replication; their state machine executions stayed in the
// lost region, and the aggregates are regional (each region counts its own).
import { readSwitches } from './region-switch';

const CHECK_EVERY_MS = 250;

export function resumeOnTakeOver(dataDir: string, resume: () => Promise<unknown>, log: (line: string) => void): () => Promise<void> {
  let on = readSwitches(dataDir).schedules;
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    const now = readSwitches(dataDir).schedules;
    if (now && !on) {
      running = running.then(resume).catch((error: Error) => log(`taking over (resuming the applications in flight, rebuilding the KPIs) failed: ${error.name}`));
    }
    on = now;
  }, CHECK_EVERY_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
