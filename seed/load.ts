// Loads the demo catalogue through the registry's own use cases; existing records are left as they are.
import { importService, type RegistryDeps } from '../functions/services/domain/registry';
import { seedAgencies } from './agencies';
import { seedServices } from './services';

export async function seedCatalogue(deps: RegistryDeps): Promise<{ agencies: number; servicesCreated: number }> {
  const existing = new Set((await deps.catalogue.listAgencies()).map((agency) => agency.agencyId));
  const missing = seedAgencies.filter((agency) => !existing.has(agency.agencyId));
  await Promise.all(missing.map((agency) => deps.catalogue.putAgency(agency)));
  const seeder = { username: 'seed' };
  const created = await Promise.all(
    seedServices.map((seed) => importService(deps, seed.serviceId, seed.card, seed.lifecycleStage, seeder)),
  );
  return { agencies: seedAgencies.length, servicesCreated: created.filter(Boolean).length };
}
