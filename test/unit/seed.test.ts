import { referenceAgencies } from '../../reference/agencies';
import { referenceServices } from '../../reference/services';
import { Agency, lifecycleStages, ServiceCardInput } from '../../schemas/services';
import { Slug } from '../../schemas/common';
import { listServices, storedSummary } from '../../functions/services/domain/catalogue';

const agencyIds = new Set(referenceAgencies.map((agency) => agency.agencyId));
const steps = (card: ServiceCardInput) => card.workflow.flatMap((stage) => stage.steps);
const isMultiAgency = (card: ServiceCardInput) =>
  card.partnerAgencyIds.length > 0 && steps(card).some((step) => card.partnerAgencyIds.includes(step.agencyId));
const hasParallelStage = (card: ServiceCardInput) =>
  card.workflow.some((stage) => stage.steps.length >= 2 && new Set(stage.steps.map((step) => step.agencyId)).size >= 2);

/** Every { ar, en } pair anywhere in a value, with its path. */
function localizedTexts(value: unknown, path = ''): Array<{ path: string; ar: string; en: string }> {
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => localizedTexts(item, `${path}[${index}]`));
  }
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const own = typeof record.ar === 'string' && typeof record.en === 'string' ? [{ path, ar: record.ar, en: record.en }] : [];
    return [...own, ...Object.entries(record).flatMap(([key, child]) => localizedTexts(child, `${path}.${key}`))];
  }
  return [];
}

function duplicates(values: readonly string[]): string[] {
  return [...new Set(values.filter((value, index) => values.indexOf(value) !== index))];
}

describe('seed agencies', () => {
  it('holds exactly the agencies other code depends on, each valid', () => {
    expect([...agencyIds].sort()).toEqual(
      ['ccd', 'cspd', 'customs', 'dls', 'dvld', 'gam', 'hia', 'istd', 'mit', 'moh', 'moi', 'moj', 'mol', 'ssc'].sort(),
    );
    expect(agencyIds.size).toBe(referenceAgencies.length);
    for (const agency of referenceAgencies) {
      expect(Agency.safeParse(agency).error).toBeUndefined();
    }
  });
});

