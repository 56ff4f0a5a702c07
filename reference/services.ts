// Reference data: Jordanian government services, described as service cards (operators edit them after loading).
import type { LifecycleStage, ServiceCardInput } from '../schemas/services';

export interface ReferenceService {
  serviceId: string;
  lifecycleStage: LifecycleStage;
  card: ServiceCardInput;
}

type Text = { ar: string; en: string };
type Step = ServiceCardInput['workflow'][number]['steps'][number];
type Field = ServiceCardInput['form']['fields'][number];
type Document = ServiceCardInput['requiredDocuments'][number];

const text = (ar: string, en: string): Text => ({ ar, en });

const step = (stepId: string, agencyId: string, role: Step['role'], slaHours: number, ar: string, en: string): Step => ({
  stepId,
  agencyId,
  name: text(ar, en),
  role,
  slaHours,
});

/** One workflow stage per argument; an array of steps is a stage whose steps run in parallel. */
const workflow = (...stages: Array<Step | Step[]>): ServiceCardInput['workflow'] =>
  stages.map((stage) => ({ steps: Array.isArray(stage) ? stage : [stage] }));

const field = (
  id: string,
  type: Exclude<Field['type'], 'select'>,
  required: boolean,
  ar: string,
  en: string,
  maxLength?: number,
): Field => ({ id, label: text(ar, en), type, required, ...(maxLength ? { maxLength } : {}) });

/** A file field: the answer names an upload of the card's document `documentId` (POST /v1/uploads). */
const file = (id: string, documentId: string, required: boolean, ar: string, en: string): Field => ({ id, label: text(ar, en), type: 'file', required, documentId });

const select = (id: string, required: boolean, ar: string, en: string, options: Array<[string, string, string]>): Field => ({
  id,
  label: text(ar, en),
  type: 'select',
  required,
  options: options.map(([value, optionAr, optionEn]) => ({ value, label: text(optionAr, optionEn) })),
});

const doc = (documentId: string, ar: string, en: string, mandatory = true): Document => ({
  documentId,
  name: text(ar, en),
  mandatory,
});

const fees = (amountJod: number, ePaymentDiscountPercent = 0): ServiceCardInput['fees'] => ({
  amountJod,
  ePaymentDiscountPercent,
});

const priority = (
  annualTransactions: number,
  transactionValue: number,
  valueToCitizens: number,
  complexity: number,
  culturalValue: number,
  economicValue: number,
): ServiceCardInput['priority'] => ({
  annualTransactions,
  transactionValue,
  valueToCitizens,
  complexity,
  culturalValue,
  economicValue,
});

const baseline = (
  visits: number,
  citizenMinutes: number,
  governmentCostJod: number,
  citizenCostJod: number,
  paperPages: number,
): ServiceCardInput['baseline'] => ({ visits, citizenMinutes, governmentCostJod, citizenCostJod, paperPages });

const service = (serviceId: string, lifecycleStage: LifecycleStage, card: ServiceCardInput): ReferenceService => ({
  serviceId,
  lifecycleStage,
  card,
});

const nationalIdCard = doc('national-id', 'بطاقة الأحوال المدنية', 'National ID card');
// A photo: JPEG or PNG, at most 2 MB (other documents: PDF, JPEG or PNG up to 10 MB).
const personalPhoto: Document = {
  ...doc('personal-photo', 'صورة شخصية حديثة بخلفية بيضاء', 'Recent personal photo on a white background'),
  contentTypes: ['image/jpeg', 'image/png'],
  maxBytes: 2 * 1024 * 1024,
};
const familyBook = doc('family-book', 'دفتر العائلة', 'Family book');
const commercialRegistration = doc('commercial-registration', 'شهادة التسجيل التجاري', 'Commercial registration certificate');
const authorisedSignatory = doc(
  'authorised-signatory',
  'شهادة المفوضين بالتوقيع',
  'Certificate of authorised signatories',
);
const sexOptions: Array<[string, string, string]> = [
  ['male', 'ذكر', 'Male'],
  ['female', 'أنثى', 'Female'],
];
const ibanField = field('bankIban', 'text', true, 'رقم الحساب البنكي الدولي (IBAN)', 'Bank account number (IBAN)', 34);
const deedFields = [
  field('villageName', 'text', true, 'اسم القرية أو الحي', 'Village or neighbourhood name', 100),
  field('basinNumber', 'text', true, 'رقم الحوض', 'Basin number', 10),
  field('parcelNumber', 'text', true, 'رقم القطعة', 'Parcel number', 10),
];

const civilStatus: ReferenceService[] = [
  service('birth-registration', 'post-launch-evaluation', {
    name: text('تسجيل واقعة الولادة', 'Birth registration'),
    description: text(
      'تسجيل المولود الجديد في سجل الأحوال المدنية بناءً على تبليغ الولادة الذي يرسله المستشفى أو المركز الصحي إلكترونياً، وإصدار شهادة الميلاد دون مراجعة مكتب الأحوال المدنية.',
      'Registers a newborn in the civil status register from the birth notification sent electronically by the hospital or health centre, and issues the birth certificate without a visit to a civil status office.',
    ),
    ownerAgencyId: 'cspd',
    partnerAgencyIds: ['moh'],
    beneficiaryTypes: ['citizen'],
    category: 'civil-status',
    fees: fees(1),
    requiredDocuments: [
      doc('birth-notification', 'تبليغ الولادة الصادر عن المستشفى', 'Birth notification issued by the hospital'),
      doc('marriage-contract', 'عقد الزواج', 'Marriage contract'),
      doc('parents-ids', 'بطاقتا الأحوال المدنية للوالدين', 'National ID cards of both parents'),
    ],
    requiredRegistryFields: ['person.nationalNumber', 'person.fullName', 'person.familyBookNumber', 'person.maritalStatus'],
    form: {
      fields: [
        field('childFirstName', 'text', true, 'الاسم الأول للمولود', "Child's first name", 50),
        select('childSex', true, 'جنس المولود', "Child's sex", sexOptions),
        field('dateOfBirth', 'date', true, 'تاريخ الولادة', 'Date of birth'),
        field('placeOfBirth', 'text', true, 'مكان الولادة', 'Place of birth', 100),
        field('notificationNumber', 'text', true, 'رقم تبليغ الولادة', 'Birth notification number', 20),
      ],
    },
    workflow: workflow(
      step('confirm-notification', 'moh', 'verify', 24, 'تأكيد تبليغ الولادة من المنشأة الصحية', 'Confirm the birth notification from the health facility'),
      step('review-record', 'cspd', 'review', 24, 'تدقيق بيانات المولود والوالدين', "Review the child's and parents' details"),
      step('issue-certificate', 'cspd', 'issue', 8, 'تسجيل الواقعة وإصدار شهادة الميلاد', 'Register the birth and issue the birth certificate'),
    ),
    channels: ['portal', 'mobile', 'service-centre'],
    rolloutPhase: 1,
    priority: priority(200_000, 3, 5, 2, 5, 2),
    baseline: baseline(2, 150, 4.5, 6, 5),
  }),

  service('child-national-number', 'launched', {
    name: text('إصدار الرقم الوطني للمولود', 'National number for a newborn'),
    description: text(
      'إصدار الرقم الوطني للطفل الأردني بعد تسجيل ولادته، ليتمكن من الانتفاع بالتأمين الصحي والخدمات الحكومية الأخرى وإضافته إلى دفتر العائلة.',
      'Issues the national number of a Jordanian child once the birth is registered, so the child can be covered by health insurance and other government services and added to the family book.',
    ),
    ownerAgencyId: 'cspd',
    partnerAgencyIds: [],
    beneficiaryTypes: ['citizen'],
    category: 'civil-status',
    fees: fees(0),
    requiredDocuments: [doc('birth-certificate', 'شهادة الميلاد', 'Birth certificate'), familyBook],
    requiredRegistryFields: ['person.nationalNumber', 'person.fullName', 'person.familyBookNumber'],
    form: {
      fields: [
        field('birthCertificateNumber', 'text', true, 'رقم شهادة الميلاد', 'Birth certificate number', 40),
        field('childFullName', 'text', true, 'اسم الطفل الرباعي', "Child's full name", 120),
      ],
    },
    workflow: workflow(
      step('check-birth-record', 'cspd', 'verify', 4, 'التحقق من قيد الولادة وجنسية الأب', "Check the birth record and the father's nationality"),
      step('assign-number', 'cspd', 'issue', 4, 'توليد الرقم الوطني وربطه بقيد الأسرة', 'Generate the national number and link it to the family record'),
    ),
    channels: ['portal', 'mobile', 'service-centre'],
    rolloutPhase: 1,
    priority: priority(190_000, 2, 5, 1, 4, 2),
    baseline: baseline(2, 90, 2, 4, 3),
  }),

  service('family-book-update', 'launched', {
    name: text('تحديث دفتر العائلة', 'Family book update'),
    description: text(
      'إضافة مولود جديد أو زوجة إلى دفتر العائلة أو تصحيح قيد فيه، وإصدار دفتر عائلة محدّث يُستلم من مكتب الأحوال المدنية أو يُرسل بالبريد.',
      'Adds a newborn or a wife to the family book, or corrects an entry, and issues an updated family book collected from a civil status office or sent by post.',
    ),
    ownerAgencyId: 'cspd',
    partnerAgencyIds: [],
    beneficiaryTypes: ['citizen'],
    category: 'civil-status',
    fees: fees(5),
    requiredDocuments: [
      familyBook,
      doc('marriage-contract', 'عقد الزواج', 'Marriage contract', false),
      doc('birth-certificate', 'شهادة الميلاد', 'Birth certificate', false),
    ],
    requiredRegistryFields: ['person.nationalNumber', 'person.fullName', 'person.familyBookNumber', 'person.maritalStatus', 'person.address'],
    form: {
      fields: [
        select('updateType', true, 'نوع التحديث', 'Type of update', [
          ['add-newborn', 'إضافة مولود', 'Add a newborn'],
          ['add-wife', 'إضافة زوجة', 'Add a wife'],
          ['correct-entry', 'تصحيح قيد', 'Correct an entry'],
        ]),
        field('memberNationalNumber', 'text', true, 'الرقم الوطني للفرد المضاف أو رقم وثيقته', 'National number of the member added, or its document number', 40),
        select('delivery', true, 'طريقة الاستلام', 'Delivery method', [
          ['office', 'الاستلام من مكتب الأحوال المدنية', 'Collect from a civil status office'],
          ['post', 'التوصيل بالبريد الأردني', 'Delivery by Jordan Post'],
        ]),
      ],
    },
    workflow: workflow(
      step('review-request', 'cspd', 'review', 24, 'تدقيق الطلب والوثائق', 'Review the request and documents'),
      step('print-book', 'cspd', 'issue', 48, 'طباعة دفتر العائلة المحدّث', 'Print the updated family book'),
    ),
    channels: ['portal', 'mobile', 'service-centre'],
    rolloutPhase: 1,
    priority: priority(250_000, 3, 5, 2, 5, 2),
    baseline: baseline(2, 180, 5, 7, 6),
  }),

  service('national-id-renewal', 'post-launch-evaluation', {
    name: text('تجديد بطاقة الأحوال المدنية الذكية', 'Smart national ID card renewal'),
    description: text(
      'تجديد بطاقة الأحوال المدنية الذكية عند انتهاء صلاحيتها أو تغيّر بياناتها، مع حجز موعد لالتقاط الصورة والبصمة في أقرب مكتب أو الاستلام عبر البريد.',
      'Renews the smart national ID card when it expires or its details change, with an appointment to take the photo and fingerprints at the nearest office, or delivery by post.',
    ),
    ownerAgencyId: 'cspd',
    partnerAgencyIds: [],
    beneficiaryTypes: ['citizen'],
    category: 'identity-and-travel',
    fees: fees(2),
    requiredDocuments: [nationalIdCard, personalPhoto],
    requiredRegistryFields: ['person.nationalNumber', 'person.fullName', 'person.dateOfBirth', 'person.address', 'person.phone'],
    form: {
      fields: [
        select('renewalReason', true, 'سبب التجديد', 'Reason for renewal', [
          ['expired', 'انتهاء الصلاحية', 'Card expired'],
          ['data-change', 'تغيير في البيانات', 'Change of details'],
          ['damaged', 'تلف البطاقة', 'Damaged card'],
        ]),
        file('photo', 'personal-photo', true, 'الصورة الشخصية', 'Personal photo'),
        field('appointmentDate', 'date', false, 'موعد التقاط البصمة', 'Fingerprint appointment date'),
      ],
    },
    workflow: workflow(
      step('capture-biometrics', 'cspd', 'verify', 24, 'التقاط الصورة والبصمة والتحقق من الهوية', 'Capture photo and fingerprints and verify identity'),
      step('print-card', 'cspd', 'issue', 48, 'طباعة البطاقة الذكية وتفعيلها', 'Print and activate the smart card'),
    ),
    channels: ['portal', 'mobile', 'kiosk', 'service-centre'],
    rolloutPhase: 1,
    priority: priority(500_000, 2, 5, 2, 4, 2),
    baseline: baseline(2, 120, 3.5, 5, 3),
  }),

  service('civil-status-extract', 'post-launch-evaluation', {
    name: text('إصدار صورة قيد مدني', 'Civil registry extract'),
    description: text(
      'إصدار صورة قيد مدني فردي أو عائلي مصدّقة إلكترونياً برمز تحقق، لتقديمها إلى الجهات الحكومية والخاصة.',
      'Issues an electronically certified individual or family civil registry extract with a verification code, for submission to public and private bodies.',
    ),
    ownerAgencyId: 'cspd',
    partnerAgencyIds: [],
    beneficiaryTypes: ['citizen'],
    category: 'civil-status',
    fees: { ...fees(1), paymentDue: 'before-issue' },
    requiredDocuments: [],
    requiredRegistryFields: ['person.nationalNumber', 'person.fullName', 'person.familyBookNumber'],
    form: {
      fields: [
        select('extractType', true, 'نوع القيد', 'Type of extract', [
          ['individual', 'قيد فردي', 'Individual record'],
          ['family', 'قيد عائلي', 'Family record'],
        ]),
        field('purpose', 'text', false, 'الجهة المقدَّم إليها', 'Body it is submitted to', 100),
      ],
    },
    workflow: workflow(step('generate-extract', 'cspd', 'issue', 1, 'إصدار القيد المصدّق إلكترونياً', 'Issue the electronically certified extract')),
    channels: ['portal', 'mobile', 'kiosk', 'service-centre'],
    rolloutPhase: 1,
    priority: priority(300_000, 1, 4, 1, 3, 2),
    baseline: baseline(1, 75, 1.5, 3, 2),
    issuedDocument: { type: 'extract', validityDays: 90, fields: ['extractType'] },
  }),

  service('passport-renewal', 'launched', {
    name: text('تجديد جواز السفر الأردني', 'Jordanian passport renewal'),
    description: text(
      'تجديد جواز السفر الأردني العادي لمدة خمس سنوات، مع الدفع الإلكتروني واستلام الجواز من المكتب المختار أو توصيله بالبريد.',
      'Renews the ordinary Jordanian passport for five years, with electronic payment and collection of the passport from the chosen office or delivery by post.',
    ),
    ownerAgencyId: 'cspd',
    partnerAgencyIds: [],
    beneficiaryTypes: ['citizen'],
    category: 'identity-and-travel',
    fees: fees(50),
    requiredDocuments: [doc('old-passport', 'جواز السفر السابق', 'Previous passport'), personalPhoto],
    requiredRegistryFields: ['person.nationalNumber', 'person.fullName', 'person.dateOfBirth', 'person.sex', 'person.address', 'person.phone'],
    form: {
      fields: [
        field('passportNumber', 'text', true, 'رقم جواز السفر الحالي', 'Current passport number', 9),
        file('photo', 'personal-photo', true, 'الصورة الشخصية', 'Personal photo'),
        select('delivery', true, 'طريقة الاستلام', 'Delivery method', [
          ['office', 'الاستلام من المكتب', 'Collect from the office'],
          ['post', 'التوصيل بالبريد', 'Delivery by post'],
        ]),
      ],
    },
    workflow: workflow(
      step('check-record', 'cspd', 'verify', 24, 'التحقق من القيد المدني والموانع', 'Check the civil record and any travel bans'),
      step('approve-renewal', 'cspd', 'approve', 24, 'الموافقة على التجديد', 'Approve the renewal'),
      step('print-passport', 'cspd', 'issue', 72, 'طباعة جواز السفر', 'Print the passport'),
    ),
    channels: ['portal', 'mobile', 'service-centre'],
    rolloutPhase: 2,
    priority: priority(350_000, 4, 5, 2, 3, 3),
    baseline: baseline(2, 180, 6, 8, 4),
  }),

  service('death-registration', 'launched', {
    name: text('تسجيل واقعة الوفاة', 'Death registration'),
    description: text(
      'تسجيل الوفاة في سجل الأحوال المدنية بناءً على التقرير الطبي المرسل من وزارة الصحة، وإصدار شهادة الوفاة لذوي المتوفى.',
      'Registers a death in the civil status register from the medical report sent by the Ministry of Health, and issues the death certificate to the family of the deceased.',
    ),
    ownerAgencyId: 'cspd',
    partnerAgencyIds: ['moh'],
    beneficiaryTypes: ['citizen', 'resident'],
    category: 'civil-status',
    fees: fees(0),
    requiredDocuments: [
      doc('medical-death-report', 'تقرير الوفاة الطبي', 'Medical death report'),
      doc('deceased-id', 'بطاقة الأحوال المدنية للمتوفى', 'National ID card of the deceased'),
    ],
    requiredRegistryFields: ['person.nationalNumber', 'person.fullName', 'person.phone'],
    form: {
      fields: [
        field('deceasedNationalNumber', 'text', true, 'الرقم الوطني للمتوفى', 'National number of the deceased', 10),
        field('dateOfDeath', 'date', true, 'تاريخ الوفاة', 'Date of death'),
        field('placeOfDeath', 'text', true, 'مكان الوفاة', 'Place of death', 100),
        select('informantRelationship', true, 'صلة المبلّغ بالمتوفى', "Informant's relationship to the deceased", [
          ['child', 'ابن أو ابنة', 'Son or daughter'],
          ['spouse', 'زوج أو زوجة', 'Spouse'],
          ['parent', 'أب أو أم', 'Parent'],
          ['sibling', 'أخ أو أخت', 'Brother or sister'],
          ['other', 'أخرى', 'Other'],
        ]),
      ],
    },
    workflow: workflow(
      step('confirm-medical-report', 'moh', 'verify', 24, 'تأكيد تقرير الوفاة الطبي', 'Confirm the medical death report'),
      step('review-death', 'cspd', 'review', 24, 'تدقيق بيانات الواقعة', 'Review the details of the death'),
      step('issue-death-certificate', 'cspd', 'issue', 8, 'تسجيل الوفاة وإصدار الشهادة', 'Register the death and issue the certificate'),
    ),
    channels: ['portal', 'mobile', 'service-centre'],
    rolloutPhase: 2,
    priority: priority(28_000, 2, 5, 2, 5, 1),
    baseline: baseline(2, 150, 4, 6, 5),
  }),

  service('national-id-replacement', 'launched', {
    name: text('بدل فاقد لبطاقة الأحوال المدنية', 'Replacement of a lost national ID card'),
    description: text(
      'إصدار بطاقة أحوال مدنية بدل فاقد بعد الإبلاغ عن فقدانها، وإلغاء البطاقة المفقودة في جميع الأنظمة المرتبطة.',
      'Issues a replacement national ID card after its loss is reported, and cancels the lost card in all connected systems.',
    ),
    ownerAgencyId: 'cspd',
    partnerAgencyIds: [],
    beneficiaryTypes: ['citizen'],
    category: 'identity-and-travel',
    fees: fees(10),
    requiredDocuments: [doc('loss-report', 'تقرير فقدان من المركز الأمني', 'Loss report from the police station'), personalPhoto],
    requiredRegistryFields: ['person.nationalNumber', 'person.fullName', 'person.dateOfBirth', 'person.address', 'person.phone'],
    form: {
      fields: [
        field('lossDate', 'date', true, 'تاريخ الفقدان', 'Date of loss'),
        field('lossReportNumber', 'text', true, 'رقم تقرير الفقدان', 'Loss report number', 20),
        file('photo', 'personal-photo', true, 'الصورة الشخصية', 'Personal photo'),
      ],
    },
    workflow: workflow(
      step('cancel-lost-card', 'cspd', 'verify', 4, 'إلغاء البطاقة المفقودة والتحقق من الهوية', 'Cancel the lost card and verify identity'),
      step('print-replacement', 'cspd', 'issue', 48, 'طباعة البطاقة البديلة', 'Print the replacement card'),
    ),
    channels: ['portal', 'mobile', 'service-centre'],
    rolloutPhase: 3,
    priority: priority(90_000, 2, 4, 2, 3, 1),
    baseline: baseline(3, 200, 4, 9, 4),
  }),
];

