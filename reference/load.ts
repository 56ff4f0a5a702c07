// The one loader of the reference package, used by the deployment (functions/platform/load-reference.ts) and the
// local cloud. Idempotent: a re-run writes nothing. A service card an operator has edited since is never
// overwritten: it is reported as skipped. The rollout schedule is written once, relative to the loader's clock.
import { isDeepStrictEqual } from 'node:util';
import { type ReferenceSync, type CatalogueDeps, syncReferenceService } from '../functions/services/domain/catalogue';
import { importCalendar } from '../functions/services/domain/calendar';
import { importSynonyms } from '../functions/services/domain/synonyms';
import { referenceCalendar } from './calendar';
import { synonymGroups } from './search-synonyms';
import { rolloutSchedule } from './rollout';
import type { ReferencePackage } from './index';

/** Who the loader writes as; cards last written by one of these names belong to the package. */
export const REFERENCE_LOADER = 'reference-package';
const loaderNames = [REFERENCE_LOADER, 'seed'];

export interface LoadReport {
  readonly version: string;
  readonly agencies: { readonly written: number; readonly unchanged: number };
  readonly lifeEvents: { readonly written: number; readonly unchanged: number };
  readonly rollout: 'written' | 'kept';
  /** The working calendar (holidays, hours): written once, then kept by operators through PUT /v1/calendar. */
  readonly calendar: 'written' | 'kept';
  /** The search synonym list: written once, then kept by operators through PUT /v1/search/synonyms. */
  readonly synonyms: 'written' | 'kept';
  readonly services: { readonly created: number; readonly updated: number; readonly unchanged: number };
  /** Cards an operator edited after the package wrote them: left as they are. */
  readonly skipped: readonly { readonly serviceId: string; readonly version: number; readonly editedBy: string }[];
}

export async function loadReference(deps: CatalogueDeps, reference: ReferencePackage): Promise<LoadReport> {
  // 1. agencies (cards name them), 2. the rollout plan, 3. life events, 4. service cards, one at a time.
  const existingAgencies = new Map((await deps.catalogue.listAgencies()).map((agency) => [agency.agencyId, agency]));
  const agencies = reference.agencies.filter((agency) => !isDeepStrictEqual(existingAgencies.get(agency.agencyId), agency));
  await Promise.all(agencies.map((agency) => deps.catalogue.putAgency(agency)));

  const hadRollout = Object.keys(await deps.catalogue.getRollout()).length > 0;
  if (!hadRollout) {
    await deps.catalogue.putRollout(rolloutSchedule(deps.now(), reference.rolloutOffsetDays), true);
  }

  const calendarWritten = await importCalendar(deps, referenceCalendar(deps.now().getUTCFullYear() - 1), { username: REFERENCE_LOADER });
  const synonymsWritten = await importSynonyms(deps, synonymGroups.map((group) => [...group]), { username: REFERENCE_LOADER });

  const existingEvents = new Map((await deps.catalogue.listLifeEvents()).map((event) => [event.lifeEventId, event]));
  const lifeEvents = reference.lifeEvents.filter((event) => !isDeepStrictEqual(existingEvents.get(event.lifeEventId), event));
  await Promise.all(lifeEvents.map((event) => deps.catalogue.putLifeEvent(event)));

  const outcomes: ReferenceSync[] = [];
  for (const service of reference.services) {
    outcomes.push(
      await syncReferenceService(deps, service.serviceId, service.card, service.lifecycleStage, { username: REFERENCE_LOADER }, loaderNames),
    );
  }
  const count = (outcome: string) => outcomes.filter((result) => result.outcome === outcome).length;
  // The listing's snapshot with the cards just written (else it waits for the next scheduled fold).
  await deps.catalogue.foldListing(deps.now());
  return {
    version: reference.version,
    agencies: { written: agencies.length, unchanged: reference.agencies.length - agencies.length },
    lifeEvents: { written: lifeEvents.length, unchanged: reference.lifeEvents.length - lifeEvents.length },
    rollout: hadRollout ? 'kept' : 'written',
    calendar: calendarWritten ? 'written' : 'kept',
    synonyms: synonymsWritten ? 'written' : 'kept',
    services: { created: count('created'), updated: count('updated'), unchanged: count('unchanged') },
    skipped: outcomes.flatMap((result) =>
      result.outcome === 'skipped' ? [{ serviceId: result.serviceId, version: result.version, editedBy: result.editedBy }] : [],
    ),
  };
}
