// The notification templates against the variables their events carry: a template that names a variable its
// event does not carry fails here, never at send time. Every event has its templates in Arabic and English.
import { notifiedApplicationEvents } from '../../lib/catalogue/workers';
import type { DomainEvent } from '../../schemas/applications';
import type { ComplaintEvent } from '../../schemas/engagement';
import type { StoredApplication } from '../../functions/applications/domain/applications';
import { applicationMessages, complaintMessages } from '../../functions/notifications/domain/messages';
import { feedOf } from '../../functions/notifications/domain/notify';
import { placeholders, render } from '../../functions/notifications/domain/render';
import { type Template, templates } from '../../functions/notifications/domain/templates';
import { type ApplicationEvent, eventVariables, nextStepOf, type NotifiableEvent } from '../../functions/notifications/domain/variables';

const ARABIC = /[\u0600-\u06FF]/;

/** Every problem of a set of templates: unknown variables, missing languages or SMS, text in the wrong script. */
function templateProblems(set: Readonly<Record<string, Template>>): string[] {
  const problems: string[] = [];
  for (const [key, template] of Object.entries(set)) {
    const carried: readonly string[] = eventVariables[template.event];
    for (const language of ['ar', 'en'] as const) {
      const text = template.text[language];
      if (!text) {
        problems.push(`${key}: no ${language} text`);
        continue;
      }
      if (template.audience === 'citizen' && !text.sms) {
        problems.push(`${key}: no ${language} SMS`);
      }
      for (const [part, value] of Object.entries(text)) {
        for (const name of placeholders(value)) {
          if (!carried.includes(name)) {
            problems.push(`${key}.${language}.${part}: {{${name}}} is not carried by ${template.event}`);
          }
        }
        const literal = value.replace(/\{\{[^}]*\}\}/g, '');
        if ((language === 'ar') !== ARABIC.test(literal)) {
          problems.push(`${key}.${language}.${part}: not written in ${language === 'ar' ? 'Arabic' : 'English'}`);
        }
      }
    }
  }
  return problems;
}

const agencies = new Map([
  ['dvld', { en: 'Drivers and Vehicles Licensing Department', ar: 'إدارة ترخيص السواقين والمركبات' }],
  ['gam', { en: 'Greater Amman Municipality', ar: 'أمانة عمان الكبرى' }],
]);

const application: StoredApplication = {
  applicationId: '01JZ8Y3M6K2F4QW8N5T7V9X0AB',
  serviceId: 'vehicle-registration-renewal',
  serviceVersion: 1,
  serviceName: { en: 'Vehicle registration renewal', ar: 'تجديد ترخيص المركبة' },
  status: 'in-progress',
  channel: 'portal',
  applicant: { kind: 'persons', recordId: '9861012345' },
  answers: {},
  prefill: {},
  consentIds: [],
  fees: { amountJod: 45, ePaymentDiscountPercent: 5, payableJod: 42.75 },
  stages: [
    {
      steps: [
        { stepId: 'insurance-check', agencyId: 'dvld', name: { en: 'Check compulsory insurance', ar: 'التحقق من التأمين الإلزامي' }, slaHours: 1, status: 'approved' },
        { stepId: 'fines-check', agencyId: 'gam', name: { en: 'Check that traffic fines are paid', ar: 'التحقق من تسديد المخالفات' }, slaHours: 1, status: 'open' },
      ],
    },
    { steps: [{ stepId: 'technical-inspection', agencyId: 'dvld', name: { en: 'Technical inspection', ar: 'الفحص الفني' }, slaHours: 24, status: 'pending' }] },
  ],
  expectedCompletionDate: '2026-05-04',
  createdAt: '2026-05-01T08:00:00.000Z',
  submittedAt: '2026-05-01T08:00:00.000Z',
  updatedAt: '2026-05-01T08:00:00.000Z',
  version: 3,
};

const base = { eventId: '01JZ8Y3M6K2F4QW8N5T7V9X0EV', applicationId: application.applicationId, at: '2026-05-01T09:00:00.000Z', by: { role: 'system' } };
const step = { stepId: 'fines-check', agencyId: 'gam', taskId: `${application.applicationId}.fines-check` };
const applicationEvents: Record<(typeof notifiedApplicationEvents)[number], ApplicationEvent> = {
  ApplicationSubmitted: { ...base, type: 'ApplicationSubmitted', serviceId: application.serviceId, channel: 'portal', payableJod: 42.75, expectedCompletionDate: '2026-05-04' },
  TaskAssigned: { ...base, ...step, type: 'TaskAssigned', dueAt: '2026-05-01T10:00:00.000Z' },
  TaskDecided: { ...base, ...step, type: 'TaskDecided', decision: 'approve' },
  InformationRequested: { ...base, ...step, type: 'InformationRequested', question: 'Please send the receipt of the 2025 parking fine.' },
  InformationProvided: { ...base, type: 'InformationProvided', stepIds: ['fines-check'] },
  ApplicationApproved: { ...base, type: 'ApplicationApproved', documentId: `DOC-${application.applicationId}` },
  ApplicationRejected: { ...base, type: 'ApplicationRejected', stepId: 'fines-check', reason: 'Unpaid fines remain on the vehicle' },
  ApplicationCancelled: { ...base, type: 'ApplicationCancelled' },
  PaymentReceived: { ...base, type: 'PaymentReceived', billNumber: application.applicationId, amountFils: 42750, receiptNumber: 'DVLD-2026-000001', transactionId: 'EFW-1' },
  PaymentRefunded: { ...base, type: 'PaymentRefunded', billNumber: application.applicationId, amountFils: 42750, receiptNumber: 'DVLD-2026-000001' },
  DocumentRevoked: { ...base, type: 'DocumentRevoked', documentId: `DOC-${application.applicationId}`, reason: 'Issued on a forged insurance policy' },
  SlaBreached: { ...base, ...step, type: 'SlaBreached', dueAt: '2026-05-01T10:00:00.000Z' },
};
const complaintBase = {
  eventId: '01JZ8Y3M6K2F4QW8N5T7V9X0CE',
  complaintId: '01JZ8Y3M6K2F4QW8N5T7V9X0CO',
  at: '2026-05-01T09:00:00.000Z',
  category: 'service-delay' as const,
  complainant: { kind: 'persons' as const, recordId: '9861012345' },
  agencyId: 'dvld',
};
const complaintEvents: Record<ComplaintEvent['type'], ComplaintEvent> = {
  ComplaintFiled: { ...complaintBase, type: 'ComplaintFiled', handler: 'dvld', dueAt: '2026-05-04T09:00:00.000Z' },
  ComplaintAnswered: { ...complaintBase, type: 'ComplaintAnswered', handler: 'dvld', status: 'resolved', message: 'Your inspection is booked for Sunday.' },
  ComplaintEscalated: { ...complaintBase, type: 'ComplaintEscalated', handler: 'egov-unit' },
};