const interior: ReferenceService[] = [
  service('residence-permit-renewal', 'launched', {
    name: text('تجديد تصريح الإقامة لغير الأردنيين', 'Residence permit renewal for non-Jordanians'),
    description: text(
      'تجديد تصريح الإقامة السنوي للعامل أو المقيم غير الأردني بعد اجتياز الفحص الطبي وثبوت سريان تصريح العمل، دون تنقل المقيم بين الجهات.',
      'Renews the annual residence permit of a non-Jordanian worker or resident once the medical examination is passed and a valid work permit is confirmed, without the resident going from agency to agency.',
    ),
    ownerAgencyId: 'moi',
    partnerAgencyIds: ['moh', 'mol'],
    beneficiaryTypes: ['resident', 'business'],
    category: 'security-and-permits',
    fees: fees(30),
    requiredDocuments: [
      doc('passport', 'جواز السفر ساري المفعول', 'Valid passport'),
      doc('current-permit', 'تصريح الإقامة الحالي', 'Current residence permit'),
      doc('lease-or-sponsor', 'عقد الإيجار أو كفالة صاحب العمل', 'Lease contract or employer sponsorship', false),
    ],
    requiredRegistryFields: ['resident.permitNumber', 'resident.nationality', 'resident.permitValidUntil', 'person.fullName', 'person.address'],
    form: {
      fields: [
        field('passportNumber', 'text', true, 'رقم جواز السفر', 'Passport number', 20),
        field('employerNumber', 'text', false, 'الرقم الوطني للمنشأة الكفيلة', 'National number of the sponsoring establishment', 20),
        select('permitCategory', true, 'فئة الإقامة', 'Residence category', [
          ['work', 'إقامة عمل', 'Work'],
          ['family', 'إقامة التحاق بعائل', 'Joining a family member'],
          ['investor', 'إقامة مستثمر', 'Investor'],
          ['study', 'إقامة دراسة', 'Study'],
        ]),
      ],
    },
    workflow: workflow(
      [
        step('medical-examination', 'moh', 'inspect', 72, 'الفحص الطبي للمقيم', 'Medical examination of the resident'),
        step('work-permit-check', 'mol', 'verify', 24, 'التحقق من سريان تصريح العمل', 'Check that the work permit is valid'),
      ],
      step('security-review', 'moi', 'review', 72, 'التدقيق الأمني', 'Security review'),
      step('issue-permit', 'moi', 'issue', 24, 'إصدار تصريح الإقامة', 'Issue the residence permit'),
    ),
    channels: ['portal', 'mobile', 'service-centre'],
    rolloutPhase: 3,
    priority: priority(350_000, 3, 4, 4, 2, 4),
    baseline: baseline(4, 300, 9, 25, 8),
  }),

  service('good-conduct-certificate', 'quality-check', {
    name: text('شهادة حسن سيرة وسلوك', 'Good conduct certificate'),
    description: text(
      'إصدار شهادة حسن سيرة وسلوك للمواطنين والمقيمين لأغراض العمل أو الهجرة، بعد التحقق من السجل العدلي لدى وزارة العدل والتدقيق الأمني.',
      'Issues a good conduct certificate to citizens and residents for employment or emigration, after checking the judicial record at the Ministry of Justice and a security review.',
    ),
    ownerAgencyId: 'moi',
    partnerAgencyIds: ['moj'],
    beneficiaryTypes: ['citizen', 'resident'],
    category: 'security-and-permits',
    fees: fees(3),
    requiredDocuments: [nationalIdCard, doc('passport-copy', 'صورة جواز السفر', 'Copy of the passport', false)],
    requiredRegistryFields: ['person.nationalNumber', 'person.fullName', 'person.dateOfBirth', 'resident.permitNumber'],
    form: {
      fields: [
        select('purpose', true, 'الغرض من الشهادة', 'Purpose of the certificate', [
          ['employment', 'العمل', 'Employment'],
          ['emigration', 'الهجرة', 'Emigration'],
          ['study', 'الدراسة', 'Study'],
        ]),
        field('destinationBody', 'text', false, 'الجهة المقدَّمة إليها', 'Body it is submitted to', 100),
      ],
    },
    workflow: workflow(
      step('judicial-record', 'moj', 'verify', 24, 'التحقق من السجل العدلي', 'Check the judicial record'),
      step('security-check', 'moi', 'review', 48, 'التدقيق الأمني', 'Security review'),
      step('issue-good-conduct', 'moi', 'issue', 8, 'إصدار الشهادة', 'Issue the certificate'),
    ),
    channels: ['portal', 'mobile', 'service-centre'],
    rolloutPhase: 3,
    priority: priority(120_000, 2, 4, 2, 3, 3),
    baseline: baseline(3, 240, 5, 10, 4),
  }),

  service('firearm-licence-renewal', 'quality-check', {
    name: text('تجديد رخصة اقتناء سلاح', 'Firearm possession licence renewal'),
    description: text(
      'تجديد رخصة اقتناء السلاح الناري الشخصي بعد التدقيق الأمني والتأكد من عدم وجود قيود على صاحب الرخصة.',
      'Renews the licence to possess a personal firearm after a security review confirming the holder has no restrictions.',
    ),
    ownerAgencyId: 'moi',
    partnerAgencyIds: [],
    beneficiaryTypes: ['citizen'],
    category: 'security-and-permits',
    fees: fees(50),
    requiredDocuments: [nationalIdCard, doc('current-licence', 'رخصة الاقتناء الحالية', 'Current possession licence')],
    requiredRegistryFields: ['person.nationalNumber', 'person.fullName', 'person.address', 'person.phone'],
    form: {
      fields: [
        field('licenceNumber', 'text', true, 'رقم الرخصة', 'Licence number', 20),
        field('weaponSerial', 'text', true, 'الرقم التسلسلي للسلاح', 'Serial number of the firearm', 30),
        select('weaponType', true, 'نوع السلاح', 'Type of firearm', [
          ['pistol', 'مسدس', 'Pistol'],
          ['hunting-rifle', 'بندقية صيد', 'Hunting rifle'],
        ]),
      ],
    },
    workflow: workflow(
      step('security-clearance', 'moi', 'review', 72, 'التدقيق الأمني على صاحب الرخصة', 'Security review of the licence holder'),
      step('approve-renewal', 'moi', 'approve', 48, 'موافقة الحاكم الإداري', 'Approval by the district governor'),
      step('issue-licence', 'moi', 'issue', 24, 'إصدار الرخصة المجددة', 'Issue the renewed licence'),
    ),
    channels: ['portal', 'service-centre'],
    rolloutPhase: 4,
    priority: priority(45_000, 3, 2, 3, 1, 1),
    baseline: baseline(3, 240, 8, 10, 5),
  }),
];

