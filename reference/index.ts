// The reference package: what every stage's catalogue starts from (agencies, service cards, life events, the
// rollout plan). Versioned: bump `version` with every change so deployments say which one they loaded.
import type { BundleDefinition } from '../schemas/bundles';
import type { Agency } from '../schemas/services';
import { referenceAgencies } from './agencies';
import { referenceLifeEvents } from './life-events';
import { rolloutOffsetDays } from './rollout';
import { type ReferenceService, referenceServices } from './services';

export interface ReferencePackage {
  readonly version: string;
  readonly agencies: readonly Agency[];
  readonly services: readonly ReferenceService[];
  readonly lifeEvents: readonly BundleDefinition[];
  /** Phase → days from the first load's date. */
  readonly rolloutOffsetDays: Readonly<Record<number, number>>;
}

export const referencePackage: ReferencePackage = {
  version: '2026.12.3',
  agencies: referenceAgencies,
  services: referenceServices,
  lifeEvents: referenceLifeEvents,
  rolloutOffsetDays,
};
