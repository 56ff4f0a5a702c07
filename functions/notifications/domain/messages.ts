// Who hears of each event, with which template: applicants of their applications' progress, agencies of their
// new and overdue tasks, complainants, agencies and the e-Government Unit of complaints.
import { actingPerson } from '../../applications/domain/applicant';
import type { DomainEvent } from '../../../schemas/applications';
import type { ComplaintEvent } from '../../../schemas/engagement';
import { EGOV_UNIT } from '../../../schemas/engagement';
import type { StoredApplication } from '../../applications/domain/applications';
import type { Message, Recipient } from './notify';
import type { TemplateKey } from './templates';
import { type AgencyNames, applicationVariables, complaintVariables } from './variables';

const forApplicant: Partial<Record<DomainEvent['type'], TemplateKey>> = {
  ApplicationSubmitted: 'ApplicationSubmitted',
  TaskDecided: 'TaskDecided',
  InformationRequested: 'InformationRequested',
  InformationProvided: 'InformationProvided',
  ApplicationApproved: 'ApplicationApproved',
  ApplicationRejected: 'ApplicationRejected',
  ApplicationCancelled: 'ApplicationCancelled',
  DocumentRevoked: 'DocumentRevoked',
  PaymentReceived: 'PaymentReceived',
  PaymentRefunded: 'PaymentRefunded',
};
const forAgency: Partial<Record<DomainEvent['type'], TemplateKey>> = { TaskAssigned: 'TaskAssigned.agency', SlaBreached: 'SlaBreached.agency' };

export function applicationMessages(event: DomainEvent, application: StoredApplication, agencies: AgencyNames): Message[] {
  if (event.type === 'DraftSaved') {
    return [];
  }
  const variables = applicationVariables(event, application, agencies);
  const about = { variables, applicationId: application.applicationId };
  const messages: Message[] = [];
  const applicantTemplate = forApplicant[event.type];
  if (applicantTemplate) {
    messages.push({ template: applicantTemplate, recipient: { audience: 'citizen', subject: actingPerson(application) }, ...about });
  }
  const agencyTemplate = forAgency[event.type];
  if (agencyTemplate && 'agencyId' in event) {
    messages.push({ template: agencyTemplate, recipient: { audience: 'agency', agencyId: event.agencyId }, ...about });
  }
  return messages;
}

const handlerOf = (handler: string): Recipient => (handler === EGOV_UNIT ? { audience: 'operators' } : { audience: 'agency', agencyId: handler });

export function complaintMessages(event: ComplaintEvent, agencies: AgencyNames): Message[] {
  const about = { variables: complaintVariables(event, agencies), complaintId: event.complaintId };
  const complainant: Recipient = { audience: 'citizen', subject: event.complainant };
  switch (event.type) {
    case 'ComplaintFiled': {
      const handler = handlerOf(event.handler);
      return [
        { template: 'ComplaintFiled', recipient: complainant, ...about },
        { template: handler.audience === 'operators' ? 'ComplaintFiled.operators' : 'ComplaintFiled.agency', recipient: handler, ...about },
      ];
    }
    case 'ComplaintAnswered':
      return [{ template: 'ComplaintAnswered', recipient: complainant, ...about }];
    case 'ComplaintEscalated':
      return [
        { template: 'ComplaintEscalated', recipient: complainant, ...about },
        { template: 'ComplaintEscalated.operators', recipient: { audience: 'operators' }, ...about },
        ...(event.agencyId ? [{ template: 'ComplaintEscalated.agency' as const, recipient: { audience: 'agency' as const, agencyId: event.agencyId }, ...about }] : []),
      ];
  }
}
