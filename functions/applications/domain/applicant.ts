// Who acts as an application's applicant: the person or resident applying, or, for a business, the owner or
// representative who applied for it (the registry lists them; the business is the applicant of record).
import type { Application } from '../../../schemas/applications';
import type { Principal } from '../../shared/identity';

type Person = NonNullable<Principal['subject']>;

/** The person an application answers to: its applicant, or the representative of the business applying. */
export function actingPerson(application: Pick<Application, 'applicant' | 'representative'>): Person {
  if (application.representative) {
    return { kind: 'persons', recordId: application.representative.recordId };
  }
  if (application.applicant.kind === 'businesses') {
    throw new Error(`business application without a representative: ${application.applicant.recordId}`);
  }
  return { kind: application.applicant.kind, recordId: application.applicant.recordId };
}

/** True when `subject` (the caller's own registry record) is the person the application answers to. */
export function actsAsApplicant(subject: Principal['subject'] | undefined, application: Pick<Application, 'applicant' | 'representative'>): boolean {
  const person = actingPerson(application);
  return subject?.kind === person.kind && subject.recordId === person.recordId;
}

/** The beneficiary type a service card must list for an applicant of this kind. */
export const beneficiaryOf = { persons: 'citizen', residents: 'resident', businesses: 'business' } as const;
