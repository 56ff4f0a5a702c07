// Rollout management: the six phases with their open dates, the services of each with their lifecycle stage and
// readiness, and the capacity plan; an operator changes a phase's open date (the schedule is versioned) or moves
// a service to another phase (a new version of its card), both with optimistic concurrency and audited. A phase
// cannot open, nor an open phase take a service, while a service's steps name an agency with no task queue.
import type { RolloutView } from '../../../schemas/operations';
import type { ServiceCard } from '../../../schemas/services';
import type { AuditEntry } from '../../registry/domain/audit-chain';
import { type CatalogueDeps, putService, stripStored } from '../../services/domain/catalogue';
import { Conflict, NotFound, VersionConflict } from '../../shared/errors';
import { ammanDate } from '../../shared/amman-time';
import { capacityPlan } from '../../../lib/platform/capacity';
import { byCodeUnit } from '../../shared/order';

export const ROLLOUT_PHASES = [1, 2, 3, 4, 5, 6] as const;
export const ROLLOUT_SUBJECT = 'rollout:schedule';

export interface RolloutSchedule {
  readonly version: number;
  /** phase → YYYY-MM-DD */
  readonly phases: Readonly<Record<number, string>>;
  readonly updatedAt?: string;
  readonly updatedBy?: string;
}

export interface RolloutStore {
  get(): Promise<RolloutSchedule>;
  /** Writes `next`; throws VersionConflict unless the stored version is `expectedVersion`. */
  save(next: RolloutSchedule, expectedVersion: number): Promise<void>;
}

export interface RolloutDeps extends CatalogueDeps {
  readonly rollout: RolloutStore;
  readonly audit: { append(entry: AuditEntry): Promise<unknown> };
  /** Agencies that have a task queue in this deployment (lib/platform/agencies.ts). */
  readonly routedAgencies: readonly string[];
  readonly capacity?: Parameters<typeof capacityPlan>[2];
}

export interface Actor {
  readonly username: string;
  readonly role: string;
}

const LIVE_STAGES = new Set<string>(['launched', 'post-launch-evaluation']);

const unroutedAgencies = (card: Pick<ServiceCard, 'workflow'>, routed: ReadonlySet<string>) =>
  [...new Set(card.workflow.flatMap((stage) => stage.steps.map((step) => step.agencyId)))].filter((agencyId) => !routed.has(agencyId)).sort();

async function currentCards(deps: RolloutDeps): Promise<ServiceCard[]> {
  const summaries = await deps.catalogue.listSummaries();
  const cards = await Promise.all(summaries.map((summary) => deps.catalogue.getCurrent(summary.serviceId)));
  return cards.filter((card): card is ServiceCard => card !== undefined).sort((a, b) => byCodeUnit(a.serviceId, b.serviceId));
}

export async function getRollout(deps: RolloutDeps): Promise<RolloutView> {
  const [schedule, cards] = await Promise.all([deps.rollout.get(), currentCards(deps)]);
  const routed = new Set(deps.routedAgencies);
  const today = ammanDate(deps.now());
  const plan = capacityPlan(cards.map((card) => ({ serviceId: card.serviceId, rolloutPhase: card.rolloutPhase, annualTransactions: card.priority.annualTransactions, workflow: card.workflow })), ROLLOUT_PHASES, deps.capacity);
  return {
    version: schedule.version,
    updatedAt: schedule.updatedAt,
    updatedBy: schedule.updatedBy,
    today,
    phases: ROLLOUT_PHASES.map((phase, index): RolloutView['phases'][number] => {
      const services = cards
        .filter((card) => card.rolloutPhase === phase)
        .map((card) => ({
          serviceId: card.serviceId,
          name: card.name,
          version: card.version,
          lifecycleStage: card.lifecycleStage,
          launched: LIVE_STAGES.has(card.lifecycleStage),
          annualTransactions: card.priority.annualTransactions,
          unroutedAgencies: unroutedAgencies(card, routed),
        }));
      const missingRoutes = services.filter((service) => service.unroutedAgencies.length > 0).map((service) => ({ serviceId: service.serviceId, agencyIds: service.unroutedAgencies }));
      const opensOn = schedule.phases[phase] ?? null;
      return {
        phase,
        opensOn,
        open: opensOn !== null && opensOn <= today,
        ready: missingRoutes.length === 0,
        services,
        notLaunched: services.filter((service) => !service.launched).map((service) => service.serviceId),
        missingRoutes,
        capacity: plan.phases[index]!,
      };
    }),
    capacity: { assumptions: { ...plan.assumptions }, quotas: { ...plan.quotas }, firstExceeded: plan.firstExceeded },
  };
}