const vehicles: ReferenceService[] = [
  service('driving-licence-renewal', 'post-launch-evaluation', {
    name: text('تجديد رخصة القيادة', 'Driving licence renewal'),
    description: text(
      'تجديد رخصة القيادة بعد فحص النظر والتحقق من تسديد المخالفات المرورية المترتبة على السائق.',
      "Renews a driving licence after an eye test and a check that the driver's traffic fines are paid.",
    ),
    ownerAgencyId: 'dvld',
    partnerAgencyIds: ['gam'],
    beneficiaryTypes: ['citizen', 'resident'],
    category: 'vehicles-and-transport',
    fees: fees(25, 5),
    requiredDocuments: [nationalIdCard, doc('current-licence', 'رخصة القيادة الحالية', 'Current driving licence'), personalPhoto],
    requiredRegistryFields: ['person.nationalNumber', 'person.fullName', 'person.dateOfBirth', 'person.address', 'person.phone'],
    form: {
      fields: [
        field('licenceNumber', 'text', true, 'رقم رخصة القيادة', 'Driving licence number', 20),
        select('licenceCategory', true, 'فئة الرخصة', 'Licence category', [
          ['private', 'خصوصي', 'Private car'],
          ['public', 'عمومي', 'Public transport'],
          ['motorcycle', 'دراجة نارية', 'Motorcycle'],
          ['truck', 'شحن', 'Truck'],
        ]),
        file('photo', 'personal-photo', true, 'الصورة الشخصية', 'Personal photo'),
      ],
    },
    workflow: workflow(
      step('traffic-fines', 'gam', 'verify', 2, 'التحقق من تسديد المخالفات المرورية', 'Check that traffic fines are paid'),
      step('eye-test', 'dvld', 'inspect', 24, 'فحص النظر', 'Eye test'),
      step('print-licence', 'dvld', 'issue', 24, 'طباعة رخصة القيادة', 'Print the driving licence'),
    ),
    channels: ['portal', 'mobile', 'kiosk', 'service-centre'],
    rolloutPhase: 1,
    priority: priority(400_000, 3, 4, 2, 2, 3),
    baseline: baseline(2, 150, 4, 8, 3),
  }),

  service('vehicle-registration-renewal', 'launched', {
    name: text('تجديد ترخيص المركبة', 'Vehicle registration renewal'),
    description: text(
      'تجديد الترخيص السنوي للمركبة بعد التحقق من التأمين الإلزامي وتسديد المخالفات المرورية، مع الفحص الفني للمركبات التي تتطلبه.',
      'Renews the annual vehicle registration after checking compulsory insurance and that traffic fines are paid, with a technical inspection for vehicles that need one.',
    ),
    ownerAgencyId: 'dvld',
    partnerAgencyIds: ['gam'],
    beneficiaryTypes: ['citizen', 'resident', 'business'],
    category: 'vehicles-and-transport',
    fees: fees(45, 5),
    requiredDocuments: [
      doc('vehicle-licence', 'رخصة المركبة الحالية', 'Current vehicle registration'),
      doc('compulsory-insurance', 'وثيقة التأمين الإلزامي', 'Compulsory insurance policy'),
    ],
    requiredRegistryFields: ['person.nationalNumber', 'person.fullName', 'person.phone', 'business.registrationNumber'],
    form: {
      fields: [
        field('plateNumber', 'text', true, 'رقم اللوحة', 'Plate number', 12),
        field('chassisNumber', 'text', true, 'رقم الشاصي', 'Chassis number', 17),
        field('insurancePolicyNumber', 'text', true, 'رقم بوليصة التأمين', 'Insurance policy number', 30),
      ],
    },
    workflow: workflow(
      [
        step('insurance-check', 'dvld', 'verify', 1, 'التحقق من التأمين الإلزامي', 'Check compulsory insurance'),
        step('fines-check', 'gam', 'verify', 1, 'التحقق من تسديد المخالفات المرورية', 'Check that traffic fines are paid'),
      ],
      step('technical-inspection', 'dvld', 'inspect', 24, 'الفحص الفني للمركبة', 'Technical inspection of the vehicle'),
      step('issue-registration', 'dvld', 'issue', 2, 'إصدار رخصة المركبة', 'Issue the vehicle registration'),
    ),
    channels: ['portal', 'mobile', 'kiosk', 'service-centre'],
    rolloutPhase: 1,
    priority: priority(1_200_000, 3, 4, 2, 2, 4),
    baseline: baseline(2, 180, 3.5, 9, 3),
    issuedDocument: { type: 'licence', validityDays: 365, fields: ['plateNumber', 'chassisNumber'] },
  }),

  service('vehicle-ownership-transfer', 'launched', {
    name: text('نقل ملكية مركبة', 'Vehicle ownership transfer'),
    description: text(
      'نقل ملكية المركبة من البائع إلى المشتري بعد الفحص الفني والتحقق بالتوازي من براءة الذمة الضريبية وتسديد المخالفات المرورية، ثم إصدار رخصة باسم المالك الجديد.',
      "Transfers a vehicle from seller to buyer after a technical inspection and parallel checks of tax clearance and paid traffic fines, then issues a registration in the new owner's name.",
    ),
    ownerAgencyId: 'dvld',
    partnerAgencyIds: ['istd', 'gam'],
    beneficiaryTypes: ['citizen', 'resident', 'business'],
    category: 'vehicles-and-transport',
    fees: fees(30, 5),
    requiredDocuments: [
      doc('vehicle-licence', 'رخصة المركبة', 'Vehicle registration'),
      doc('buyer-insurance', 'وثيقة تأمين باسم المشتري', "Insurance policy in the buyer's name"),
      doc('parties-ids', 'هويات البائع والمشتري', 'IDs of the seller and buyer'),
    ],
    requiredRegistryFields: ['person.nationalNumber', 'person.fullName', 'person.address', 'person.phone'],
    form: {
      fields: [
        field('plateNumber', 'text', true, 'رقم اللوحة', 'Plate number', 12),
        field('chassisNumber', 'text', true, 'رقم الشاصي', 'Chassis number', 17),
        field('buyerNationalNumber', 'text', true, 'الرقم الوطني للمشتري', "Buyer's national number", 10),
        field('salePriceJod', 'number', true, 'ثمن البيع بالدينار', 'Sale price in JOD'),
      ],
    },
    workflow: workflow(
      [
        step('vehicle-inspection', 'dvld', 'inspect', 24, 'الفحص الفني للمركبة', 'Technical inspection of the vehicle'),
        step('tax-clearance', 'istd', 'verify', 24, 'التحقق من براءة الذمة الضريبية للبائع', "Check the seller's tax clearance"),
        step('fines-clearance', 'gam', 'verify', 4, 'التحقق من تسديد المخالفات المرورية', 'Check that traffic fines are paid'),
      ],
      step('approve-transfer', 'dvld', 'approve', 8, 'الموافقة على نقل الملكية', 'Approve the transfer'),
      step('issue-new-licence', 'dvld', 'issue', 4, 'إصدار رخصة باسم المالك الجديد', "Issue the registration in the new owner's name"),
    ),
    channels: ['portal', 'mobile', 'service-centre'],
    rolloutPhase: 2,
    priority: priority(250_000, 4, 4, 3, 2, 4),
    baseline: baseline(3, 240, 7, 15, 8),
  }),
];

const landAndProperty: ReferenceService[] = [
  service('land-registration-extract', 'post-launch-evaluation', {
    name: text('إصدار سند تسجيل مصدّق', 'Certified land registration extract (sanad)'),
    description: text(
      'إصدار نسخة مصدّقة من سند التسجيل تبيّن المالكين وحصصهم والإشارات والرهونات المسجلة على قطعة الأرض أو الشقة.',
      'Issues a certified copy of the registration deed (sanad) showing the owners, their shares and the encumbrances and mortgages registered on a parcel or apartment.',
    ),
    ownerAgencyId: 'dls',
    partnerAgencyIds: [],
    beneficiaryTypes: ['citizen', 'resident', 'business'],
    category: 'land-and-property',
    fees: fees(5),
    requiredDocuments: [],
    requiredRegistryFields: ['person.nationalNumber', 'person.fullName', 'business.registrationNumber'],
    form: {
      fields: [
        select('directorate', true, 'مديرية التسجيل', 'Registration directorate', [
          ['west-amman', 'غرب عمان', 'West Amman'],
          ['south-amman', 'جنوب عمان', 'South Amman'],
          ['irbid', 'إربد', 'Irbid'],
          ['zarqa', 'الزرقاء', 'Zarqa'],
          ['aqaba', 'العقبة', 'Aqaba'],
        ]),
        ...deedFields,
        field('apartmentNumber', 'text', false, 'رقم الشقة', 'Apartment number', 10),
      ],
    },
    workflow: workflow(
      step('ownership-check', 'dls', 'verify', 2, 'التحقق من صفة طالب السند', "Check the applicant's standing"),
      step('issue-sanad', 'dls', 'issue', 2, 'إصدار السند المصدّق', 'Issue the certified deed'),
    ),
    channels: ['portal', 'mobile', 'service-centre'],
    rolloutPhase: 2,
    priority: priority(300_000, 3, 4, 1, 3, 4),
    baseline: baseline(2, 120, 3, 6, 3),
  }),

  service('property-sale-registration', 'launched', {
    name: text('تسجيل بيع عقار', 'Property sale registration'),
    description: text(
      'تسجيل عقد بيع قطعة أرض أو شقة ونقل ملكيتها إلى المشتري بعد التحقق بالتوازي من براءة الذمة الضريبية وبراءة ذمة ضريبة الأبنية والأراضي لدى الأمانة، وتقدير قيمة العقار واستيفاء رسوم التسجيل.',
      'Registers the sale of a parcel or apartment and transfers it to the buyer after parallel checks of tax clearance and municipal property tax clearance, valuation of the property and collection of the registration fees.',
    ),
    ownerAgencyId: 'dls',
    partnerAgencyIds: ['istd', 'gam'],
    beneficiaryTypes: ['citizen', 'resident', 'business'],
    category: 'land-and-property',
    fees: fees(10),
    requiredDocuments: [
      doc('parties-ids', 'هويات البائع والمشتري', 'IDs of the seller and buyer'),
      doc('sanad', 'سند التسجيل', 'Registration deed (sanad)'),
      doc('site-plan', 'مخطط الموقع التنظيمي', 'Zoning site plan', false),
      doc('power-of-attorney', 'الوكالة العدلية عند التوكيل', 'Notarised power of attorney when represented', false),
    ],
    requiredRegistryFields: ['person.nationalNumber', 'person.fullName', 'person.address', 'person.maritalStatus'],
    form: {
      fields: [
        ...deedFields,
        field('buyerNationalNumber', 'text', true, 'الرقم الوطني للمشتري', "Buyer's national number", 10),
        field('declaredPriceJod', 'number', true, 'الثمن المصرّح به بالدينار', 'Declared price in JOD'),
        select('propertyType', true, 'نوع العقار', 'Type of property', [
          ['land', 'أرض', 'Land'],
          ['apartment', 'شقة', 'Apartment'],
          ['building', 'بناء', 'Building'],
        ]),
      ],
    },
    workflow: workflow(
      [
        step('income-tax-clearance', 'istd', 'verify', 24, 'التحقق من براءة الذمة الضريبية', 'Check income tax clearance'),
        step('property-tax-clearance', 'gam', 'verify', 24, 'التحقق من براءة ذمة ضريبة الأبنية والأراضي', 'Check municipal property tax clearance'),
        step('valuation', 'dls', 'inspect', 48, 'تقدير قيمة العقار', 'Value the property'),
      ],
      step('contract-review', 'dls', 'review', 8, 'تدقيق عقد البيع', 'Review the sale contract'),
      step('registrar-approval', 'dls', 'approve', 4, 'توقيع مدير التسجيل', 'Signature of the registration director'),
      step('issue-new-sanad', 'dls', 'issue', 4, 'إصدار سند تسجيل باسم المشتري', "Issue a deed in the buyer's name"),
    ),
    channels: ['portal', 'service-centre'],
    rolloutPhase: 3,
    priority: priority(120_000, 5, 4, 4, 3, 5),
    baseline: baseline(4, 300, 12, 30, 15),
  }),

  service('land-survey-request', 'digitization', {
    name: text('طلب مساحة وتعيين حدود قطعة أرض', 'Land survey and boundary demarcation'),
    description: text(
      'إجراء كشف ميداني لمساحة قطعة الأرض وتعيين حدودها وإعادة تثبيت علاماتها، وإصدار تقرير المساحة ومخطط القطعة.',
      'Carries out a field survey of a parcel, demarcates its boundaries and resets its markers, and issues the survey report and parcel plan.',
    ),
    ownerAgencyId: 'dls',
    partnerAgencyIds: [],
    beneficiaryTypes: ['citizen', 'business'],
    category: 'land-and-property',
    fees: fees(30),
    requiredDocuments: [doc('sanad', 'سند التسجيل', 'Registration deed (sanad)')],
    requiredRegistryFields: ['person.nationalNumber', 'person.fullName', 'person.phone'],
    form: {
      fields: [
        ...deedFields,
        select('surveyType', true, 'نوع المعاملة', 'Type of survey', [
          ['demarcation', 'تعيين حدود', 'Boundary demarcation'],
          ['subdivision', 'إفراز', 'Subdivision'],
          ['area-correction', 'تصحيح مساحة', 'Area correction'],
        ]),
      ],
    },
    workflow: workflow(
      step('review-survey-request', 'dls', 'review', 24, 'تدقيق الطلب وتحديد موعد الكشف', 'Review the request and schedule the survey'),
      step('field-survey', 'dls', 'inspect', 240, 'الكشف الميداني', 'Field survey'),
      step('issue-survey-report', 'dls', 'issue', 48, 'إصدار تقرير المساحة والمخطط', 'Issue the survey report and plan'),
    ),
    channels: ['portal', 'service-centre'],
    rolloutPhase: 4,
    priority: priority(40_000, 3, 3, 4, 2, 3),
    baseline: baseline(3, 240, 25, 20, 6),
  }),
];

