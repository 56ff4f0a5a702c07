// Notification templates, in Arabic and English: the in-app title and body (also the email's subject and text)
// and, for citizens, the SMS. Placeholders name variables of the template's event (see variables.ts).
import type { Language, NotificationCategory } from '../../../schemas/engagement';
import type { NotifiableEventType } from './variables';

/** A citizen (email, SMS and their inbox), an agency's officers, or the e-Government Unit's operators (their shared inboxes). */
export type Audience = 'citizen' | 'agency' | 'operators';

export interface TemplateText {
  readonly title: string;
  readonly body: string;
  /** Citizens' templates only. */
  readonly sms?: string;
}

export interface Template {
  readonly event: NotifiableEventType;
  readonly audience: Audience;
  readonly category: NotificationCategory;
  /** Sent by SMS even in the recipient's quiet hours. */
  readonly urgent?: boolean;
  readonly text: Readonly<Record<Language, TemplateText>>;
}

export const emailFooter: Readonly<Record<Language, string>> = {
  en: 'Khidma, government e-services of Jordan. Choose how we reach you in Khidma: Settings, Notifications.',
  ar: 'خدمة، الخدمات الحكومية الإلكترونية في الأردن. اختر طريقة تواصلنا معك من خدمة: الإعدادات، الإشعارات.',
};