function stale(what: string, expectedVersion: number, currentVersion: number): Conflict {
  return new Conflict('stale_version', `${what} is at version ${currentVersion}, not ${expectedVersion}: reload it and apply your change again`, { expectedVersion, currentVersion });
}

/** PUT /v1/rollout/phases/{phase}: 1. check the version, 2. an opening phase must be routable, 3. save, 4. audit. */
export async function setPhaseDate(deps: RolloutDeps, phase: number, opensOn: string, expectedVersion: number, actor: Actor): Promise<RolloutSchedule> {
  const schedule = await deps.rollout.get();
  if (schedule.version !== expectedVersion) {
    throw stale('The rollout schedule', expectedVersion, schedule.version);
  }
  const today = ammanDate(deps.now());
  if (opensOn <= today) {
    const routed = new Set(deps.routedAgencies);
    const missingRoutes = (await currentCards(deps))
      .filter((card) => card.rolloutPhase === phase)
      .map((card) => ({ serviceId: card.serviceId, agencyIds: unroutedAgencies(card, routed) }))
      .filter((entry) => entry.agencyIds.length > 0);
    if (missingRoutes.length > 0) {
      throw notReady(phase, missingRoutes);
    }
  }
  const at = deps.now().toISOString();
  const next: RolloutSchedule = { version: expectedVersion + 1, phases: { ...schedule.phases, [phase]: opensOn }, updatedAt: at, updatedBy: actor.username };
  try {
    await deps.rollout.save(next, expectedVersion);
  } catch (error) {
    if (error instanceof VersionConflict) {
      throw stale('The rollout schedule', expectedVersion, (await deps.rollout.get()).version);
    }
    throw error;
  }
  const was = schedule.phases[phase];
  await deps.audit.append({
    subject: ROLLOUT_SUBJECT,
    action: 'rollout.update',
    at,
    actor: { id: actor.username, role: actor.role },
    fields: [`phases.${phase}`],
    purpose: `phase ${phase} opens on ${opensOn}${was ? ` (was ${was})` : ''}; schedule version ${next.version}`,
  });
  return next;
}

/** PUT /v1/rollout/services/{serviceId}: the card's next version in another phase; an open phase takes only a routable service. */
export async function moveService(deps: RolloutDeps, serviceId: string, phase: number, expectedVersion: number, actor: Actor): Promise<{ serviceId: string; from: number; to: number; version: number }> {
  const card = await deps.catalogue.getCurrent(serviceId);
  if (!card) {
    throw new NotFound('service_not_found', `No service with id ${serviceId}`);
  }
  if (card.version !== expectedVersion) {
    throw stale(`Service ${serviceId}`, expectedVersion, card.version);
  }
  const opensOn = (await deps.rollout.get()).phases[phase];
  const agencyIds = unroutedAgencies(card, new Set(deps.routedAgencies));
  if (opensOn && opensOn <= ammanDate(deps.now()) && agencyIds.length > 0) {
    throw notReady(phase, [{ serviceId, agencyIds }]);
  }
  const saved = await putService(deps, serviceId, { ...stripStored(card), rolloutPhase: phase }, expectedVersion, actor);
  await deps.audit.append({
    subject: `${ROLLOUT_SUBJECT}`,
    action: 'rollout.update',
    at: saved.updatedAt,
    actor: { id: actor.username, role: actor.role },
    fields: [`services.${serviceId}.rolloutPhase`],
    purpose: `${serviceId} moved from phase ${card.rolloutPhase} to ${phase}; card version ${saved.version}`,
  });
  return { serviceId, from: card.rolloutPhase, to: phase, version: saved.version };
}

function notReady(phase: number, missingRoutes: { serviceId: string; agencyIds: string[] }[]): Conflict {
  const list = missingRoutes.map((entry) => `${entry.serviceId} (${entry.agencyIds.join(', ')})`).join('; ');
  return new Conflict('phase_not_ready', `Phase ${phase} cannot be open while these services have steps at agencies with no task queue: ${list}. Deploy the agencies' queues first (reference/agencies.ts)`, { phase, missingRoutes });
}
