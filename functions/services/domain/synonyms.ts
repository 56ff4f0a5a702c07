// The search synonym list as operators keep it: versioned (optimistic concurrency), every version kept, every
// change appended to the hash-chained audit trail (subject `search:synonyms`). Search reads the current version.
import type { SynonymList, SynonymListInput } from '../../../schemas/synonyms';
import { BadRequest, NotFound } from '../../shared/errors';
import type { Actor, CatalogueDeps } from './catalogue';
import type { CalendarDeps } from './calendar';
import { phraseKey } from './search';
import { importFirstVersion, publishNextVersion, type VersionedStore } from './versioned';

export const SYNONYMS_SUBJECT = 'search:synonyms';

export async function getSynonyms(deps: CatalogueDeps, version?: number): Promise<SynonymList> {
  const list = await deps.catalogue.getSynonyms(version);
  if (!list) {
    throw version ? new NotFound('version_not_found', `The synonym list has no version ${version}`) : synonymsNotFound();
  }
  return list;
}

/** PUT /v1/search/synonyms: 1. check the groups, 2. write the next version on the base version, 3. audit what changed. */
export async function putSynonyms(deps: CalendarDeps, input: SynonymListInput, expectedVersion: number, actor: Actor & { role: string }): Promise<SynonymList> {
  checkGroups(input.groups);
  const at = deps.now().toISOString();
  const { previous, next } = await publishNextVersion(
    synonymStore(deps),
    expectedVersion,
    (version) => ({ groups: input.groups, version, updatedAt: at, updatedBy: actor.role }),
    { what: 'The synonym list', missing: synonymsNotFound },
  );
  await deps.audit.append({ subject: SYNONYMS_SUBJECT, action: 'synonyms.update', at, actor: { id: actor.username, role: actor.role }, fields: changedGroups(previous, next), purpose: `version ${next.version}` });
  return next;
}

/** Writes the reference list as version 1 unless a list exists (operators' edits are never overwritten). */
export function importSynonyms(deps: CatalogueDeps, groups: SynonymListInput['groups'], actor: Actor): Promise<boolean> {
  return importFirstVersion(synonymStore(deps), { groups, version: 1, updatedAt: deps.now().toISOString(), updatedBy: actor.username });
}

const synonymStore = (deps: CatalogueDeps): VersionedStore<SynonymList> => ({
  load: () => deps.catalogue.getSynonyms(),
  save: (list, expectedVersion) => deps.catalogue.saveSynonyms(list, expectedVersion),
});

const synonymsNotFound = () => new NotFound('synonyms_not_found', 'No synonym list has been loaded');

/** A phrase search cannot read (only punctuation), or one phrase in two groups (search could not tell which), is refused. */
function checkGroups(groups: SynonymListInput['groups']): void {
  const unreadable = groups.flat().filter((phrase) => phraseKey(phrase) === '');
  if (unreadable.length > 0) {
    throw new BadRequest('invalid_synonym', `Search cannot read these phrases: ${unreadable.join(', ')}`, { phrases: unreadable });
  }
  const seen = new Map<string, { readonly phrase: string; readonly group: number }>();
  const repeated = new Set<string>();
  groups.forEach((group, index) => {
    for (const phrase of group) {
      const key = phraseKey(phrase);
      const earlier = seen.get(key);
      if (earlier && earlier.group !== index) {
        repeated.add(`${earlier.phrase} / ${phrase}`);
      }
      seen.set(key, { phrase, group: index });
    }
  });
  if (repeated.size > 0) {
    throw new BadRequest('duplicate_synonym', `A phrase may be in one group only: ${[...repeated].join(', ')}`, { phrases: [...repeated] });
  }
}

/** The audit's fields: `synonyms.+<group>` for each group added or changed, `synonyms.-<group>` for each one removed or changed. */
function changedGroups(before: SynonymList, after: SynonymList): string[] {
  const phrases = (list: SynonymList) => new Set(list.groups.map((group) => group.join(' = ')));
  const was = phrases(before);
  const is = phrases(after);
  return [...[...is].filter((group) => !was.has(group)).map((group) => `synonyms.+${group}`), ...[...was].filter((group) => !is.has(group)).map((group) => `synonyms.-${group}`)];
}
