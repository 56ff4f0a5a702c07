// The disaster-recovery drill, short (its full figures: `npm run bench -- --faults`). Two local clouds as the two
// regions, replication between their tables EMULATING global tables (local/replicator.ts); the primary SIGKILLed with
// applications, decisions and notifications in flight; `npm run failover -- --stage local --to dr`; a citizen who
// signed up in the primary signs in in DR (reset code) and submits; every Idempotency-Key replayed in DR gives its
// application once, and every application completes there. Targets: prod's (lib/config/stages.ts).
import { stages } from '../../lib/config/stages';
import { drDrill, type DrDrillFigures } from '../../bench/sections/dr-drill';

const APPLICATIONS = 3;
const IN_FLIGHT = 2;
let figures: DrDrillFigures;

// Two local clouds start here (one after the other: the primary's identity mirror needs the DR pool): the test's time.
jest.setTimeout(300_000);

beforeAll(async () => {
  figures = await drDrill({ applications: APPLICATIONS, inFlight: IN_FLIGHT, lagMs: 100, settleMs: 150_000 });
});

it('fails over with one command, and a citizen of the primary signs in in DR and submits within the RTO', () => {
  expect(figures.failover.code).toBe(0);
  expect(figures.failover.output).toContain('The dr region takes writes');
  expect(figures.rto.signInMs).toBeLessThanOrEqual(figures.rto.submissionMs);
  expect(figures.rto.submissionMs).toBeLessThanOrEqual(stages.prod!.recovery.rtoSeconds * 1000);
});

it('loses no acknowledged write older than the replication lag, within the RPO', () => {
  // Every application acknowledged before the decisions started was replicated (its first stage opened since).
  expect(figures.acknowledged.submissions).toBeGreaterThanOrEqual(APPLICATIONS);
  expect(figures.replays.same).toBeGreaterThanOrEqual(APPLICATIONS);
  // What the loss took is what had not been replicated yet: no older than the lag at the loss, far inside the RPO.
  expect(figures.replication.lagAtLossMs).toBeLessThanOrEqual(stages.prod!.recovery.rpoSeconds * 1000);
  expect(figures.replays.same + figures.replays.recreated).toBe(figures.acknowledged.submissions);
  expect(figures.replays.recreated).toBe(figures.lostWrites.submissions.length);
});

it('completes every application in DR, each Idempotency-Key giving exactly one', () => {
  expect(figures.replays.failed).toEqual([]);
  expect(figures.applicationsInDr).toBe(APPLICATIONS + IN_FLIGHT);
  expect({ completed: figures.completed, unfinished: figures.unfinished, repeated: figures.repeated }).toEqual({ completed: APPLICATIONS + IN_FLIGHT, unfinished: [], repeated: 0 });
  // Their notifications too: the applicant's inbox in DR has each approval, once.
  expect(figures.approvalNotices).toEqual({ notified: APPLICATIONS + IN_FLIGHT, repeated: 0 });
});

it("rebuilds DR's own KPI aggregates as it takes over: every application counted there, those of the primary too", () => {
  expect(figures.kpiFacts).toEqual({ applications: APPLICATIONS + IN_FLIGHT, counted: APPLICATIONS + IN_FLIGHT });
});
