// Wiring of the KPI functions (module scope: once per cold start); each builds only what its grants cover.
import { dynamoFeedback } from '../feedback/dynamo-feedback';
import { dynamoCatalogue } from '../services/dynamo-catalogue';
import { dynamo, requireTable } from '../shared/dynamo';
import type { CardFacts } from './domain/counting';
import type { CountingDeps, ReadingDeps } from './domain/kpis';
import { dynamoKpis } from './dynamo-kpis';

export function countingDeps(): CountingDeps {
  const catalogue = dynamoCatalogue(dynamo, requireTable('catalogue'));
  // A card version never changes: kept for the life of the function (the current card for old events is read each time).
  const versions = new Map<string, Promise<CardFacts | undefined>>();
  const read = async (serviceId: string, version?: number): Promise<CardFacts | undefined> => {
    const card = version === undefined ? await catalogue.getCurrent(serviceId) : await catalogue.getVersion(serviceId, version);
    return card && { ownerAgencyId: card.ownerAgencyId, rolloutPhase: card.rolloutPhase, baseline: card.baseline };
  };
  return {
    store: dynamoKpis(dynamo, { metrics: requireTable('metrics') }),
    card(serviceId, version) {
      if (version === undefined) {
        return read(serviceId);
      }
      const key = `${serviceId}#${version}`;
      const cached = versions.get(key) ?? read(serviceId, version);
      versions.set(key, cached);
      cached.catch(() => versions.delete(key));
      return cached;
    },
  };
}

export function readingDeps(): ReadingDeps {
  const feedback = dynamoFeedback(dynamo, requireTable('engagement'));
  return {
    store: dynamoKpis(dynamo, { metrics: requireTable('metrics'), engagement: requireTable('engagement') }),
    async ratings(quarter) {
      const { services, agencies } = await feedback.quarter(quarter);
      return { services, agencies };
    },
    now: () => new Date(),
  };
}