describe('seed services', () => {
  it.each(referenceServices.map((seed) => [seed.serviceId, seed] as const))('%s parses as a ServiceCardInput', (_, seed) => {
    const result = ServiceCardInput.safeParse(seed.card);
    expect(result.error).toBeUndefined();
    expect(result.data).toEqual(seed.card);
  });

  it('have unique, valid slugs and known lifecycle stages', () => {
    const ids = referenceServices.map((seed) => seed.serviceId);
    expect(duplicates(ids)).toEqual([]);
    expect(ids.filter((id) => !Slug.safeParse(id).success)).toEqual([]);
    expect(referenceServices.filter((seed) => !lifecycleStages.includes(seed.lifecycleStage))).toEqual([]);
  });

  it('form a catalogue of at least 36 services owned by at least 10 agencies', () => {
    expect(referenceServices.length).toBeGreaterThanOrEqual(36);
    expect(new Set(referenceServices.map((seed) => seed.card.ownerAgencyId)).size).toBeGreaterThanOrEqual(10);
  });

  it('use every rollout phase and every lifecycle stage at least three times', () => {
    const perPhase = [1, 2, 3, 4, 5, 6].map((phase) => [phase, referenceServices.filter((seed) => seed.card.rolloutPhase === phase).length]);
    const perStage = lifecycleStages.map((stage) => [stage, referenceServices.filter((seed) => seed.lifecycleStage === stage).length]);
    expect(perPhase.filter(([, count]) => Number(count) < 3)).toEqual([]);
    expect(perStage.filter(([, count]) => Number(count) < 3)).toEqual([]);
  });

  it('mostly show early-phase services as launched or under post-launch evaluation', () => {
    const early = referenceServices.filter((seed) => seed.card.rolloutPhase <= 3);
    const live = early.filter((seed) => ['launched', 'post-launch-evaluation'].includes(seed.lifecycleStage));
    expect(live.length / early.length).toBeGreaterThan(0.75);
  });

  it('include multi-agency services, some with parallel steps of different agencies', () => {
    expect(referenceServices.filter((seed) => isMultiAgency(seed.card)).length).toBeGreaterThanOrEqual(8);
    expect(referenceServices.filter((seed) => isMultiAgency(seed.card) && hasParallelStage(seed.card)).length).toBeGreaterThanOrEqual(4);
  });

  it('reference only seeded agencies, with every step run by the owner or a partner', () => {
    for (const { serviceId, card } of referenceServices) {
      const referenced = [card.ownerAgencyId, ...card.partnerAgencyIds, ...steps(card).map((step) => step.agencyId)];
      expect({ serviceId, unknown: referenced.filter((id) => !agencyIds.has(id)) }).toEqual({ serviceId, unknown: [] });
      const involved = new Set([card.ownerAgencyId, ...card.partnerAgencyIds]);
      const outsiders = steps(card).filter((step) => !involved.has(step.agencyId)).map((step) => step.stepId);
      expect({ serviceId, outsiders }).toEqual({ serviceId, outsiders: [] });
      expect({ serviceId, ownerIsPartner: card.partnerAgencyIds.includes(card.ownerAgencyId) }).toEqual({ serviceId, ownerIsPartner: false });
      expect({ serviceId, duplicatePartners: duplicates(card.partnerAgencyIds) }).toEqual({ serviceId, duplicatePartners: [] });
    }
  });

  it('give each partner agency a part in the workflow', () => {
    for (const { serviceId, card } of referenceServices) {
      const stepAgencies = new Set(steps(card).map((step) => step.agencyId));
      expect({ serviceId, idle: card.partnerAgencyIds.filter((id) => !stepAgencies.has(id)) }).toEqual({ serviceId, idle: [] });
    }
  });

  it('have unique step, field and document ids within each card, and options only on select fields', () => {
    for (const { serviceId, card } of referenceServices) {
      expect({
        serviceId,
        steps: duplicates(steps(card).map((step) => step.stepId)),
        fields: duplicates(card.form.fields.map((field) => field.id)),
        documents: duplicates(card.requiredDocuments.map((doc) => doc.documentId)),
        misplacedOptions: card.form.fields.filter((field) => (field.type === 'select') !== Boolean(field.options?.length)).map((field) => field.id),
        duplicateOptions: card.form.fields.flatMap((field) => duplicates((field.options ?? []).map((option) => option.value))),
      }).toEqual({ serviceId, steps: [], fields: [], documents: [], misplacedOptions: [], duplicateOptions: [] });
    }
  });

  it('have plausible fees, volumes and traditional-channel baselines', () => {
    for (const { serviceId, card } of referenceServices) {
      expect({ serviceId, filsPrecision: Math.round(card.fees.amountJod * 1000) === card.fees.amountJod * 1000 }).toEqual({
        serviceId,
        filsPrecision: true,
      });
      expect(card.fees.ePaymentDiscountPercent).toBeLessThanOrEqual(25);
      expect(card.priority.annualTransactions).toBeGreaterThan(0);
      expect(card.baseline.visits).toBeGreaterThanOrEqual(1);
      expect(card.baseline.visits).toBeLessThanOrEqual(5);
      expect(card.baseline.citizenMinutes).toBeGreaterThanOrEqual(30);
      expect(card.baseline.citizenMinutes).toBeLessThanOrEqual(480);
    }
    expect(referenceServices.some((seed) => seed.card.fees.ePaymentDiscountPercent > 0)).toBe(true);
    expect(referenceServices.some((seed) => seed.card.fees.amountJod > 0 && seed.card.fees.ePaymentDiscountPercent === 0)).toBe(true);
  });

  it.each([
    ['birth-registration', 'cspd'],
    ['child-national-number', 'cspd'],
    ['family-book-update', 'cspd'],
    ['health-insurance-enrolment', 'hia'],
    ['company-registration', 'ccd'],
    ['trade-name-registration', 'mit'],
    ['tax-registration', 'istd'],
    ['social-security-employer-registration', 'ssc'],
    ['vocational-licence', 'gam'],
  ])('include %s, owned by %s, for the life-event bundles', (serviceId, owner) => {
    expect(referenceServices.find((seed) => seed.serviceId === serviceId)?.card.ownerAgencyId).toBe(owner);
  });

  it('write Arabic text in Arabic script and English text in Latin script', () => {
    const texts = [
      ...referenceAgencies.flatMap((agency) => localizedTexts(agency, agency.agencyId)),
      ...referenceServices.flatMap((seed) => localizedTexts(seed.card, seed.serviceId)),
    ];
    expect(texts.length).toBeGreaterThan(500);
    expect(texts.filter((entry) => !/[\u0621-\u064A]/.test(entry.ar)).map((entry) => entry.path)).toEqual([]);
    expect(texts.filter((entry) => !/[A-Za-z]/.test(entry.en) || /[\u0600-\u06FF]/.test(entry.en)).map((entry) => entry.path)).toEqual([]);
  });

  it('answer Arabic searches the same with and without the definite article, as the registry tests expect', async () => {
    const summaries = referenceServices.map(({ serviceId, card }) => storedSummary({ ...card, serviceId, version: 1, lifecycleStage: 'launched', priorityScore: 0 } as never, referenceAgencies));
    const search = async (query: string) => (await listServices(summaries, { q: query, limit: 100 })).items.map((entry) => entry.serviceId);
    expect(await search('جواز سفر')).toContain('passport-renewal');
    expect(await search('جَوَاز السّفر')).toEqual(await search('جواز سفر'));
  });
});