const tax: ReferenceService[] = [
  service('income-tax-return', 'post-launch-evaluation', {
    name: text('تقديم إقرار ضريبة الدخل', 'Income tax return filing'),
    description: text(
      'تقديم الإقرار السنوي لضريبة الدخل للأفراد والشركات إلكترونياً مع احتساب الضريبة والإعفاءات آلياً ودفعها أو المطالبة بالرديات.',
      'Files the annual income tax return for individuals and companies online, with automatic calculation of tax and exemptions and payment or refund claims.',
    ),
    ownerAgencyId: 'istd',
    partnerAgencyIds: [],
    beneficiaryTypes: ['citizen', 'resident', 'business'],
    category: 'tax-and-customs',
    fees: fees(0),
    requiredDocuments: [doc('income-statements', 'كشوف الدخل والرواتب', 'Income and salary statements', false)],
    requiredRegistryFields: ['person.nationalNumber', 'person.fullName', 'person.maritalStatus', 'business.registrationNumber'],
    form: {
      fields: [
        field('taxYear', 'number', true, 'السنة الضريبية', 'Tax year'),
        field('taxNumber', 'text', true, 'الرقم الضريبي', 'Tax identification number', 12),
        field('totalIncomeJod', 'number', true, 'إجمالي الدخل بالدينار', 'Total income in JOD'),
        field('claimsFamilyExemption', 'boolean', false, 'المطالبة بإعفاء المعالين', 'Claim the dependants exemption'),
      ],
    },
    workflow: workflow(
      step('validate-return', 'istd', 'verify', 24, 'التحقق الآلي من الإقرار', 'Automatic validation of the return'),
      step('assess-return', 'istd', 'review', 720, 'التدقيق والتقدير', 'Audit and assessment'),
      step('issue-assessment', 'istd', 'issue', 24, 'إصدار إشعار التقدير', 'Issue the assessment notice'),
    ),
    channels: ['portal', 'mobile', 'service-centre'],
    rolloutPhase: 2,
    priority: priority(450_000, 4, 4, 3, 2, 5),
    baseline: baseline(2, 180, 8, 10, 10),
  }),

  service('tax-registration', 'launched', {
    name: text('التسجيل الضريبي وإصدار الرقم الضريبي', 'Tax registration and tax identification number'),
    description: text(
      'تسجيل المكلف لدى الدائرة لغايات ضريبة الدخل والضريبة العامة على المبيعات وإصدار الرقم الضريبي الموحد للمنشآت الجديدة.',
      'Registers a taxpayer for income tax and general sales tax and issues the unified tax identification number for new establishments.',
    ),
    ownerAgencyId: 'istd',
    partnerAgencyIds: [],
    beneficiaryTypes: ['business', 'citizen'],
    category: 'tax-and-customs',
    fees: fees(0),
    requiredDocuments: [commercialRegistration, authorisedSignatory, doc('lease-contract', 'عقد إيجار المنشأة', 'Lease contract of the premises')],
    requiredRegistryFields: ['business.registrationNumber', 'business.name', 'business.legalType', 'business.owners', 'person.nationalNumber'],
    form: {
      fields: [
        select('registrationType', true, 'نوع التسجيل', 'Type of registration', [
          ['income', 'ضريبة الدخل', 'Income tax'],
          ['sales', 'الضريبة العامة على المبيعات', 'General sales tax'],
          ['both', 'ضريبة الدخل والمبيعات', 'Income and sales tax'],
        ]),
        field('expectedAnnualSalesJod', 'number', false, 'المبيعات السنوية المتوقعة بالدينار', 'Expected annual sales in JOD'),
        field('activityDescription', 'text', true, 'وصف النشاط', 'Description of the activity', 500),
      ],
    },
    workflow: workflow(
      step('check-registration', 'istd', 'verify', 24, 'التحقق من التسجيل التجاري', 'Check the commercial registration'),
      step('approve-registration', 'istd', 'approve', 48, 'اعتماد التسجيل', 'Approve the registration'),
      step('issue-tax-number', 'istd', 'issue', 8, 'إصدار الرقم الضريبي وشهادة التسجيل', 'Issue the tax number and registration certificate'),
    ),
    channels: ['portal', 'service-centre'],
    rolloutPhase: 2,
    priority: priority(45_000, 3, 3, 2, 1, 5),
    baseline: baseline(3, 180, 6, 10, 8),
  }),

  service('tax-clearance-certificate', 'launched', {
    name: text('براءة ذمة ضريبية', 'Tax clearance certificate'),
    description: text(
      'إصدار شهادة براءة ذمة تثبت عدم وجود ضرائب مستحقة على المكلف، تُطلب في العطاءات الحكومية ونقل الملكية وتجديد الرخص.',
      'Issues a certificate that the taxpayer owes no tax, required for government tenders, transfers of ownership and licence renewals.',
    ),
    ownerAgencyId: 'istd',
    partnerAgencyIds: [],
    beneficiaryTypes: ['citizen', 'resident', 'business'],
    category: 'tax-and-customs',
    fees: fees(0),
    requiredDocuments: [],
    requiredRegistryFields: ['person.nationalNumber', 'person.fullName', 'business.registrationNumber', 'business.name'],
    form: {
      fields: [
        field('taxNumber', 'text', true, 'الرقم الضريبي', 'Tax identification number', 12),
        select('purpose', true, 'الغرض', 'Purpose', [
          ['tender', 'عطاء حكومي', 'Government tender'],
          ['property', 'نقل ملكية', 'Transfer of ownership'],
          ['licence', 'تجديد رخصة', 'Licence renewal'],
          ['other', 'أخرى', 'Other'],
        ]),
      ],
    },
    workflow: workflow(
      step('balance-check', 'istd', 'verify', 4, 'التحقق من رصيد المكلف', "Check the taxpayer's balance"),
      step('issue-clearance', 'istd', 'issue', 2, 'إصدار براءة الذمة', 'Issue the clearance certificate'),
    ),
    channels: ['portal', 'mobile', 'service-centre'],
    rolloutPhase: 2,
    priority: priority(200_000, 2, 3, 1, 1, 4),
    baseline: baseline(2, 120, 3, 5, 2),
  }),

  service('sales-tax-refund', 'feasibility-study', {
    name: text('رد الضريبة العامة على المبيعات', 'General sales tax refund'),
    description: text(
      'طلب رد رصيد الضريبة العامة على المبيعات الدائن للمصدّرين والمكلفين المسجلين، مع تدقيق الفواتير وتحويل المبلغ إلى حساب المكلف.',
      "Claims a refund of a credit balance of general sales tax for exporters and registered taxpayers, with audit of invoices and transfer to the taxpayer's account.",
    ),
    ownerAgencyId: 'istd',
    partnerAgencyIds: [],
    beneficiaryTypes: ['business'],
    category: 'tax-and-customs',
    fees: fees(0),
    requiredDocuments: [
      doc('sales-tax-returns', 'إقرارات الضريبة العامة على المبيعات', 'General sales tax returns'),
      doc('export-declarations', 'البيانات الجمركية للصادرات', 'Customs export declarations', false),
    ],
    requiredRegistryFields: ['business.registrationNumber', 'business.name'],
    form: {
      fields: [
        field('taxNumber', 'text', true, 'الرقم الضريبي', 'Tax identification number', 12),
        field('refundAmountJod', 'number', true, 'المبلغ المطلوب رده بالدينار', 'Refund amount in JOD'),
        field('periodFrom', 'date', true, 'بداية الفترة', 'Start of period'),
        field('periodTo', 'date', true, 'نهاية الفترة', 'End of period'),
        ibanField,
      ],
    },
    workflow: workflow(
      step('audit-invoices', 'istd', 'review', 480, 'تدقيق الفواتير والإقرارات', 'Audit invoices and returns'),
      step('approve-refund', 'istd', 'approve', 72, 'الموافقة على الرد', 'Approve the refund'),
      step('transfer-refund', 'istd', 'issue', 72, 'تحويل المبلغ', 'Transfer the amount'),
    ),
    channels: ['portal'],
    rolloutPhase: 5,
    priority: priority(6_000, 5, 2, 4, 1, 5),
    baseline: baseline(4, 300, 40, 30, 40),
  }),
];

