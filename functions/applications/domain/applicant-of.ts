// Who applies (issue 14: businesses apply): a citizen or resident for themselves, an owner or representative
// for a business the registry lists them for, service-centre staff for the citizen they serve.
import type { Application } from '../../../schemas/applications';
import { BadRequest, Forbidden } from '../../shared/errors';
import type { Principal, RegistrySubject } from '../../shared/identity';

type Person = NonNullable<Principal['subject']>;

interface BusinessRoles {
  roleInBusiness(nationalNumber: string, registrationNumber: string): Promise<'owner' | 'representative' | undefined>;
}

/** Who an application is from: the applicant of record, the representative for a business, the account that follows it. */
export interface Applicant {
  readonly applicant: RegistrySubject;
  readonly representative?: NonNullable<Application['representative']>;
  readonly ownerSub?: string;
}

/**
 * A person applying for a business: the registry must list them as an owner or a representative of it (403
 * otherwise). The business is the applicant; the person is recorded as its representative and follows the application.
 */
export async function representing(
  registry: BusinessRoles,
  person: Person,
  registrationNumber: string,
  ownerSub: string,
): Promise<Applicant> {
  const role = person.kind === 'persons' ? await registry.roleInBusiness(person.recordId, registrationNumber) : undefined;
  if (!role) {
    throw new Forbidden(`The registry does not list you as an owner or representative of business ${registrationNumber}`, { reason: 'not_a_representative', registrationNumber });
  }
  return { applicant: { kind: 'businesses', recordId: registrationNumber }, representative: { kind: 'persons', recordId: person.recordId, role }, ownerSub };
}

/** Who applies: a citizen or resident themselves, or for a business they represent; staff for the citizen they serve. */
export async function applicantOf(
  registry: BusinessRoles & { accountOf(subject: RegistrySubject): Promise<string | undefined> },
  principal: Principal,
  request: { readonly channel: string; readonly onBehalfOf?: { readonly nationalNumber: string }; readonly forBusiness?: { readonly registrationNumber: string } },
): Promise<Applicant> {
  if (request.forBusiness && principal.role !== 'citizen') {
    throw new BadRequest('business_by_representative', "A business applies through its owners' and representatives' own accounts");
  }
  if (principal.role === 'citizen') {
    if (request.onBehalfOf) {
      throw new BadRequest('on_behalf_of_staff_only', 'Only service-centre staff apply on behalf of someone');
    }
    if (!principal.subject) {
      throw new Forbidden('Your account has no registry record', { reason: 'no_subject' });
    }
    return request.forBusiness
      ? representing(registry, principal.subject, request.forBusiness.registrationNumber, principal.sub)
      : { applicant: principal.subject, ownerSub: principal.sub };
  }
  if (principal.role === 'frontline' && principal.serviceCentreId) {
    if (!request.onBehalfOf) {
      throw new BadRequest('on_behalf_of_required', 'Service-centre staff name the citizen they serve: onBehalfOf.nationalNumber');
    }
    if (request.channel !== 'service-centre') {
      throw new BadRequest('assisted_channel', 'Applications made by service-centre staff use the service-centre channel');
    }
    const subject = { kind: 'persons' as const, recordId: request.onBehalfOf.nationalNumber };
    const ownerSub = await registry.accountOf(subject);
    return { applicant: subject, ...(ownerSub ? { ownerSub } : {}) };
  }
  throw new Forbidden('Citizens and service-centre staff submit applications', { reason: 'role' });
}
