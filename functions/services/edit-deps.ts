// Wiring of the operators' versioned edits (working calendar, synonym list): the catalogue and the audit trail.
import { registryDeps } from '../registry/deps';
import type { CalendarDeps } from './domain/calendar';
import { catalogueDeps } from './deps';

export const operatorEditDeps: CalendarDeps = {
  ...catalogueDeps,
  audit: { append: (entry) => registryDeps.store.appendAudit(entry) },
};
