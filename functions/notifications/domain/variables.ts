// The variables each notifiable event carries, and how they are computed from the event and what it is about.
// Templates may use only their event's variables (test/unit/notification-templates.test.ts holds them to it).
import type { ApplicationStatus, DomainEvent } from '../../../schemas/applications';
import type { ComplaintCategory, ComplaintEvent, ComplaintStatus } from '../../../schemas/engagement';
import { EGOV_UNIT } from '../../../schemas/engagement';
import type { StoredApplication } from '../../applications/domain/applications';
import { formatDate, formatDateTime, formatJod } from '../../shared/message-format';
import type { Localized, Value, Variables } from './render';

export type ApplicationEvent = Exclude<DomainEvent, { type: 'DraftSaved' }>;
export type NotifiableEvent = ApplicationEvent | ComplaintEvent;
export type NotifiableEventType = NotifiableEvent['type'];

export const eventVariables = {
  ApplicationSubmitted: ['applicationNumber', 'serviceName', 'status', 'fees', 'deadline', 'nextStep'],
  TaskAssigned: ['applicationNumber', 'serviceName', 'stepName', 'deadline'],
  TaskDecided: ['applicationNumber', 'serviceName', 'stepName', 'agencyName', 'decision', 'nextStep'],
  InformationRequested: ['applicationNumber', 'serviceName', 'stepName', 'agencyName', 'question', 'nextStep'],
  InformationProvided: ['applicationNumber', 'serviceName', 'status', 'nextStep'],
  ApplicationApproved: ['applicationNumber', 'serviceName', 'status', 'documentNumber'],
  ApplicationRejected: ['applicationNumber', 'serviceName', 'status', 'reason'],
  ApplicationCancelled: ['applicationNumber', 'serviceName', 'status'],
  SlaBreached: ['applicationNumber', 'serviceName', 'stepName', 'agencyName', 'deadline'],
  ComplaintFiled: ['complaintNumber', 'category', 'agencyName', 'deadline'],
  ComplaintAnswered: ['complaintNumber', 'agencyName', 'status', 'message'],
  ComplaintEscalated: ['complaintNumber', 'category', 'agencyName'],
} as const satisfies Record<NotifiableEventType, readonly string[]>;

export type AgencyNames = ReadonlyMap<string, Localized>;

const text = (en: string, ar: string): Localized => ({ en, ar });

export const egovUnitName = text('e-Government Unit', 'وحدة الحكومة الإلكترونية');

const applicationStatusLabels: Record<ApplicationStatus, Localized> = {
  draft: text('a draft', 'مسودة'),
  submitted: text('submitted', 'مُقدَّم'),
  'in-progress': text('in progress', 'قيد المعالجة'),
  'info-requested': text('waiting for your information', 'بانتظار معلومات منك'),
  approved: text('approved', 'موافق عليه'),
  rejected: text('not approved', 'مرفوض'),
  cancelled: text('cancelled', 'ملغى'),
};

const complaintStatusLabels: Record<ComplaintStatus, Localized> = {
  received: text('received', 'مستلمة'),
  'in-progress': text('in progress', 'قيد المعالجة'),
  resolved: text('resolved', 'تمت معالجتها'),
  closed: text('closed', 'مغلقة'),
  escalated: text('escalated', 'مُصعَّدة'),
};

const complaintCategoryLabels: Record<ComplaintCategory, Localized> = {
  'service-delay': text('service delay', 'تأخر الخدمة'),
  'service-quality': text('service quality', 'جودة الخدمة'),
  'staff-conduct': text('staff conduct', 'سلوك الموظفين'),
  'fees-and-payment': text('fees and payment', 'الرسوم والدفع'),
  'digital-services': text('digital services', 'الخدمات الرقمية'),
  other: text('other', 'أخرى'),
};

const decisionLabels = { approve: text('approved', 'تمت الموافقة عليها'), reject: text('not approved', 'لم تتم الموافقة عليها') };

/** The status an application has because of the event (not whatever it has moved on to since). */
const statusAfter: Partial<Record<ApplicationEvent['type'], ApplicationStatus>> = {
  ApplicationSubmitted: 'submitted',
  InformationProvided: 'in-progress',
  ApplicationApproved: 'approved',
  ApplicationRejected: 'rejected',
  ApplicationCancelled: 'cancelled',
};