export const templates = {
  ApplicationSubmitted: {
    event: 'ApplicationSubmitted',
    audience: 'citizen',
    category: 'application-status',
    text: {
      en: {
        title: 'Application received: {{serviceName}}',
        body: 'We received your application {{applicationNumber}} for {{serviceName}}. Status: {{status}}. Fees: {{fees}}. Expected completion: {{deadline}}. Next step: {{nextStep}}.',
        sms: 'Khidma: application {{applicationNumber}} ({{serviceName}}) received. Fees {{fees}}. Expected by {{deadline}}.',
      },
      ar: {
        title: 'تم استلام طلبك: {{serviceName}}',
        body: 'استلمنا طلبك رقم {{applicationNumber}} لخدمة {{serviceName}}. الحالة: {{status}}. الرسوم: {{fees}}. موعد الإنجاز المتوقع: {{deadline}}. الخطوة التالية: {{nextStep}}.',
        sms: 'خدمة: استلمنا طلبك {{applicationNumber}} ({{serviceName}}). الرسوم {{fees}}. الإنجاز المتوقع {{deadline}}.',
      },
    },
  },
  TaskDecided: {
    event: 'TaskDecided',
    audience: 'citizen',
    category: 'application-progress',
    text: {
      en: {
        title: 'Step done: {{stepName}}',
        body: 'The step "{{stepName}}" of your application {{applicationNumber}} ({{serviceName}}) was {{decision}} by {{agencyName}}. Next step: {{nextStep}}.',
        sms: 'Khidma: application {{applicationNumber}}: "{{stepName}}" {{decision}}. Next: {{nextStep}}.',
      },
      ar: {
        title: 'اكتملت خطوة: {{stepName}}',
        body: 'الخطوة "{{stepName}}" من طلبك رقم {{applicationNumber}} ({{serviceName}}): {{decision}} من {{agencyName}}. الخطوة التالية: {{nextStep}}.',
        sms: 'خدمة: الطلب {{applicationNumber}}: "{{stepName}}" {{decision}}. التالي: {{nextStep}}.',
      },
    },
  },
  InformationRequested: {
    event: 'InformationRequested',
    audience: 'citizen',
    category: 'action-required',
    urgent: true,
    text: {
      en: {
        title: 'Action needed on application {{applicationNumber}}',
        body: 'More information is needed by {{agencyName}} for "{{stepName}}" of your {{serviceName}} application {{applicationNumber}}: {{question}} Next step: {{nextStep}}.',
        sms: 'Khidma: information needed on application {{applicationNumber}} by {{agencyName}}: {{question}}',
      },
      ar: {
        title: 'مطلوب إجراء منك على الطلب {{applicationNumber}}',
        body: 'تحتاج {{agencyName}} إلى معلومات إضافية بخصوص "{{stepName}}" في طلبك رقم {{applicationNumber}} لخدمة {{serviceName}}: {{question}} الخطوة التالية: {{nextStep}}.',
        sms: 'خدمة: تحتاج {{agencyName}} إلى معلومات حول الطلب {{applicationNumber}}: {{question}}',
      },
    },
  },
  InformationProvided: {
    event: 'InformationProvided',
    audience: 'citizen',
    category: 'application-progress',
    text: {
      en: {
        title: 'We received your answer',
        body: 'Your answer on application {{applicationNumber}} ({{serviceName}}) was passed on. Status: {{status}}. Next step: {{nextStep}}.',
        sms: 'Khidma: your answer on application {{applicationNumber}} was received.',
      },
      ar: {
        title: 'استلمنا إجابتك',
        body: 'أُحيلت إجابتك على الطلب رقم {{applicationNumber}} ({{serviceName}}). الحالة: {{status}}. الخطوة التالية: {{nextStep}}.',
        sms: 'خدمة: استلمنا إجابتك على الطلب {{applicationNumber}}.',
      },
    },
  },
  ApplicationApproved: {
    event: 'ApplicationApproved',
    audience: 'citizen',
    category: 'application-status',
    text: {
      en: {
        title: 'Approved: {{serviceName}}',
        body: 'Your application {{applicationNumber}} for {{serviceName}} is {{status}}. Your document {{documentNumber}} is ready in Khidma.',
        sms: 'Khidma: application {{applicationNumber}} ({{serviceName}}) approved. Document {{documentNumber}}.',
      },
      ar: {
        title: 'تمت الموافقة: {{serviceName}}',
        body: 'طلبك رقم {{applicationNumber}} لخدمة {{serviceName}} {{status}}. وثيقتك {{documentNumber}} جاهزة في خدمة.',
        sms: 'خدمة: تمت الموافقة على طلبك {{applicationNumber}} ({{serviceName}}). الوثيقة {{documentNumber}}.',
      },
    },
  },
  PaymentReceived: {
    event: 'PaymentReceived',
    audience: 'citizen',
    category: 'application-status',
    text: {
      en: {
        title: 'Payment received: {{serviceName}}',
        body: 'We received {{fees}} for application {{applicationNumber}} ({{serviceName}}). Receipt {{receiptNumber}}.',
        sms: 'Khidma: {{fees}} received for application {{applicationNumber}}. Receipt {{receiptNumber}}.',
      },
      ar: {
        title: 'تم استلام الدفعة: {{serviceName}}',
        body: 'استلمنا {{fees}} عن الطلب رقم {{applicationNumber}} ({{serviceName}}). رقم الإيصال {{receiptNumber}}.',
        sms: 'خدمة: استلمنا {{fees}} عن الطلب {{applicationNumber}}. الإيصال {{receiptNumber}}.',
      },
    },
  },
  PaymentRefunded: {
    event: 'PaymentRefunded',
    audience: 'citizen',
    category: 'application-status',
    text: {
      en: {
        title: 'Refund: {{serviceName}}',
        body: 'The {{fees}} you paid for application {{applicationNumber}} ({{serviceName}}, receipt {{receiptNumber}}) is being refunded.',
        sms: 'Khidma: {{fees}} paid for application {{applicationNumber}} is being refunded.',
      },
      ar: {
        title: 'استرداد: {{serviceName}}',
        body: 'يجري رد مبلغ {{fees}} الذي دفعته عن الطلب رقم {{applicationNumber}} ({{serviceName}}، الإيصال {{receiptNumber}}).',
        sms: 'خدمة: يجري رد مبلغ {{fees}} المدفوع عن الطلب {{applicationNumber}}.',
      },
    },
  },
  DocumentRevoked: {
    event: 'DocumentRevoked',
    audience: 'citizen',
    category: 'application-status',
    text: {
      en: {
        title: 'Document revoked: {{serviceName}}',
        body: 'Your document {{documentNumber}} ({{serviceName}}, application {{applicationNumber}}) was revoked by the issuing agency. Reason: {{reason}}.',
        sms: 'Khidma: document {{documentNumber}} ({{serviceName}}) was revoked. Reason: {{reason}}.',
      },
      ar: {
        title: 'إلغاء وثيقة: {{serviceName}}',
        body: 'ألغت الجهة المُصدِرة وثيقتك رقم {{documentNumber}} ({{serviceName}}، الطلب رقم {{applicationNumber}}). السبب: {{reason}}.',
        sms: 'خدمة: أُلغيت الوثيقة {{documentNumber}} ({{serviceName}}). السبب: {{reason}}.',
      },
    },
  },
  ApplicationRejected: {
    event: 'ApplicationRejected',
    audience: 'citizen',
    category: 'application-status',
    text: {
      en: {
        title: 'Not approved: {{serviceName}}',
        body: 'Your application {{applicationNumber}} for {{serviceName}} was {{status}}. Reason: {{reason}}',
        sms: 'Khidma: application {{applicationNumber}} ({{serviceName}}) was not approved: {{reason}}',
      },
      ar: {
        title: 'لم تتم الموافقة: {{serviceName}}',
        body: 'طلبك رقم {{applicationNumber}} لخدمة {{serviceName}} {{status}}. السبب: {{reason}}',
        sms: 'خدمة: لم تتم الموافقة على طلبك {{applicationNumber}} ({{serviceName}}): {{reason}}',
      },
    },
  },
  ApplicationCancelled: {
    event: 'ApplicationCancelled',
    audience: 'citizen',
    category: 'application-status',
    text: {
      en: {
        title: 'Cancelled: {{serviceName}}',
        body: 'Your application {{applicationNumber}} for {{serviceName}} is {{status}}.',
        sms: 'Khidma: application {{applicationNumber}} ({{serviceName}}) cancelled.',
      },
      ar: {
        title: 'أُلغي الطلب: {{serviceName}}',
        body: 'طلبك رقم {{applicationNumber}} لخدمة {{serviceName}} {{status}}.',
        sms: 'خدمة: أُلغي طلبك {{applicationNumber}} ({{serviceName}}).',
      },
    },
  },
  'TaskAssigned.agency': {
    event: 'TaskAssigned',
    audience: 'agency',
    category: 'agency-work',
    text: {
      en: { title: 'New task: {{stepName}}', body: 'Application {{applicationNumber}} ({{serviceName}}) needs your agency: {{stepName}}. Due by {{deadline}}.' },
      ar: { title: 'مهمة جديدة: {{stepName}}', body: 'الطلب رقم {{applicationNumber}} ({{serviceName}}) بانتظار مؤسستكم: {{stepName}}. الموعد النهائي {{deadline}}.' },
    },
  },
  'SlaBreached.agency': {
    event: 'SlaBreached',
    audience: 'agency',
    category: 'agency-work',
    urgent: true,
    text: {
      en: {
        title: 'Overdue: {{stepName}}',
        body: 'Application {{applicationNumber}} ({{serviceName}}) passed its deadline {{deadline}} for "{{stepName}}" at {{agencyName}} and was escalated.',
      },
      ar: { title: 'متأخر: {{stepName}}', body: 'تجاوز الطلب رقم {{applicationNumber}} ({{serviceName}}) موعده النهائي {{deadline}} في "{{stepName}}" لدى {{agencyName}} وتم تصعيده.' },
    },
  },
  ComplaintFiled: {
    event: 'ComplaintFiled',
    audience: 'citizen',
    category: 'complaints',
    text: {
      en: {
        title: 'Complaint received: {{complaintNumber}}',
        body: 'We received your complaint {{complaintNumber}} ({{category}}). It is with: {{agencyName}}. Answer expected by {{deadline}}.',
        sms: 'Khidma: complaint {{complaintNumber}} received; answer expected by {{deadline}}.',
      },
      ar: {
        title: 'استلمنا شكواك: {{complaintNumber}}',
        body: 'استلمنا شكواك رقم {{complaintNumber}} ({{category}}). ستردّ {{agencyName}} قبل {{deadline}}.',
        sms: 'خدمة: استلمنا شكواك {{complaintNumber}}؛ الرد المتوقع قبل {{deadline}}.',
      },
    },
  },
  'ComplaintFiled.agency': {
    event: 'ComplaintFiled',
    audience: 'agency',
    category: 'agency-work',
    text: {
      en: { title: 'New complaint: {{category}}', body: 'Complaint {{complaintNumber}} ({{category}}) was routed to {{agencyName}}. Answer by {{deadline}}.' },
      ar: { title: 'شكوى جديدة: {{category}}', body: 'أُحيلت الشكوى رقم {{complaintNumber}} ({{category}}) إلى {{agencyName}}. الرد مطلوب قبل {{deadline}}.' },
    },
  },
  'ComplaintFiled.operators': {
    event: 'ComplaintFiled',
    audience: 'operators',
    category: 'agency-work',
    text: {
      en: { title: 'New complaint: {{category}}', body: 'Complaint {{complaintNumber}} ({{category}}) names no agency and was routed to the {{agencyName}}. Answer by {{deadline}}.' },
      ar: { title: 'شكوى جديدة: {{category}}', body: 'لم تحدد الشكوى رقم {{complaintNumber}} ({{category}}) أي مؤسسة فأُحيلت إلى {{agencyName}}. الرد مطلوب قبل {{deadline}}.' },
    },
  },
  ComplaintAnswered: {
    event: 'ComplaintAnswered',
    audience: 'citizen',
    category: 'complaints',
    text: {
      en: {
        title: 'Answer to your complaint {{complaintNumber}}',
        body: 'Your complaint {{complaintNumber}} has an answer from {{agencyName}} (now {{status}}): {{message}}',
        sms: 'Khidma: complaint {{complaintNumber}} answered by {{agencyName}} ({{status}}).',
      },
      ar: {
        title: 'رد على شكواك {{complaintNumber}}',
        body: 'ردّت {{agencyName}} على شكواك رقم {{complaintNumber}} (الحالة: {{status}}): {{message}}',
        sms: 'خدمة: ردّت {{agencyName}} على الشكوى {{complaintNumber}} ({{status}}).',
      },
    },
  },
  ComplaintEscalated: {
    event: 'ComplaintEscalated',
    audience: 'citizen',
    category: 'complaints',
    text: {
      en: {
        title: 'Complaint {{complaintNumber}} escalated',
        body: 'Your complaint {{complaintNumber}} ({{category}}) was not resolved in time by {{agencyName}}; the e-Government Unit has taken it over.',
        sms: 'Khidma: complaint {{complaintNumber}} was escalated to the e-Government Unit.',
      },
      ar: {
        title: 'تم تصعيد الشكوى {{complaintNumber}}',
        body: 'لم تعالج {{agencyName}} شكواك رقم {{complaintNumber}} ({{category}}) في الوقت المحدد؛ وتتولاها الآن وحدة الحكومة الإلكترونية.',
        sms: 'خدمة: صُعّدت الشكوى {{complaintNumber}} إلى وحدة الحكومة الإلكترونية.',
      },
    },
  },
  'ComplaintEscalated.operators': {
    event: 'ComplaintEscalated',
    audience: 'operators',
    category: 'agency-work',
    urgent: true,
    text: {
      en: { title: 'Escalated complaint: {{category}}', body: 'Complaint {{complaintNumber}} ({{category}}) passed its deadline at {{agencyName}} and is now the e-Government Unit’s to resolve.' },
      ar: { title: 'شكوى مُصعَّدة: {{category}}', body: 'تجاوزت الشكوى رقم {{complaintNumber}} ({{category}}) موعدها لدى {{agencyName}} وأصبحت معالجتها من مسؤولية وحدة الحكومة الإلكترونية.' },
    },
  },
  'ComplaintEscalated.agency': {
    event: 'ComplaintEscalated',
    audience: 'agency',
    category: 'agency-work',
    text: {
      en: { title: 'Complaint escalated: {{complaintNumber}}', body: 'Complaint {{complaintNumber}} ({{category}}) passed its deadline at {{agencyName}} and was escalated to the e-Government Unit.' },
      ar: { title: 'تم تصعيد الشكوى: {{complaintNumber}}', body: 'تجاوزت الشكوى رقم {{complaintNumber}} ({{category}}) موعدها لدى {{agencyName}} وصُعّدت إلى وحدة الحكومة الإلكترونية.' },
    },
  },
} as const satisfies Record<string, Template>;

export type TemplateKey = keyof typeof templates;