const socialSecurity: ReferenceService[] = [
  service('social-security-subscription', 'launched', {
    name: text('الاشتراك الاختياري في الضمان الاجتماعي', 'Voluntary social security subscription'),
    description: text(
      'اشتراك الأردنيين غير المشمولين بالضمان الاجتماعي بصفة إلزامية، كربّات البيوت والمغتربين، اختيارياً في تأمين الشيخوخة والعجز والوفاة.',
      'Lets Jordanians not compulsorily insured, such as homemakers and expatriates, subscribe voluntarily to old-age, disability and death insurance.',
    ),
    ownerAgencyId: 'ssc',
    partnerAgencyIds: [],
    beneficiaryTypes: ['citizen'],
    category: 'social-protection',
    fees: fees(0),
    requiredDocuments: [nationalIdCard],
    requiredRegistryFields: ['person.nationalNumber', 'person.fullName', 'person.dateOfBirth', 'person.address', 'person.phone', 'person.email'],
    form: {
      fields: [
        field('chosenWageJod', 'number', true, 'الأجر الشهري المختار بالدينار', 'Chosen monthly wage in JOD'),
        field('startDate', 'date', true, 'تاريخ بدء الاشتراك', 'Subscription start date'),
        field('residesAbroad', 'boolean', true, 'مقيم خارج المملكة', 'Resides outside Jordan'),
      ],
    },
    workflow: workflow(
      step('eligibility-check', 'ssc', 'verify', 24, 'التحقق من شروط الاشتراك', 'Check eligibility'),
      step('approve-subscription', 'ssc', 'approve', 48, 'الموافقة على الاشتراك', 'Approve the subscription'),
    ),
    channels: ['portal', 'mobile', 'call-centre', 'service-centre'],
    rolloutPhase: 1,
    priority: priority(60_000, 3, 4, 2, 3, 3),
    baseline: baseline(2, 120, 4, 5, 4),
  }),

  service('social-security-employer-registration', 'launched', {
    name: text('تسجيل منشأة في الضمان الاجتماعي', 'Employer registration with social security'),
    description: text(
      'تسجيل المنشأة الجديدة لدى المؤسسة العامة للضمان الاجتماعي وشمول العاملين فيها، بعد التحقق من تسجيل الشركة لدى دائرة مراقبة الشركات.',
      "Registers a new establishment with the Social Security Corporation and enrols its employees, after checking the company's registration with the Companies Control Department.",
    ),
    ownerAgencyId: 'ssc',
    partnerAgencyIds: ['ccd'],
    beneficiaryTypes: ['business'],
    category: 'social-protection',
    fees: fees(0),
    requiredDocuments: [commercialRegistration, authorisedSignatory, doc('employee-list', 'كشف بأسماء العاملين وأجورهم', 'List of employees and their wages')],
    requiredRegistryFields: ['business.registrationNumber', 'business.name', 'business.legalType', 'business.owners'],
    form: {
      fields: [
        field('establishmentName', 'text', true, 'اسم المنشأة', 'Establishment name', 200),
        field('employeeCount', 'number', true, 'عدد العاملين', 'Number of employees'),
        field('coverageStartDate', 'date', true, 'تاريخ بدء الشمول', 'Coverage start date'),
        file('employeeList', 'employee-list', true, 'كشف العاملين', 'Employee list'),
      ],
    },
    workflow: workflow(
      step('company-check', 'ccd', 'verify', 8, 'التحقق من تسجيل الشركة', 'Check the company registration'),
      step('site-inspection', 'ssc', 'inspect', 120, 'زيارة تفتيشية للمنشأة', 'Inspection visit to the establishment'),
      step('approve-employer', 'ssc', 'approve', 24, 'اعتماد تسجيل المنشأة وإصدار رقمها', 'Approve the registration and assign the employer number'),
    ),
    channels: ['portal', 'service-centre'],
    rolloutPhase: 2,
    priority: priority(15_000, 3, 3, 3, 1, 4),
    baseline: baseline(3, 240, 10, 12, 10),
  }),

  service('unemployment-benefit', 'post-launch-evaluation', {
    name: text('صرف بدل التعطل عن العمل', 'Unemployment benefit'),
    description: text(
      'صرف بدل التعطل عن العمل للمؤمّن عليه الذي انتهت خدمته، من رصيد حسابه الادخاري في تأمين التعطل، وتحويله إلى حسابه البنكي.',
      "Pays the unemployment benefit to an insured person whose employment has ended, from their unemployment insurance savings account, into their bank account.",
    ),
    ownerAgencyId: 'ssc',
    partnerAgencyIds: [],
    beneficiaryTypes: ['citizen'],
    category: 'social-protection',
    fees: fees(0),
    requiredDocuments: [],
    requiredRegistryFields: ['person.nationalNumber', 'person.fullName', 'person.phone'],
    form: {
      fields: [
        field('lastEmployerNumber', 'text', true, 'رقم المنشأة الأخيرة', 'Number of the last employer', 20),
        field('terminationDate', 'date', true, 'تاريخ انتهاء الخدمة', 'Date employment ended'),
        ibanField,
      ],
    },
    workflow: workflow(
      step('check-balance', 'ssc', 'verify', 24, 'التحقق من الاستحقاق ورصيد الحساب', 'Check entitlement and account balance'),
      step('pay-benefit', 'ssc', 'issue', 48, 'صرف البدل', 'Pay the benefit'),
    ),
    channels: ['portal', 'mobile', 'call-centre'],
    rolloutPhase: 2,
    priority: priority(80_000, 4, 5, 2, 3, 3),
    baseline: baseline(2, 150, 5, 6, 5),
  }),

  service('retirement-pension-application', 'quality-check', {
    name: text('طلب راتب تقاعد الشيخوخة', 'Old-age retirement pension application'),
    description: text(
      'تقديم طلب تخصيص راتب تقاعد الشيخوخة أو التقاعد المبكر، مع التحقق من بيانات المعالين لدى الأحوال المدنية واحتساب الراتب وصرفه.',
      'Applies for an old-age or early retirement pension, with a check of dependants at the civil status register, calculation of the pension and payment.',
    ),
    ownerAgencyId: 'ssc',
    partnerAgencyIds: ['cspd'],
    beneficiaryTypes: ['citizen'],
    category: 'social-protection',
    fees: fees(0),
    requiredDocuments: [nationalIdCard, familyBook, doc('end-of-service', 'إشعار انتهاء الخدمة', 'Notice of end of service')],
    requiredRegistryFields: ['person.nationalNumber', 'person.fullName', 'person.dateOfBirth', 'person.familyBookNumber', 'person.maritalStatus'],
    form: {
      fields: [
        select('pensionType', true, 'نوع الراتب', 'Type of pension', [
          ['old-age', 'تقاعد الشيخوخة', 'Old-age pension'],
          ['early', 'التقاعد المبكر', 'Early retirement'],
        ]),
        field('lastWorkingDay', 'date', true, 'آخر يوم عمل', 'Last working day'),
        field('dependantsCount', 'number', false, 'عدد المعالين', 'Number of dependants'),
        ibanField,
      ],
    },
    workflow: workflow(
      step('dependants-check', 'cspd', 'verify', 24, 'التحقق من بيانات المعالين', 'Check the dependants'),
      step('service-period-review', 'ssc', 'review', 120, 'تدقيق فترات الاشتراك', 'Review contribution periods'),
      step('approve-pension', 'ssc', 'approve', 72, 'اعتماد تخصيص الراتب', 'Approve the pension'),
      step('pay-pension', 'ssc', 'issue', 48, 'صرف الراتب', 'Pay the pension'),
    ),
    channels: ['portal', 'service-centre'],
    rolloutPhase: 3,
    priority: priority(40_000, 5, 5, 4, 4, 3),
    baseline: baseline(4, 300, 15, 15, 12),
  }),

  service('maternity-allowance', 'feasibility-study', {
    name: text('بدل إجازة الأمومة', 'Maternity leave allowance'),
    description: text(
      'صرف بدل إجازة الأمومة للمؤمّن عليها عن مدة الإجازة المقررة قانوناً، استناداً إلى قيد الولادة لدى دائرة الأحوال المدنية والجوازات.',
      'Pays the maternity leave allowance to an insured woman for the statutory leave period, based on the birth record held by the Civil Status and Passport Department.',
    ),
    ownerAgencyId: 'ssc',
    partnerAgencyIds: ['cspd'],
    beneficiaryTypes: ['citizen'],
    category: 'social-protection',
    fees: fees(0),
    requiredDocuments: [doc('birth-certificate', 'شهادة ميلاد المولود', "Child's birth certificate")],
    requiredRegistryFields: ['person.nationalNumber', 'person.fullName', 'person.sex'],
    form: {
      fields: [
        field('childNationalNumber', 'text', true, 'الرقم الوطني للمولود', "Child's national number", 10),
        field('leaveStartDate', 'date', true, 'تاريخ بدء الإجازة', 'Leave start date'),
        ibanField,
      ],
    },
    workflow: workflow(
      step('birth-check', 'cspd', 'verify', 4, 'التحقق من قيد الولادة', 'Check the birth record'),
      step('pay-allowance', 'ssc', 'issue', 72, 'احتساب البدل وصرفه', 'Calculate and pay the allowance'),
    ),
    channels: ['portal', 'mobile'],
    rolloutPhase: 5,
    priority: priority(20_000, 3, 5, 2, 4, 2),
    baseline: baseline(2, 150, 4, 5, 4),
  }),
];

const health: ReferenceService[] = [
  service('health-certificate', 'launched', {
    name: text('إصدار شهادة صحية للعاملين في المنشآت الغذائية', 'Health certificate for food-establishment workers'),
    description: text(
      'إصدار الشهادة الصحية للعاملين في المطاعم ومصانع الأغذية والمحلات بعد إجراء الفحوص المخبرية والتأكد من خلوهم من الأمراض المعدية.',
      'Issues the health certificate for workers in restaurants, food factories and shops after laboratory tests confirm they are free of communicable diseases.',
    ),
    ownerAgencyId: 'moh',
    partnerAgencyIds: [],
    beneficiaryTypes: ['citizen', 'resident', 'business'],
    category: 'health',
    fees: fees(10),
    requiredDocuments: [nationalIdCard, personalPhoto],
    requiredRegistryFields: ['person.nationalNumber', 'person.fullName', 'person.dateOfBirth', 'resident.permitNumber'],
    form: {
      fields: [
        field('establishmentName', 'text', true, 'اسم المنشأة', 'Establishment name', 200),
        select('healthDirectorate', true, 'مديرية الصحة', 'Health directorate', [
          ['amman', 'العاصمة', 'Capital'],
          ['irbid', 'إربد', 'Irbid'],
          ['zarqa', 'الزرقاء', 'Zarqa'],
          ['balqa', 'البلقاء', 'Balqa'],
        ]),
      ],
    },
    workflow: workflow(
      step('lab-tests', 'moh', 'inspect', 72, 'الفحوص المخبرية', 'Laboratory tests'),
      step('issue-health-certificate', 'moh', 'issue', 8, 'إصدار الشهادة الصحية', 'Issue the health certificate'),
    ),
    channels: ['portal', 'mobile', 'service-centre'],
    rolloutPhase: 3,
    priority: priority(150_000, 2, 3, 2, 2, 3),
    baseline: baseline(3, 240, 6, 10, 3),
  }),

  service('medical-committee-report', 'feasibility-study', {
    name: text('تقرير لجنة طبية', 'Medical committee report'),
    description: text(
      'عرض المراجع على اللجنة الطبية اللوائية أو العليا لتقييم حالته الصحية ونسبة العجز، وإصدار التقرير الطبي المعتمد لغايات العمل أو التقاعد أو الإعفاء.',
      'Refers the applicant to a district or higher medical committee that assesses their health and degree of disability, and issues the certified medical report for employment, retirement or exemption purposes.',
    ),
    ownerAgencyId: 'moh',
    partnerAgencyIds: [],
    beneficiaryTypes: ['citizen', 'resident'],
    category: 'health',
    fees: fees(20),
    requiredDocuments: [nationalIdCard, doc('medical-records', 'التقارير والفحوص الطبية السابقة', 'Previous medical reports and tests')],
    requiredRegistryFields: ['person.nationalNumber', 'person.fullName', 'person.dateOfBirth', 'person.phone'],
    form: {
      fields: [
        select('purpose', true, 'الغرض من التقرير', 'Purpose of the report', [
          ['employment', 'التعيين', 'Employment'],
          ['retirement', 'التقاعد', 'Retirement'],
          ['disability', 'تحديد نسبة العجز', 'Disability assessment'],
          ['exemption', 'الإعفاء', 'Exemption'],
        ]),
        field('referringBody', 'text', true, 'الجهة المحيلة', 'Referring body', 100),
        file('medicalFiles', 'medical-records', false, 'التقارير الطبية', 'Medical reports'),
      ],
    },
    workflow: workflow(
      step('review-file', 'moh', 'review', 72, 'دراسة الملف الطبي', 'Review the medical file'),
      step('committee-examination', 'moh', 'inspect', 240, 'الكشف أمام اللجنة', 'Examination by the committee'),
      step('approve-report', 'moh', 'approve', 72, 'اعتماد القرار', 'Approve the decision'),
      step('issue-report', 'moh', 'issue', 24, 'إصدار التقرير', 'Issue the report'),
    ),
    channels: ['portal', 'service-centre'],
    rolloutPhase: 5,
    priority: priority(60_000, 3, 4, 4, 3, 2),
    baseline: baseline(4, 300, 20, 15, 8),
  }),

  service('expatriate-medical-examination', 'digitization', {
    name: text('الفحص الطبي للعمالة الوافدة', 'Medical examination for migrant workers'),
    description: text(
      'إجراء الفحص الطبي للعامل الوافد عند القدوم وعند تجديد تصريح العمل، وإرسال النتيجة إلكترونياً إلى وزارة العمل.',
      'Carries out the medical examination of a migrant worker on arrival and on work permit renewal, and sends the result electronically to the Ministry of Labour.',
    ),
    ownerAgencyId: 'moh',
    partnerAgencyIds: ['mol'],
    beneficiaryTypes: ['resident', 'business'],
    category: 'health',
    fees: fees(20),
    requiredDocuments: [doc('passport', 'جواز السفر', 'Passport'), personalPhoto],
    requiredRegistryFields: ['resident.nationality', 'resident.permitNumber', 'person.fullName', 'person.dateOfBirth'],
    form: {
      fields: [
        field('passportNumber', 'text', true, 'رقم جواز السفر', 'Passport number', 20),
        field('employerNumber', 'text', true, 'رقم المنشأة', 'Establishment number', 20),
        select('examinationReason', true, 'سبب الفحص', 'Reason for the examination', [
          ['arrival', 'القدوم', 'Arrival'],
          ['renewal', 'تجديد تصريح العمل', 'Work permit renewal'],
        ]),
      ],
    },
    workflow: workflow(
      step('employer-check', 'mol', 'verify', 24, 'التحقق من طلب تصريح العمل', 'Check the work permit application'),
      step('medical-tests', 'moh', 'inspect', 72, 'الفحص الطبي والمخبري', 'Medical and laboratory tests'),
      step('send-result', 'moh', 'issue', 8, 'إصدار النتيجة وإرسالها', 'Issue and send the result'),
    ),
    channels: ['portal', 'service-centre'],
    rolloutPhase: 5,
    priority: priority(300_000, 2, 2, 2, 1, 3),
    baseline: baseline(2, 240, 8, 12, 4),
  }),
];

