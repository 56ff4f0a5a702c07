// Loads the demo catalogue through the registry's own use cases; existing records are left as they are.
import { importService, type RegistryDeps } from '../functions/services/domain/registry';
import { daysFrom } from '../functions/shared/dates';
import { seedAgencies } from './agencies';
import { seedLifeEvents } from './life-events';
import { seedServices } from './services';

/**
 * Jordan's six-phase plan, relative to the day the catalogue is first loaded (so demo data never goes
 * stale): phases 1 and 2 are open; phase 3 opens in about three months, 4 to 6 follow every six months.
 */
export function seedRollout(today: Date): Record<number, string> {
  const offsets = { 1: -700, 2: -90, 3: 90, 4: 270, 5: 450, 6: 630 };
  return Object.fromEntries(Object.entries(offsets).map(([phase, days]) => [Number(phase), daysFrom(today, days)]));
}

export async function seedCatalogue(deps: RegistryDeps): Promise<{ agencies: number; servicesCreated: number }> {
  const existing = new Set((await deps.catalogue.listAgencies()).map((agency) => agency.agencyId));
  const missing = seedAgencies.filter((agency) => !existing.has(agency.agencyId));
  await Promise.all(missing.map((agency) => deps.catalogue.putAgency(agency)));
  await deps.catalogue.putRollout(seedRollout(deps.now()), true);
  await Promise.all(seedLifeEvents.map((definition) => deps.catalogue.putLifeEvent(definition)));
  const seeder = { username: 'seed' };
  const created = await Promise.all(
    seedServices.map((seed) => importService(deps, seed.serviceId, seed.card, seed.lifecycleStage, seeder)),
  );
  return { agencies: seedAgencies.length, servicesCreated: created.filter(Boolean).length };
}
