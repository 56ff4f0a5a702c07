// Polls until a probe answers (asynchronous work: queues, the workflow engine, the event bus). Every wait of a
// test shares the test's own timeout (see deadline-environment.js): by default a wait may take what is left of
// it, less a second to report which wait it was; `ms` only shortens that.
const REPORT_MS = 1_000;

/** When the running test (or hook) times out, if the environment says; else 20 s from now. */
export function testDeadline(): number {
  const deadline = (globalThis as { __khidmaDeadline?: number }).__khidmaDeadline;
  return deadline ?? Date.now() + 20_000 + REPORT_MS;
}

export async function until<T>(what: string, probe: () => Promise<T | undefined | false>, ms?: number): Promise<T> {
  const started = Date.now();
  const budget = testDeadline() - REPORT_MS;
  const deadline = ms === undefined ? budget : Math.min(started + ms, budget);
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what} (${Date.now() - started} ms${deadline === budget ? ', the rest of the test’s time' : ''})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