const healthInsurance: ReferenceService[] = [
  service('health-insurance-enrolment', 'launched', {
    name: text('الاشتراك في التأمين الصحي المدني', 'Civil health insurance enrolment'),
    description: text(
      'شمول المواطن بالتأمين الصحي المدني، بما في ذلك الأطفال دون السادسة وكبار السن فوق الستين والمشتركين اختيارياً، بعد التحقق من القيد المدني وإصدار بطاقة التأمين.',
      'Enrols a citizen in civil health insurance, including children under six, people over sixty and voluntary subscribers, after checking the civil record, and issues the insurance card.',
    ),
    ownerAgencyId: 'hia',
    partnerAgencyIds: ['cspd'],
    beneficiaryTypes: ['citizen'],
    category: 'health',
    fees: fees(0),
    requiredDocuments: [doc('birth-certificate', 'شهادة الميلاد للأطفال', 'Birth certificate for children', false), personalPhoto],
    requiredRegistryFields: ['person.nationalNumber', 'person.fullName', 'person.dateOfBirth', 'person.familyBookNumber'],
    form: {
      fields: [
        select('enrolmentCategory', true, 'فئة الشمول', 'Enrolment category', [
          ['child-under-six', 'الأطفال دون سن السادسة', 'Children under six'],
          ['senior', 'كبار السن فوق الستين', 'People over sixty'],
          ['voluntary', 'اشتراك اختياري', 'Voluntary subscription'],
          ['dependant', 'منتفع تابع لمشترك', "A subscriber's dependant"],
        ]),
        field('beneficiaryNationalNumber', 'text', true, 'الرقم الوطني للمنتفع أو رقم وثيقته', "Beneficiary's national number, or its document number", 40),
        select('preferredCentre', false, 'المركز الصحي المفضل', 'Preferred health centre', [
          ['nearest', 'الأقرب إلى مكان السكن', 'Nearest to home'],
          ['comprehensive', 'مركز صحي شامل', 'Comprehensive health centre'],
        ]),
      ],
    },
    workflow: workflow(
      [
        step('civil-record-check', 'cspd', 'verify', 4, 'التحقق من القيد المدني وصلة القرابة', 'Check the civil record and kinship'),
        step('eligibility-check', 'hia', 'verify', 24, 'التحقق من الاستحقاق وعدم وجود تأمين آخر', 'Check eligibility and absence of other insurance'),
      ],
      step('approve-enrolment', 'hia', 'approve', 24, 'اعتماد الشمول', 'Approve the enrolment'),
      step('issue-card', 'hia', 'issue', 48, 'إصدار بطاقة التأمين الصحي', 'Issue the health insurance card'),
    ),
    channels: ['portal', 'mobile', 'service-centre'],
    rolloutPhase: 1,
    priority: priority(150_000, 3, 5, 2, 4, 2),
    baseline: baseline(3, 210, 5, 8, 6),
  }),

  service('health-insurance-certificate', 'launched', {
    name: text('شهادة شمول بالتأمين الصحي', 'Health insurance coverage certificate'),
    description: text(
      'إصدار شهادة تبيّن شمول المنتفع بالتأمين الصحي المدني ودرجة التأمين وتاريخ سريانه، لتقديمها إلى المستشفيات والجهات الرسمية.',
      "Issues a certificate showing a beneficiary's civil health insurance coverage, class and validity, for hospitals and official bodies.",
    ),
    ownerAgencyId: 'hia',
    partnerAgencyIds: [],
    beneficiaryTypes: ['citizen'],
    category: 'health',
    fees: fees(0.5),
    requiredDocuments: [],
    requiredRegistryFields: ['person.nationalNumber', 'person.fullName'],
    form: {
      fields: [field('beneficiaryNationalNumber', 'text', true, 'الرقم الوطني للمنتفع', "Beneficiary's national number", 10)],
    },
    workflow: workflow(step('issue-coverage-certificate', 'hia', 'issue', 1, 'إصدار الشهادة', 'Issue the certificate')),
    channels: ['portal', 'mobile', 'kiosk'],
    rolloutPhase: 3,
    priority: priority(80_000, 1, 3, 1, 2, 1),
    baseline: baseline(1, 90, 2, 3, 2),
  }),
];

const municipal: ReferenceService[] = [
  service('vocational-licence', 'launched', {
    name: text('إصدار وتجديد رخصة المهن', 'Vocational (business) licence issue and renewal'),
    description: text(
      'إصدار رخصة المهن للمحلات والمنشآت التجارية والحرفية ضمن حدود أمانة عمان الكبرى أو تجديدها سنوياً، بعد الكشف على الموقع والتحقق من ملاءمة الاستعمال.',
      'Issues or annually renews the vocational licence for shops and commercial and craft establishments in Greater Amman, after a site inspection and a check that the land use permits the activity.',
    ),
    ownerAgencyId: 'gam',
    partnerAgencyIds: [],
    beneficiaryTypes: ['business', 'citizen'],
    category: 'municipal',
    fees: fees(60, 10),
    requiredDocuments: [
      commercialRegistration,
      doc('lease-contract', 'عقد الإيجار أو سند الملكية', 'Lease contract or title deed'),
      doc('occupancy-permit', 'إذن الأشغال للبناء', 'Building occupancy permit'),
    ],
    requiredRegistryFields: ['business.registrationNumber', 'business.name', 'business.owners', 'person.nationalNumber', 'person.phone'],
    form: {
      fields: [
        select('requestType', true, 'نوع الطلب', 'Type of request', [
          ['new', 'رخصة جديدة', 'New licence'],
          ['renewal', 'تجديد', 'Renewal'],
        ]),
        field('activity', 'text', true, 'النشاط الاقتصادي', 'Business activity', 200),
        field('premisesAreaSqm', 'number', true, 'مساحة المحل بالمتر المربع', 'Premises area in square metres'),
        field('signboardArea', 'number', false, 'مساحة اليافطة بالمتر المربع', 'Signboard area in square metres'),
      ],
    },
    workflow: workflow(
      step('land-use-review', 'gam', 'review', 24, 'التحقق من ملاءمة الاستعمال التنظيمي', 'Check the zoning permits the activity'),
      step('site-inspection', 'gam', 'inspect', 72, 'الكشف على الموقع', 'Site inspection'),
      step('issue-vocational-licence', 'gam', 'issue', 24, 'إصدار الرخصة', 'Issue the licence'),
    ),
    channels: ['portal', 'mobile', 'service-centre'],
    rolloutPhase: 2,
    priority: priority(120_000, 3, 3, 3, 1, 5),
    baseline: baseline(3, 300, 10, 20, 8),
  }),

  service('site-plan', 'launched', {
    name: text('إصدار مخطط موقع تنظيمي', 'Zoning site plan'),
    description: text(
      'إصدار مخطط الموقع التنظيمي لقطعة أرض يبيّن صفة استعمالها والارتدادات والأحكام التنظيمية، بالاعتماد على بيانات الملكية من دائرة الأراضي والمساحة.',
      'Issues the zoning site plan of a parcel showing its land use, setbacks and zoning rules, based on ownership data from the Department of Lands and Survey.',
    ),
    ownerAgencyId: 'gam',
    partnerAgencyIds: ['dls'],
    beneficiaryTypes: ['citizen', 'business'],
    category: 'municipal',
    fees: fees(10, 10),
    requiredDocuments: [doc('sanad', 'سند التسجيل', 'Registration deed (sanad)', false)],
    requiredRegistryFields: ['person.nationalNumber', 'person.fullName'],
    form: { fields: [...deedFields] },
    workflow: workflow(
      step('cadastral-check', 'dls', 'verify', 4, 'التحقق من بيانات القطعة والملكية', 'Check parcel and ownership data'),
      step('issue-site-plan', 'gam', 'issue', 24, 'إصدار المخطط التنظيمي', 'Issue the site plan'),
    ),
    channels: ['portal', 'mobile', 'service-centre'],
    rolloutPhase: 3,
    priority: priority(100_000, 2, 3, 2, 2, 4),
    baseline: baseline(2, 150, 4, 6, 3),
  }),

  service('building-permit', 'digitization', {
    name: text('إصدار رخصة إنشاء بناء', 'Building permit'),
    description: text(
      'ترخيص إنشاء بناء جديد أو إضافة طوابق بعد تدقيق المخططات الهندسية والتحقق من الملكية والكشف على الموقع وموافقة لجنة التنظيم.',
      'Licenses a new building or added floors after review of the engineering drawings, an ownership check, a site inspection and approval by the zoning committee.',
    ),
    ownerAgencyId: 'gam',
    partnerAgencyIds: ['dls'],
    beneficiaryTypes: ['citizen', 'business'],
    category: 'municipal',
    fees: fees(150),
    requiredDocuments: [
      doc('sanad', 'سند التسجيل', 'Registration deed (sanad)'),
      doc('engineering-drawings', 'المخططات الهندسية المصدقة من نقابة المهندسين', "Engineering drawings certified by the Engineers' Association"),
      doc('site-plan', 'مخطط الموقع التنظيمي', 'Zoning site plan'),
    ],
    requiredRegistryFields: ['person.nationalNumber', 'person.fullName', 'person.address', 'person.phone'],
    form: {
      fields: [
        ...deedFields,
        select('buildingUse', true, 'استعمال البناء', 'Building use', [
          ['residential', 'سكني', 'Residential'],
          ['commercial', 'تجاري', 'Commercial'],
          ['industrial', 'صناعي', 'Industrial'],
        ]),
        field('builtAreaSqm', 'number', true, 'مساحة البناء بالمتر المربع', 'Built area in square metres'),
        file('drawings', 'engineering-drawings', true, 'المخططات الهندسية', 'Engineering drawings'),
      ],
    },
    workflow: workflow(
      [
        step('ownership-check', 'dls', 'verify', 24, 'التحقق من الملكية وخلو القطعة من الموانع', 'Check ownership and absence of restrictions'),
        step('drawings-review', 'gam', 'review', 120, 'تدقيق المخططات الهندسية', 'Review the engineering drawings'),
      ],
      step('site-inspection', 'gam', 'inspect', 72, 'الكشف الميداني على الموقع', 'Site inspection'),
      step('committee-approval', 'gam', 'approve', 168, 'موافقة لجنة التنظيم', 'Zoning committee approval'),
      step('issue-permit', 'gam', 'issue', 24, 'إصدار رخصة الإنشاء', 'Issue the building permit'),
    ),
    channels: ['portal', 'service-centre'],
    rolloutPhase: 4,
    priority: priority(15_000, 5, 3, 5, 2, 5),
    baseline: baseline(4, 300, 30, 40, 25),
  }),
];

