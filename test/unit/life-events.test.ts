// The seeded life events are consistent with the service catalogue: every member service exists and is open to
// citizens on a common channel, every mapped answer fills a real field of the member's form from a real field
// of the life event's form, and a document comes only from a member that must be approved first.
import { BundleDefinition } from '../../schemas/bundles';
import { seedLifeEvents } from '../../seed/life-events';
import { seedServices } from '../../seed/services';

const services = new Map(seedServices.map((service) => [service.serviceId, service]));

describe.each(seedLifeEvents.map((definition) => [definition.lifeEventId, definition] as const))('life event %s', (_id, definition) => {
  test('matches the schema', () => {
    expect(BundleDefinition.safeParse(definition).success).toBe(true);
  });

  test('names services of the catalogue, open to citizens, with a channel in common', () => {
    const cards = definition.members.map((member) => services.get(member.serviceId)?.card);
    expect(cards.every(Boolean)).toBe(true);
    expect(cards.every((card) => card!.beneficiaryTypes.includes('citizen'))).toBe(true);
    const common = cards.reduce<string[]>((channels, card) => channels.filter((channel) => card!.channels.includes(channel as never)), [...cards[0]!.channels]);
    expect(common).toContain('portal');
  });

  test('fills real member fields, every required one, from real life-event fields', () => {
    const shared = new Set(definition.form.fields.map((field) => field.id));
    for (const member of definition.members) {
      const form = services.get(member.serviceId)!.card.form.fields;
      expect({ member: member.key, unknown: Object.keys(member.answers).filter((id) => !form.some((field) => field.id === id)) }).toEqual({ member: member.key, unknown: [] });
      const unfilled = form.filter((field) => field.required && !(field.id in member.answers)).map((field) => field.id);
      expect({ member: member.key, unfilled }).toEqual({ member: member.key, unfilled: [] });
      const fromForm = Object.values(member.answers).flatMap((source) => ('answer' in source ? [source.answer] : []));
      expect({ member: member.key, notOnTheForm: fromForm.filter((id) => !shared.has(id)) }).toEqual({ member: member.key, notOnTheForm: [] });
    }
  });

  test('takes documents only from members it waits for, with no cycle', () => {
    const byKey = new Map(definition.members.map((member) => [member.key, member]));
    const ancestors = (key: string, seen: string[] = []): string[] => {
      expect(seen).not.toContain(key);
      return byKey.get(key)!.requires.flatMap((required) => [required, ...ancestors(required, [...seen, key])]);
    };
    for (const member of definition.members) {
      const before = ancestors(member.key);
      const documentsOf = Object.values(member.answers).flatMap((source) => ('documentOf' in source ? [source.documentOf] : []));
      expect({ member: member.key, notWaitedFor: documentsOf.filter((key) => !before.includes(key)) }).toEqual({ member: member.key, notWaitedFor: [] });
    }
  });
});

test('the seeded life events take answers from each kind of source, so the checks above check something', () => {
  const sources = seedLifeEvents.flatMap((definition) => definition.members.flatMap((member) => Object.values(member.answers)));
  expect(new Set(sources.flatMap((source) => Object.keys(source)))).toEqual(new Set(['answer', 'value', 'documentOf']));
});
