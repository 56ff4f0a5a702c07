// Reference data: life events, services a citizen needs together, asked for once.
import type { AnswerSource, BundleDefinition } from '../schemas/bundles';

type Field = BundleDefinition['form']['fields'][number];
const text = (ar: string, en: string) => ({ ar, en });
const field = (id: string, type: Field['type'], required: boolean, ar: string, en: string, extra: Partial<Field> = {}): Field => ({
  id,
  type,
  required,
  label: text(ar, en),
  ...extra,
});
const options = (...values: Array<[string, string, string]>) => values.map(([value, ar, en]) => ({ value, label: text(ar, en) }));
const answer = (id: string): AnswerSource => ({ answer: id });
const value = (fixed: string | number | boolean): AnswerSource => ({ value: fixed });
const documentOf = (member: string): AnswerSource => ({ documentOf: member });

export const referenceLifeEvents: readonly BundleDefinition[] = [
  {
    lifeEventId: 'newborn',
    name: text('مولود جديد', 'A new baby'),
    description: text(
      'تسجيل الولادة وشهادة الميلاد، الرقم الوطني للطفل، إضافته إلى دفتر العائلة، وشموله بالتأمين الصحي: بطلب واحد.',
      "Birth registration and certificate, the child's national number, the family book update and health insurance enrolment: in one request.",
    ),
    form: {
      fields: [
        field('childFirstName', 'text', true, 'اسم الطفل الأول', "Child's first name", { maxLength: 40 }),
        field('childFullName', 'text', true, 'اسم الطفل الرباعي', "Child's full name", { maxLength: 120 }),
        field('childSex', 'select', true, 'الجنس', 'Sex', { options: options(['male', 'ذكر', 'Male'], ['female', 'أنثى', 'Female']) }),
        field('dateOfBirth', 'date', true, 'تاريخ الولادة', 'Date of birth'),
        field('placeOfBirth', 'text', true, 'مكان الولادة', 'Place of birth', { maxLength: 100 }),
        field('birthNotificationNumber', 'text', true, 'رقم تبليغ الولادة', 'Birth notification number', { maxLength: 20 }),
        field('familyBookDelivery', 'select', true, 'استلام دفتر العائلة', 'Family book delivery', {
          options: options(['office', 'من المكتب', 'Collect at an office'], ['post', 'بالبريد', 'By post']),
        }),
      ],
    },
    members: [
      {
        key: 'birth',
        serviceId: 'birth-registration',
        requires: [],
        answers: {
          childFirstName: answer('childFirstName'),
          childSex: answer('childSex'),
          dateOfBirth: answer('dateOfBirth'),
          placeOfBirth: answer('placeOfBirth'),
          notificationNumber: answer('birthNotificationNumber'),
        },
      },
      {
        key: 'national-number',
        serviceId: 'child-national-number',
        requires: ['birth'],
        answers: { birthCertificateNumber: documentOf('birth'), childFullName: answer('childFullName') },
      },
      {
        key: 'family-book',
        serviceId: 'family-book-update',
        requires: ['national-number'],
        answers: { updateType: value('add-newborn'), memberNationalNumber: documentOf('national-number'), delivery: answer('familyBookDelivery') },
      },
      {
        key: 'health-insurance',
        serviceId: 'health-insurance-enrolment',
        requires: ['national-number'],
        answers: { enrolmentCategory: value('child-under-six'), beneficiaryNationalNumber: documentOf('national-number') },
      },
    ],
  },
  {
    lifeEventId: 'starting-a-business',
    name: text('تأسيس مشروع تجاري', 'Starting a business'),
    description: text(
      'الاسم التجاري، تسجيل الشركة، التسجيل الضريبي ورخصة المهن: بطلب واحد.',
      'Trade name, company registration, tax registration and the vocational licence: in one request.',
    ),
    form: {
      fields: [
        field('tradeNameAr', 'text', true, 'الاسم التجاري بالعربية', 'Trade name in Arabic', { maxLength: 200 }),
        field('tradeNameEn', 'text', false, 'الاسم التجاري بالإنجليزية', 'Trade name in English', { maxLength: 200 }),
        field('activity', 'text', true, 'النشاط', 'Activity', { maxLength: 500 }),
        field('legalType', 'select', true, 'الشكل القانوني', 'Legal type', {
          options: options(
            ['llc', 'ذات مسؤولية محدودة', 'Limited liability company'],
            ['general-partnership', 'تضامن', 'General partnership'],
            ['limited-partnership', 'توصية بسيطة', 'Limited partnership'],
            ['private-shareholding', 'مساهمة خاصة', 'Private shareholding company'],
          ),
        }),
        field('capitalJod', 'number', true, 'رأس المال بالدينار', 'Capital in JOD'),
        field('articlesFile', 'file', true, 'عقد التأسيس', 'Memorandum of association', { documentId: 'articles' }),
        field('taxRegistrationType', 'select', true, 'نوع التسجيل الضريبي', 'Tax registration', {
          options: options(['income', 'ضريبة الدخل', 'Income tax'], ['sales', 'ضريبة المبيعات', 'Sales tax'], ['both', 'كلاهما', 'Both']),
        }),
        field('premisesAreaSqm', 'number', true, 'مساحة المحل بالمتر المربع', 'Premises area in square metres'),
      ],
    },
    members: [
      {
        key: 'trade-name',
        serviceId: 'trade-name-registration',
        requires: [],
        answers: { tradeNameAr: answer('tradeNameAr'), tradeNameEn: answer('tradeNameEn'), activity: answer('activity') },
      },
      {
        key: 'company',
        serviceId: 'company-registration',
        requires: ['trade-name'],
        answers: {
          legalType: answer('legalType'),
          companyName: answer('tradeNameAr'),
          capitalJod: answer('capitalJod'),
          objectives: answer('activity'),
          articlesFile: answer('articlesFile'),
        },
      },
      {
        key: 'tax',
        serviceId: 'tax-registration',
        requires: ['company'],
        answers: { registrationType: answer('taxRegistrationType'), activityDescription: answer('activity') },
      },
      {
        key: 'vocational-licence',
        serviceId: 'vocational-licence',
        requires: ['company'],
        answers: { requestType: value('new'), activity: answer('activity'), premisesAreaSqm: answer('premisesAreaSqm') },
      },
    ],
  },
];