const justice: ReferenceService[] = [
  service('non-conviction-certificate', 'post-launch-evaluation', {
    name: text('شهادة عدم محكومية', 'Non-conviction certificate'),
    description: text(
      'إصدار شهادة عدم محكومية إلكترونية موثقة برمز تحقق، تثبت خلو السجل العدلي لطالبها من الأحكام الجزائية، لغايات العمل أو السفر أو الدراسة.',
      "Issues an electronic non-conviction certificate with a verification code, showing the applicant's judicial record has no criminal convictions, for employment, travel or study.",
    ),
    ownerAgencyId: 'moj',
    partnerAgencyIds: [],
    beneficiaryTypes: ['citizen', 'resident'],
    category: 'justice',
    fees: { ...fees(1), paymentDue: 'at-submission' },
    requiredDocuments: [],
    requiredRegistryFields: ['person.nationalNumber', 'person.fullName', 'person.dateOfBirth', 'resident.permitNumber'],
    form: {
      fields: [
        select('purpose', true, 'الغرض من الشهادة', 'Purpose of the certificate', [
          ['employment', 'العمل', 'Employment'],
          ['travel', 'السفر', 'Travel'],
          ['study', 'الدراسة', 'Study'],
          ['other', 'أخرى', 'Other'],
        ]),
        select('language', true, 'لغة الشهادة', 'Certificate language', [
          ['ar', 'العربية', 'Arabic'],
          ['en', 'الإنجليزية', 'English'],
        ]),
      ],
    },
    workflow: workflow(
      step('record-check', 'moj', 'verify', 2, 'التحقق من السجل العدلي', 'Check the judicial record'),
      step('issue-non-conviction', 'moj', 'issue', 1, 'إصدار الشهادة', 'Issue the certificate'),
    ),
    channels: ['portal', 'mobile', 'kiosk', 'service-centre'],
    rolloutPhase: 1,
    priority: priority(600_000, 2, 5, 1, 3, 3),
    baseline: baseline(2, 120, 2.5, 5, 2),
    issuedDocument: { type: 'certificate', validityDays: 90, fields: ['purpose', 'language'] },
  }),

  service('notarised-power-of-attorney', 'digitization', {
    name: text('تنظيم وكالة لدى الكاتب العدل', 'Notarised power of attorney'),
    description: text(
      'تنظيم الوكالات العامة والخاصة وتوثيقها لدى الكاتب العدل إلكترونياً بعد التحقق من هوية الموكّل والوكيل، مع إمكانية التحقق منها من الجهات الأخرى.',
      'Drafts and notarises general and special powers of attorney before the notary public online after verifying the identity of principal and agent, and lets other bodies verify them.',
    ),
    ownerAgencyId: 'moj',
    partnerAgencyIds: [],
    beneficiaryTypes: ['citizen', 'resident', 'business'],
    category: 'justice',
    fees: fees(5),
    requiredDocuments: [
      doc('parties-ids', 'هويات الموكّل والوكيل', 'IDs of the principal and agent'),
      doc('subject-documents', 'وثائق موضوع الوكالة', 'Documents about the subject of the power', false),
    ],
    requiredRegistryFields: ['person.nationalNumber', 'person.fullName', 'person.address'],
    form: {
      fields: [
        select('attorneyType', true, 'نوع الوكالة', 'Type of power of attorney', [
          ['general', 'عامة', 'General'],
          ['special', 'خاصة', 'Special'],
          ['irrevocable', 'غير قابلة للعزل', 'Irrevocable'],
        ]),
        field('agentNationalNumber', 'text', true, 'الرقم الوطني للوكيل', "Agent's national number", 10),
        field('subject', 'text', true, 'موضوع الوكالة', 'Subject of the power', 1000),
      ],
    },
    workflow: workflow(
      step('identity-check', 'moj', 'verify', 4, 'التحقق من هوية الأطراف', 'Verify the identity of the parties'),
      step('notary-review', 'moj', 'review', 24, 'تدقيق صيغة الوكالة', 'Review the wording'),
      step('notarise', 'moj', 'issue', 4, 'توثيق الوكالة', 'Notarise the power of attorney'),
    ),
    channels: ['portal', 'service-centre'],
    rolloutPhase: 5,
    priority: priority(250_000, 3, 4, 3, 3, 4),
    baseline: baseline(2, 180, 4, 8, 5),
  }),

  service('execution-request', 're-engineering', {
    name: text('تقديم طلب تنفيذ', 'Enforcement request'),
    description: text(
      'تقديم طلب لتنفيذ حكم قضائي أو سند تنفيذي كالشيكات والكمبيالات لدى دائرة التنفيذ، وتبليغ المدين وتتبع إجراءات التنفيذ.',
      'Files a request to enforce a court judgment or an enforceable instrument such as a cheque or bill of exchange at the enforcement department, notifies the debtor and tracks the enforcement.',
    ),
    ownerAgencyId: 'moj',
    partnerAgencyIds: [],
    beneficiaryTypes: ['citizen', 'business'],
    category: 'justice',
    fees: fees(10),
    requiredDocuments: [
      doc('enforceable-instrument', 'الحكم أو السند التنفيذي', 'Judgment or enforceable instrument'),
      doc('power-of-attorney', 'وكالة المحامي', "Lawyer's power of attorney", false),
    ],
    requiredRegistryFields: ['person.nationalNumber', 'person.fullName', 'person.address', 'business.registrationNumber'],
    form: {
      fields: [
        select('instrumentType', true, 'نوع السند', 'Type of instrument', [
          ['judgment', 'حكم قضائي', 'Court judgment'],
          ['cheque', 'شيك', 'Cheque'],
          ['bill', 'كمبيالة', 'Bill of exchange'],
        ]),
        field('amountJod', 'number', true, 'المبلغ المطلوب تنفيذه بالدينار', 'Amount to enforce in JOD'),
        field('debtorNationalNumber', 'text', true, 'الرقم الوطني للمدين', "Debtor's national number", 10),
        file('instrumentScan', 'enforceable-instrument', true, 'صورة السند', 'Scan of the instrument'),
      ],
    },
    workflow: workflow(
      step('register-file', 'moj', 'review', 24, 'قيد ملف التنفيذ', 'Register the enforcement file'),
      step('judge-approval', 'moj', 'approve', 72, 'قرار رئيس التنفيذ', 'Decision of the enforcement judge'),
      step('notify-debtor', 'moj', 'issue', 168, 'تبليغ المدين', 'Notify the debtor'),
    ),
    channels: ['portal', 'service-centre'],
    rolloutPhase: 6,
    priority: priority(150_000, 4, 3, 5, 2, 4),
    baseline: baseline(4, 300, 15, 25, 15),
  }),
];

const business: ReferenceService[] = [
  service('company-registration', 'launched', {
    name: text('تسجيل شركة', 'Company registration'),
    description: text(
      'تسجيل شركة جديدة من خلال نافذة واحدة: حجز الاسم التجاري لدى وزارة الصناعة والتجارة والتموين، والتسجيل الضريبي، وتسجيل المنشأة في الضمان الاجتماعي بالتوازي، ثم إصدار شهادة تسجيل الشركة.',
      'Registers a new company through a single window: trade name reservation at the Ministry of Industry, Trade and Supply, tax registration and social security employer registration in parallel, then the company registration certificate.',
    ),
    ownerAgencyId: 'ccd',
    partnerAgencyIds: ['mit', 'istd', 'ssc'],
    beneficiaryTypes: ['business', 'citizen', 'resident'],
    category: 'business-and-trade',
    fees: fees(100),
    requiredDocuments: [
      doc('articles', 'عقد التأسيس والنظام الأساسي', 'Memorandum and articles of association'),
      doc('partners-ids', 'هويات الشركاء أو جوازات سفرهم', 'IDs or passports of the partners'),
      doc('capital-deposit', 'إشعار إيداع رأس المال', 'Capital deposit notice', false),
    ],
    requiredRegistryFields: ['person.nationalNumber', 'person.fullName', 'person.address', 'business.name', 'business.legalType', 'business.owners'],
    form: {
      fields: [
        select('legalType', true, 'الشكل القانوني', 'Legal form', [
          ['llc', 'ذات مسؤولية محدودة', 'Limited liability company'],
          ['general-partnership', 'تضامن', 'General partnership'],
          ['limited-partnership', 'توصية بسيطة', 'Limited partnership'],
          ['private-shareholding', 'مساهمة خاصة', 'Private shareholding company'],
        ]),
        field('companyName', 'text', true, 'اسم الشركة المقترح', 'Proposed company name', 200),
        field('capitalJod', 'number', true, 'رأس المال بالدينار', 'Capital in JOD'),
        field('objectives', 'text', true, 'غايات الشركة', 'Objectives of the company', 2000),
        file('articlesFile', 'articles', true, 'عقد التأسيس', 'Memorandum of association'),
      ],
    },
    workflow: workflow(
      step('review-documents', 'ccd', 'review', 24, 'تدقيق عقد التأسيس والوثائق', 'Review the memorandum and documents'),
      [
        step('trade-name-check', 'mit', 'verify', 8, 'التحقق من الاسم التجاري وحجزه', 'Check and reserve the trade name'),
        step('tax-number', 'istd', 'issue', 24, 'إصدار الرقم الضريبي', 'Issue the tax number'),
        step('ssc-registration', 'ssc', 'issue', 24, 'تسجيل المنشأة في الضمان الاجتماعي', 'Register the employer with social security'),
      ],
      step('approve-company', 'ccd', 'approve', 24, 'موافقة مراقب عام الشركات', 'Approval of the Companies Controller'),
      step('issue-company-certificate', 'ccd', 'issue', 4, 'إصدار شهادة تسجيل الشركة', 'Issue the company registration certificate'),
    ),
    channels: ['portal', 'service-centre'],
    rolloutPhase: 2,
    priority: priority(9_000, 5, 3, 4, 2, 5),
    baseline: baseline(4, 300, 25, 40, 20),
  }),

  service('company-annual-filing', 're-engineering', {
    name: text('إيداع البيانات المالية السنوية للشركة', 'Annual financial statements filing'),
    description: text(
      'إيداع الميزانية العامة والبيانات المالية المدققة وتقرير مدقق الحسابات السنوي لدى دائرة مراقبة الشركات.',
      "Files the company's audited balance sheet, financial statements and annual auditor's report with the Companies Control Department.",
    ),
    ownerAgencyId: 'ccd',
    partnerAgencyIds: [],
    beneficiaryTypes: ['business'],
    category: 'business-and-trade',
    fees: fees(0),
    requiredDocuments: [
      doc('audited-statements', 'البيانات المالية المدققة', 'Audited financial statements'),
      doc('auditor-report', 'تقرير مدقق الحسابات', "Auditor's report"),
    ],
    requiredRegistryFields: ['business.registrationNumber', 'business.name', 'business.legalType'],
    form: {
      fields: [
        field('fiscalYear', 'number', true, 'السنة المالية', 'Fiscal year'),
        file('statements', 'audited-statements', true, 'البيانات المالية', 'Financial statements'),
        field('auditorName', 'text', true, 'اسم مدقق الحسابات', "Auditor's name", 200),
      ],
    },
    workflow: workflow(
      step('review-statements', 'ccd', 'review', 168, 'تدقيق البيانات المالية', 'Review the financial statements'),
      step('record-filing', 'ccd', 'issue', 24, 'قيد الإيداع في سجل الشركة', "Record the filing in the company's register"),
    ),
    channels: ['portal'],
    rolloutPhase: 5,
    priority: priority(60_000, 2, 2, 3, 1, 4),
    baseline: baseline(2, 120, 6, 8, 30),
  }),

  service('trade-name-registration', 'launched', {
    name: text('تسجيل اسم تجاري', 'Trade name registration'),
    description: text(
      'التحقق من توفر الاسم التجاري وعدم تشابهه مع الأسماء المسجلة، وتسجيله باسم التاجر أو الشركة لمدة خمس سنوات قابلة للتجديد.',
      'Checks that a trade name is available and not similar to registered names, and registers it for the trader or company for a renewable five years.',
    ),
    ownerAgencyId: 'mit',
    partnerAgencyIds: [],
    beneficiaryTypes: ['business', 'citizen'],
    category: 'business-and-trade',
    fees: fees(15, 5),
    requiredDocuments: [nationalIdCard],
    requiredRegistryFields: ['person.nationalNumber', 'person.fullName', 'business.name', 'business.registrationNumber'],
    form: {
      fields: [
        field('tradeNameAr', 'text', true, 'الاسم التجاري بالعربية', 'Trade name in Arabic', 200),
        field('tradeNameEn', 'text', false, 'الاسم التجاري بالإنجليزية', 'Trade name in English', 200),
        field('activity', 'text', true, 'النشاط التجاري', 'Business activity', 200),
      ],
    },
    workflow: workflow(
      step('name-availability', 'mit', 'verify', 8, 'التحقق من توفر الاسم', 'Check the name is available'),
      step('approve-name', 'mit', 'approve', 24, 'الموافقة على الاسم', 'Approve the name'),
      step('issue-name-certificate', 'mit', 'issue', 4, 'إصدار شهادة تسجيل الاسم التجاري', 'Issue the trade name certificate'),
    ),
    channels: ['portal', 'mobile', 'service-centre'],
    rolloutPhase: 2,
    priority: priority(30_000, 2, 3, 1, 2, 4),
    baseline: baseline(2, 120, 3, 5, 4),
  }),

  service('commercial-register-extract', 'launched', {
    name: text('مستخرج من السجل التجاري', 'Commercial register extract'),
    description: text(
      'إصدار مستخرج مصدّق من السجل التجاري يبيّن بيانات المؤسسة الفردية ومالكها ورأس مالها وغاياتها.',
      "Issues a certified extract of the commercial register showing a sole proprietorship's details, owner, capital and objectives.",
    ),
    ownerAgencyId: 'mit',
    partnerAgencyIds: [],
    beneficiaryTypes: ['business'],
    category: 'business-and-trade',
    fees: fees(5),
    requiredDocuments: [],
    requiredRegistryFields: ['business.registrationNumber', 'business.name', 'business.owners'],
    form: {
      fields: [
        field('registrationNumber', 'text', true, 'رقم التسجيل', 'Registration number', 20),
        select('language', true, 'لغة المستخرج', 'Extract language', [
          ['ar', 'العربية', 'Arabic'],
          ['en', 'الإنجليزية', 'English'],
        ]),
      ],
    },
    workflow: workflow(step('issue-extract', 'mit', 'issue', 1, 'إصدار المستخرج المصدّق', 'Issue the certified extract')),
    channels: ['portal', 'mobile', 'kiosk', 'service-centre'],
    rolloutPhase: 1,
    priority: priority(120_000, 2, 3, 1, 1, 4),
    baseline: baseline(1, 90, 2, 4, 2),
    issuedDocument: { type: 'extract', validityDays: 90, fields: ['registrationNumber', 'language'] },
  }),

  service('import-licence', 'feasibility-study', {
    name: text('إصدار رخصة استيراد', 'Import licence'),
    description: text(
      'إصدار رخصة الاستيراد للسلع المقيّدة وربطها إلكترونياً مع دائرة الجمارك الأردنية لاستخدامها في التخليص.',
      'Issues an import licence for restricted goods and links it electronically to Jordan Customs for use at clearance.',
    ),
    ownerAgencyId: 'mit',
    partnerAgencyIds: ['customs'],
    beneficiaryTypes: ['business'],
    category: 'business-and-trade',
    fees: fees(20),
    requiredDocuments: [commercialRegistration, doc('proforma-invoice', 'الفاتورة المبدئية', 'Proforma invoice')],
    requiredRegistryFields: ['business.registrationNumber', 'business.name'],
    form: {
      fields: [
        field('hsCode', 'text', true, 'البند الجمركي', 'HS tariff code', 12),
        field('goodsDescription', 'text', true, 'وصف البضاعة', 'Description of the goods', 500),
        field('originCountry', 'text', true, 'بلد المنشأ', 'Country of origin', 60),
        field('valueJod', 'number', true, 'القيمة بالدينار', 'Value in JOD'),
      ],
    },
    workflow: workflow(
      step('review-import', 'mit', 'review', 48, 'دراسة الطلب', 'Review the application'),
      step('importer-record', 'customs', 'verify', 24, 'التحقق من سجل المستورد', "Check the importer's record"),
      step('issue-import-licence', 'mit', 'issue', 8, 'إصدار الرخصة', 'Issue the licence'),
    ),
    channels: ['portal'],
    rolloutPhase: 6,
    priority: priority(25_000, 4, 2, 3, 1, 5),
    baseline: baseline(3, 180, 10, 15, 8),
  }),
];

