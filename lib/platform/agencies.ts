// Agencies that own workflow steps: each gets a task queue (and DLQ). Onboarding an agency's workflow = adding
// it to the catalogue's agencies (seed/agencies.ts for the demo) and deploying.
import { seedAgencies } from '../../seed/agencies';

export const workflowAgencyIds: readonly string[] = seedAgencies.map((agency) => agency.agencyId);
