// Loads the demo catalogue through the registry's own use cases; existing records are left as they are.
import { importService, type RegistryDeps } from '../functions/services/domain/registry';
import { importCalendar } from '../functions/services/domain/calendar';
import { seedAgencies } from './agencies';
import { seedCalendar } from './calendar';
import { seedLifeEvents } from './life-events';
import { seedServices } from './services';

/** Phases 1 and 2 are open; phase 3 opens next spring; 4 to 6 follow (Jordan's six-phase plan). */
export const seedRollout: Record<number, string> = {
  1: '2025-01-01',
  2: '2025-09-01',
  3: '2027-03-01',
  4: '2027-09-01',
  5: '2028-03-01',
  6: '2028-09-01',
};

export async function seedCatalogue(deps: RegistryDeps): Promise<{ agencies: number; servicesCreated: number }> {
  const existing = new Set((await deps.catalogue.listAgencies()).map((agency) => agency.agencyId));
  const missing = seedAgencies.filter((agency) => !existing.has(agency.agencyId));
  await Promise.all(missing.map((agency) => deps.catalogue.putAgency(agency)));
  await deps.catalogue.putRollout(seedRollout, true);
  await importCalendar(deps, seedCalendar(new Date(deps.now()).getUTCFullYear() - 1), { username: 'seed' });
  await Promise.all(seedLifeEvents.map((definition) => deps.catalogue.putLifeEvent(definition)));
  const seeder = { username: 'seed' };
  const created = await Promise.all(
    seedServices.map((seed) => importService(deps, seed.serviceId, seed.card, seed.lifecycleStage, seeder)),
  );
  return { agencies: seedAgencies.length, servicesCreated: created.filter(Boolean).length };
}