const labour: ReferenceService[] = [
  service('work-permit', 'quality-check', {
    name: text('إصدار تصريح عمل لغير الأردنيين', 'Work permit for non-Jordanians'),
    description: text(
      'إصدار أو تجديد تصريح العمل السنوي للعامل غير الأردني بطلب من صاحب العمل، بعد الفحص الطبي والتدقيق الأمني بالتوازي.',
      "Issues or renews the annual work permit of a non-Jordanian worker at the employer's request, after a medical examination and a security check in parallel.",
    ),
    ownerAgencyId: 'mol',
    partnerAgencyIds: ['moh', 'moi'],
    beneficiaryTypes: ['business', 'resident'],
    category: 'labour-and-employment',
    fees: fees(500),
    requiredDocuments: [
      doc('passport', 'جواز سفر العامل', "Worker's passport"),
      doc('employment-contract', 'عقد العمل', 'Employment contract'),
      commercialRegistration,
    ],
    requiredRegistryFields: ['business.registrationNumber', 'business.name', 'resident.nationality', 'resident.permitNumber', 'person.fullName'],
    form: {
      fields: [
        field('workerPassportNumber', 'text', true, 'رقم جواز سفر العامل', "Worker's passport number", 20),
        field('occupation', 'text', true, 'المهنة', 'Occupation', 100),
        select('sector', true, 'القطاع', 'Sector', [
          ['agriculture', 'الزراعة', 'Agriculture'],
          ['construction', 'الإنشاءات', 'Construction'],
          ['manufacturing', 'الصناعة', 'Manufacturing'],
          ['services', 'الخدمات', 'Services'],
          ['domestic', 'العمالة المنزلية', 'Domestic work'],
        ]),
        select('requestType', true, 'نوع الطلب', 'Type of request', [
          ['new', 'تصريح جديد', 'New permit'],
          ['renewal', 'تجديد', 'Renewal'],
        ]),
      ],
    },
    workflow: workflow(
      [
        step('medical-fitness', 'moh', 'inspect', 72, 'الفحص الطبي للعامل', 'Medical examination of the worker'),
        step('security-check', 'moi', 'verify', 48, 'التدقيق الأمني', 'Security check'),
      ],
      step('labour-review', 'mol', 'review', 48, 'تدقيق الطلب وحصص العمالة', 'Review the application and labour quotas'),
      step('issue-work-permit', 'mol', 'issue', 24, 'إصدار تصريح العمل', 'Issue the work permit'),
    ),
    channels: ['portal', 'service-centre'],
    rolloutPhase: 4,
    priority: priority(300_000, 4, 3, 4, 1, 5),
    baseline: baseline(4, 300, 12, 30, 10),
  }),

  service('job-seeker-registration', 're-engineering', {
    name: text('التسجيل كباحث عن عمل', 'Job seeker registration'),
    description: text(
      'تسجيل الأردنيين الباحثين عن عمل في المنصة الوطنية للتشغيل ومطابقتهم مع فرص العمل وبرامج التدريب المتاحة.',
      'Registers Jordanian job seekers on the national employment platform and matches them with available job vacancies and training programmes.',
    ),
    ownerAgencyId: 'mol',
    partnerAgencyIds: [],
    beneficiaryTypes: ['citizen'],
    category: 'labour-and-employment',
    fees: fees(0),
    requiredDocuments: [doc('cv', 'السيرة الذاتية', 'Curriculum vitae', false)],
    requiredRegistryFields: ['person.nationalNumber', 'person.fullName', 'person.dateOfBirth', 'person.sex', 'person.address', 'person.phone', 'person.email'],
    form: {
      fields: [
        select('educationLevel', true, 'المستوى التعليمي', 'Education level', [
          ['secondary', 'ثانوي', 'Secondary'],
          ['diploma', 'دبلوم', 'Diploma'],
          ['bachelor', 'بكالوريوس', "Bachelor's degree"],
          ['postgraduate', 'دراسات عليا', 'Postgraduate'],
        ]),
        field('specialisation', 'text', true, 'التخصص', 'Specialisation', 100),
        field('preferredGovernorate', 'text', false, 'المحافظة المفضلة للعمل', 'Preferred governorate for work', 50),
        file('cvFile', 'cv', false, 'السيرة الذاتية', 'Curriculum vitae'),
      ],
    },
    workflow: workflow(
      step('profile-review', 'mol', 'review', 48, 'مراجعة الملف', 'Review the profile'),
      step('activate-profile', 'mol', 'issue', 8, 'تفعيل الملف ومطابقته مع الفرص', 'Activate the profile and match it with vacancies'),
    ),
    channels: ['portal', 'mobile', 'call-centre'],
    rolloutPhase: 6,
    priority: priority(100_000, 2, 4, 2, 3, 3),
    baseline: baseline(2, 120, 5, 4, 4),
  }),
];

const customs: ReferenceService[] = [
  service('customs-clearance', 'quality-check', {
    name: text('التخليص الجمركي على البضائع المستوردة', 'Customs clearance of imported goods'),
    description: text(
      'تقديم البيان الجمركي للبضائع المستوردة ومعاينتها والتحقق من رخصة الاستيراد بالتوازي، واستيفاء الرسوم والضرائب والإفراج عن البضاعة.',
      'Submits the customs declaration for imported goods, inspects them while the import licence is checked in parallel, collects duties and taxes and releases the goods.',
    ),
    ownerAgencyId: 'customs',
    partnerAgencyIds: ['mit'],
    beneficiaryTypes: ['business', 'citizen'],
    category: 'tax-and-customs',
    fees: fees(20),
    requiredDocuments: [
      doc('commercial-invoice', 'الفاتورة التجارية', 'Commercial invoice'),
      doc('bill-of-lading', 'بوليصة الشحن', 'Bill of lading'),
      doc('certificate-of-origin', 'شهادة المنشأ', 'Certificate of origin'),
      doc('import-licence', 'رخصة الاستيراد للسلع المقيّدة', 'Import licence for restricted goods', false),
    ],
    requiredRegistryFields: ['business.registrationNumber', 'business.name', 'person.nationalNumber'],
    form: {
      fields: [
        field('declarationNumber', 'text', true, 'رقم البيان الجمركي', 'Customs declaration number', 20),
        select('customsCentre', true, 'المركز الجمركي', 'Customs centre', [
          ['aqaba', 'جمرك العقبة', 'Aqaba customs'],
          ['amman', 'جمرك عمان', 'Amman customs'],
          ['jaber', 'مركز جمرك جابر', 'Jaber border customs'],
          ['airport', 'جمرك المطار', 'Airport customs'],
        ]),
        field('goodsValueJod', 'number', true, 'قيمة البضاعة بالدينار', 'Value of the goods in JOD'),
      ],
    },
    workflow: workflow(
      [
        step('goods-inspection', 'customs', 'inspect', 24, 'معاينة البضاعة', 'Inspect the goods'),
        step('licence-check', 'mit', 'verify', 24, 'التحقق من رخصة الاستيراد', 'Check the import licence'),
      ],
      step('declaration-review', 'customs', 'review', 8, 'تدقيق البيان واحتساب الرسوم', 'Review the declaration and assess duties'),
      step('release-goods', 'customs', 'issue', 4, 'الإفراج عن البضاعة', 'Release the goods'),
    ),
    channels: ['portal', 'service-centre'],
    rolloutPhase: 4,
    priority: priority(700_000, 5, 3, 4, 1, 5),
    baseline: baseline(3, 300, 20, 50, 15),
  }),

  service('disability-vehicle-exemption', 're-engineering', {
    name: text('الإعفاء الجمركي لمركبات الأشخاص ذوي الإعاقة', 'Customs exemption for vehicles of persons with disabilities'),
    description: text(
      'إعفاء المركبة المخصصة لاستعمال الشخص ذي الإعاقة من الرسوم الجمركية والضرائب، بعد التحقق من تقرير اللجنة الطبية المعتمد.',
      'Exempts a vehicle for the use of a person with a disability from customs duties and taxes, after checking the certified medical committee report.',
    ),
    ownerAgencyId: 'customs',
    partnerAgencyIds: ['moh'],
    beneficiaryTypes: ['citizen'],
    category: 'tax-and-customs',
    fees: fees(0),
    requiredDocuments: [
      doc('medical-committee-report', 'تقرير اللجنة الطبية', 'Medical committee report'),
      doc('vehicle-invoice', 'فاتورة المركبة', 'Vehicle invoice'),
      nationalIdCard,
    ],
    requiredRegistryFields: ['person.nationalNumber', 'person.fullName', 'person.dateOfBirth', 'person.address'],
    form: {
      fields: [
        field('medicalReportNumber', 'text', true, 'رقم تقرير اللجنة الطبية', 'Medical committee report number', 20),
        field('chassisNumber', 'text', true, 'رقم الشاصي', 'Chassis number', 17),
        field('adaptedVehicle', 'boolean', true, 'المركبة مجهزة لذوي الإعاقة', 'The vehicle is adapted for disability'),
      ],
    },
    workflow: workflow(
      step('medical-report-check', 'moh', 'verify', 48, 'التحقق من تقرير اللجنة الطبية', 'Check the medical committee report'),
      step('exemption-review', 'customs', 'review', 72, 'دراسة طلب الإعفاء', 'Review the exemption request'),
      step('approve-exemption', 'customs', 'approve', 48, 'الموافقة على الإعفاء', 'Approve the exemption'),
    ),
    channels: ['portal', 'service-centre'],
    rolloutPhase: 6,
    priority: priority(3_000, 5, 4, 4, 4, 2),
    baseline: baseline(4, 300, 15, 20, 12),
  }),
];

export const referenceServices: readonly ReferenceService[] = [
  ...civilStatus,
  ...interior,
  ...vehicles,
  ...landAndProperty,
  ...tax,
  ...socialSecurity,
  ...health,
  ...healthInsurance,
  ...municipal,
  ...justice,
  ...business,
  ...labour,
  ...customs,
];