type Step = StoredApplication['stages'][number]['steps'][number];

function stepsText(steps: readonly Step[], agencies: AgencyNames): Localized {
  const part = (step: Step, language: 'ar' | 'en') => `${step.name[language]} (${agencies.get(step.agencyId)?.[language] ?? step.agencyId})`;
  return text(steps.map((step) => part(step, 'en')).join(' and '), steps.map((step) => part(step, 'ar')).join(' و'));
}

/** What happens next, as the application stands now: the open steps, else the next stage's, else the decision. */
export function nextStepOf(application: Pick<StoredApplication, 'status' | 'stages'>, agencies: AgencyNames): Localized {
  if (application.status === 'info-requested') {
    return text('answer the request for information in Khidma', 'الإجابة عن طلب المعلومات في خدمة');
  }
  if (['approved', 'rejected', 'cancelled'].includes(application.status)) {
    return text('none; the application is closed', 'لا شيء؛ أُغلق الطلب');
  }
  const steps = application.stages.flatMap((stage) => stage.steps);
  const open = steps.filter((step) => step.status === 'open' || step.status === 'info-requested');
  const pending = application.stages.find((stage) => stage.steps.some((step) => step.status === 'pending'))?.steps.filter((step) => step.status === 'pending');
  const next = open.length > 0 ? open : (pending ?? []);
  return next.length > 0 ? stepsText(next, agencies) : text('the final decision', 'القرار النهائي');
}

const jod = formatJod;
const dueText = (iso: string) => formatDateTime(new Date(iso));

function pick(type: NotifiableEventType, candidates: Record<string, () => Value | undefined>): Variables {
  const variables: Record<string, Value> = {};
  for (const name of eventVariables[type]) {
    const value = candidates[name]?.();
    if (value !== undefined && value !== '') {
      variables[name] = value;
    }
  }
  return variables;
}

export function applicationVariables(event: ApplicationEvent, application: StoredApplication, agencies: AgencyNames): Variables {
  const step = 'stepId' in event ? application.stages.flatMap((stage) => stage.steps).find((candidate) => candidate.stepId === event.stepId) : undefined;
  const status = statusAfter[event.type];
  return pick(event.type, {
    applicationNumber: () => application.reference ?? application.applicationId,
    serviceName: () => application.serviceName,
    status: () => status && applicationStatusLabels[status],
    fees: () => (event.type === 'ApplicationSubmitted' ? jod(event.payableJod) : undefined),
    deadline: () => {
      if (event.type === 'ApplicationSubmitted') {
        return formatDate(event.expectedCompletionDate);
      }
      return 'dueAt' in event ? dueText(event.dueAt) : undefined;
    },
    nextStep: () => nextStepOf(application, agencies),
    stepName: () => step?.name,
    agencyName: () => ('agencyId' in event ? (agencies.get(event.agencyId) ?? event.agencyId) : undefined),
    decision: () => (event.type === 'TaskDecided' ? decisionLabels[event.decision] : undefined),
    question: () => (event.type === 'InformationRequested' ? event.question : undefined),
    documentNumber: () => (event.type === 'ApplicationApproved' ? event.documentId : undefined),
    reason: () => (event.type === 'ApplicationRejected' ? event.reason : undefined),
  });
}

export function complaintVariables(event: ComplaintEvent, agencies: AgencyNames): Variables {
  const nameOf = (agencyId: string | undefined) => (!agencyId || agencyId === EGOV_UNIT ? egovUnitName : (agencies.get(agencyId) ?? agencyId));
  return pick(event.type, {
    complaintNumber: () => event.complaintId,
    category: () => complaintCategoryLabels[event.category],
    // Who answers it, or (once escalated) the agency that let it pass its SLA.
    agencyName: () => nameOf(event.type === 'ComplaintEscalated' ? event.agencyId : event.handler),
    deadline: () => (event.type === 'ComplaintFiled' ? dueText(event.dueAt) : undefined),
    status: () => (event.type === 'ComplaintAnswered' ? complaintStatusLabels[event.status] : undefined),
    message: () => (event.type === 'ComplaintAnswered' ? event.message : undefined),
  });
}