const messagesOf = (event: NotifiableEvent) =>
  'complaintId' in event ? complaintMessages(event as ComplaintEvent, agencies) : applicationMessages(event as DomainEvent, application, agencies);

describe('notification templates', () => {
  it('name only variables their event carries, in both languages, with an SMS for citizens', () => {
    expect(templateProblems(templates)).toEqual([]);
  });

  it('would fail a template that names a variable its event does not carry', () => {
    const broken: Record<string, Template> = {
      TaskDecided: { ...templates.TaskDecided, text: { ...templates.TaskDecided.text, en: { ...templates.TaskDecided.text.en, body: 'Pay {{fees}} now.' } } },
    };
    expect(templateProblems(broken)).toEqual(['TaskDecided.en.body: {{fees}} is not carried by TaskDecided']);
  });

  it('exist for every event the workers subscribe to, and a saved draft notifies nobody', () => {
    for (const event of [...Object.values(applicationEvents), ...Object.values(complaintEvents)]) {
      expect({ type: event.type, notified: messagesOf(event).length > 0 }).toEqual({ type: event.type, notified: true });
    }
    expect(Object.keys(applicationEvents).sort()).toEqual([...notifiedApplicationEvents].sort());
    expect(applicationMessages({ ...base, type: 'DraftSaved', serviceId: application.serviceId }, application, agencies)).toEqual([]);
  });

  it('are given every variable their event declares, and render without gaps in both languages', () => {
    for (const event of [...Object.values(applicationEvents), ...Object.values(complaintEvents)]) {
      for (const message of messagesOf(event)) {
        expect({ event: event.type, variables: Object.keys(message.variables).sort() }).toEqual({ event: event.type, variables: [...eventVariables[event.type]].sort() });
        for (const language of ['ar', 'en'] as const) {
          for (const text of Object.values(templates[message.template].text[language])) {
            const rendered = render(text, message.variables, language);
            expect({ template: message.template, language, missing: rendered.missing }).toEqual({ template: message.template, language, missing: [] });
            expect(rendered.text).not.toMatch(/\{\{|\}\}|undefined|\[object/);
          }
        }
      }
    }
  });

  it('send applicants their own events, agencies their tasks, the e-Government Unit its escalations', () => {
    const audiences = (event: NotifiableEvent) => messagesOf(event).map((message) => feedOf(message.recipient));
    expect(audiences(applicationEvents.ApplicationSubmitted)).toEqual(['persons:9861012345']);
    expect(audiences(applicationEvents.TaskAssigned)).toEqual(['agency:gam']);
    expect(audiences(applicationEvents.SlaBreached)).toEqual(['agency:gam']);
    expect(audiences(complaintEvents.ComplaintFiled)).toEqual(['persons:9861012345', 'agency:dvld']);
    expect(audiences(complaintEvents.ComplaintEscalated)).toEqual(['persons:9861012345', 'operators', 'agency:dvld']);
  });

  it('render values once: text a citizen or officer wrote is never read as a template', () => {
    expect(render('Q: {{question}}', { question: 'What is {{fees}}?' }, 'en').text).toBe('Q: What is {{fees}}?');
    expect(render('{{serviceName}}', { serviceName: { en: 'Passport', ar: 'جواز السفر' } }, 'ar').text).toBe('جواز السفر');
  });

  it('tell the applicant the next step as the application stands', () => {
    expect(nextStepOf(application, agencies).en).toBe('Check that traffic fines are paid (Greater Amman Municipality)');
    const waiting = { ...application, stages: application.stages.map((stage) => ({ steps: stage.steps.map((s) => ({ ...s, status: s.status === 'open' ? ('approved' as const) : s.status })) })) };
    expect(nextStepOf(waiting, agencies).ar).toBe('الفحص الفني (إدارة ترخيص السواقين والمركبات)');
    expect(nextStepOf({ ...application, status: 'info-requested' }, agencies).en).toMatch(/answer the request/);
  });
});
