// The open datasets: each one's Table Schema (Frictionless Data) with Arabic and English titles and descriptions,
// and its rows. Rows are plain values (string, number or null) keyed by field name, the same in CSV and JSON.
import type { KpiFigures } from '../../../schemas/kpis';
import { channels } from '../../../schemas/services';

export type FieldType = 'string' | 'integer' | 'number' | 'yearmonth';
export type Cell = string | number | null;
export type Row = Readonly<Record<string, Cell>>;

export interface Field {
  readonly name: string;
  readonly type: FieldType;
  readonly title: string;
  readonly title_ar: string;
  readonly description: string;
  readonly description_ar: string;
  readonly constraints?: { readonly required?: boolean; readonly enum?: readonly string[]; readonly minimum?: number };
}

export interface Dataset {
  readonly name: string;
  readonly title: { readonly en: string; readonly ar: string };
  readonly description: { readonly en: string; readonly ar: string };
  readonly keywords: readonly string[];
  readonly fields: readonly Field[];
  readonly primaryKey: readonly string[];
}

const field = (name: string, type: FieldType, en: [string, string], ar: [string, string], constraints?: Field['constraints']): Field => ({
  name,
  type,
  title: en[0],
  description: en[1],
  title_ar: ar[0],
  description_ar: ar[1],
  ...(constraints ? { constraints } : {}),
});
const required = { required: true } as const;

export const servicesDataset: Dataset = {
  name: 'services',
  title: { en: 'Government services catalogue', ar: 'دليل الخدمات الحكومية' },
  description: {
    en: 'Every service in the registry: its owning agency, category, lifecycle stage, rollout phase, channels and fee.',
    ar: 'كل خدمة في السجل: الجهة المالكة والفئة ومرحلة دورة الحياة ومرحلة الإطلاق وقنوات التقديم والرسوم.',
  },
  keywords: ['services', 'catalogue', 'خدمات'],
  primaryKey: ['service_id'],
  fields: [
    field('service_id', 'string', ['Service', 'The service identifier'], ['الخدمة', 'معرّف الخدمة'], required),
    field('version', 'integer', ['Card version', 'The version of the service card'], ['إصدار البطاقة', 'رقم إصدار بطاقة الخدمة'], required),
    field('name_ar', 'string', ['Name (Arabic)', 'The service name in Arabic'], ['الاسم بالعربية', 'اسم الخدمة بالعربية'], required),
    field('name_en', 'string', ['Name (English)', 'The service name in English'], ['الاسم بالإنجليزية', 'اسم الخدمة بالإنجليزية'], required),
    field('owner_agency_id', 'string', ['Owning agency', 'The agency that owns the service'], ['الجهة المالكة', 'الجهة الحكومية المالكة للخدمة'], required),
    field('category', 'string', ['Category', 'The service category'], ['الفئة', 'فئة الخدمة']),
    field('lifecycle_stage', 'string', ['Lifecycle stage', 'Where the service is in its re-engineering and digitisation'], ['مرحلة دورة الحياة', 'موقع الخدمة من إعادة الهندسة والتحول الرقمي']),
    field('rollout_phase', 'integer', ['Rollout phase', 'The rollout phase the service belongs to'], ['مرحلة الإطلاق', 'مرحلة الإطلاق التي تتبعها الخدمة']),
    field('channels', 'string', ['Channels', 'The channels it can be applied through, separated by ";"'], ['القنوات', 'قنوات التقديم مفصولة بـ ";"']),
    field('fees_jod', 'number', ['Fee (JOD)', 'The fee in Jordanian dinars'], ['الرسوم (دينار)', 'رسوم الخدمة بالدينار الأردني'], { minimum: 0 }),
  ],
};

export const agenciesDataset: Dataset = {
  name: 'agencies',
  title: { en: 'Government agencies', ar: 'الجهات الحكومية' },
  description: { en: 'The agencies that own or take part in services.', ar: 'الجهات التي تملك الخدمات أو تشارك فيها.' },
  keywords: ['agencies', 'جهات'],
  primaryKey: ['agency_id'],
  fields: [
    field('agency_id', 'string', ['Agency', 'The agency identifier'], ['الجهة', 'معرّف الجهة'], required),
    field('name_ar', 'string', ['Name (Arabic)', 'The agency name in Arabic'], ['الاسم بالعربية', 'اسم الجهة بالعربية'], required),
    field('name_en', 'string', ['Name (English)', 'The agency name in English'], ['الاسم بالإنجليزية', 'اسم الجهة بالإنجليزية'], required),
    field('acronym', 'string', ['Acronym', 'Its acronym, when it has one'], ['الاختصار', 'اختصار اسم الجهة إن وجد']),
  ],
};

const count = (name: string, en: string, ar: string) =>
  field(name, 'integer', [en, `${en}; empty when fewer than 10 (suppressed)`], [ar, `${ar}؛ فارغ إن قلّ عن 10 (محجوب)`], { minimum: 0 });
const measure = (name: string, type: FieldType, en: string, ar: string) =>
  field(name, type, [en, `${en}; empty when measured on fewer than 10 applications (suppressed) or when there is nothing to measure`], [ar, `${ar}؛ فارغ إن قيس على أقل من 10 طلبات (محجوب) أو لم يوجد ما يقاس`]);

export const kpiDataset: Dataset = {
  name: 'kpis-monthly',
  title: { en: 'Service performance indicators per month', ar: 'مؤشرات أداء الخدمات شهرياً' },
  description: {
    en: 'Applications, completion times against the service level, digital uptake, savings against the traditional channel and complaints, per month (Amman time) for everything and per service, agency, rollout phase and channel. Any figure counting fewer than 10 applications is withheld (empty).',
    ar: 'الطلبات وأزمنة الإنجاز مقارنة بمستوى الخدمة والإقبال على القنوات الرقمية والوفر مقارنة بالقناة التقليدية والشكاوى، لكل شهر (بتوقيت عمّان) للمجموع ولكل خدمة وجهة ومرحلة إطلاق وقناة. يُحجب كل رقم يعدّ أقل من 10 طلبات (يُترك فارغاً).',
  },
  keywords: ['KPI', 'performance', 'مؤشرات الأداء'],
  primaryKey: ['month', 'dimension', 'value'],
  fields: [
    field('month', 'yearmonth', ['Month', 'The month, Amman time'], ['الشهر', 'الشهر بتوقيت عمّان'], required),
    field('dimension', 'string', ['Dimension', 'What the row counts: everything, or one service, agency, phase or channel'], ['البُعد', 'ما يعدّه السطر: المجموع أو خدمة أو جهة أو مرحلة أو قناة'], {
      required: true,
      enum: ['all', 'service', 'agency', 'phase', 'channel'],
    }),
    field('value', 'string', ['Value', 'The service, agency, phase or channel (all for everything)'], ['القيمة', 'الخدمة أو الجهة أو المرحلة أو القناة (all للمجموع)'], required),
    count('submitted', 'Applications submitted', 'الطلبات المقدمة'),
    count('approved', 'Applications approved', 'الطلبات المعتمدة'),
    count('rejected', 'Applications rejected', 'الطلبات المرفوضة'),
    count('cancelled', 'Applications cancelled', 'الطلبات الملغاة'),
    measure('completion_median_minutes', 'integer', 'Median minutes from submission to approval', 'وسيط الدقائق من التقديم إلى الاعتماد'),
    measure('completion_p90_minutes', 'integer', '90th percentile of minutes from submission to approval', 'المئين التسعون للدقائق من التقديم إلى الاعتماد'),
    measure('completion_within_sla_share', 'number', 'Share of approvals by the promised date (0 to 1)', 'نسبة الاعتماد ضمن الموعد الموعود (0 إلى 1)'),
    measure('steps_median_minutes', 'integer', "Median minutes of an agency's step", 'وسيط دقائق خطوة الجهة'),
    measure('steps_within_sla_share', 'number', "Share of agencies' steps decided within their service level (0 to 1)", 'نسبة خطوات الجهات المنجزة ضمن مستوى الخدمة (0 إلى 1)'),
    measure('self_service_share', 'number', 'Share of applications through the portal and mobile app (0 to 1)', 'نسبة الطلبات عبر البوابة والتطبيق (0 إلى 1)'),
    measure('complaints_per_1000_applications', 'number', 'Complaints per 1,000 applications', 'الشكاوى لكل 1000 طلب'),
    measure('visits_avoided', 'integer', 'Visits to an office avoided', 'الزيارات التي تم تجنبها'),
    measure('citizen_hours_saved', 'number', "Citizens' hours saved", 'ساعات المواطنين الموفّرة'),
    measure('government_cost_saved_jod', 'number', 'Government cost saved (JOD)', 'الكلفة الحكومية الموفّرة (دينار)'),
    measure('citizen_cost_saved_jod', 'number', 'Citizen cost saved (JOD)', 'كلفة المواطن الموفّرة (دينار)'),
    measure('paper_pages_avoided', 'integer', 'Paper pages avoided', 'صفحات الورق الموفّرة'),
  ],
};

export const datasets: readonly Dataset[] = [servicesDataset, agenciesDataset, kpiDataset];

/** The dimensions of the KPI dataset besides `all`, and the values each takes. */
export const kpiChannels: readonly string[] = channels;

/** A KPI row from (already suppressed) figures. */
export function kpiRow(month: string, dimension: string, value: string, figures: KpiFigures): Row {
  return {
    month,
    dimension,
    value,
    submitted: figures.applications.submitted,
    approved: figures.applications.approved,
    rejected: figures.applications.rejected,
    cancelled: figures.applications.cancelled,
    completion_median_minutes: figures.completion.medianMinutes,
    completion_p90_minutes: figures.completion.p90Minutes,
    completion_within_sla_share: figures.completion.withinSlaShare,
    steps_median_minutes: figures.steps.medianMinutes,
    steps_within_sla_share: figures.steps.withinSlaShare,
    self_service_share: figures.uptake.selfServiceShare,
    complaints_per_1000_applications: figures.complaints.per1000Applications,
    visits_avoided: figures.savings.visitsAvoided,
    citizen_hours_saved: figures.savings.citizenHoursSaved,
    government_cost_saved_jod: figures.savings.governmentCostSavedJod,
    citizen_cost_saved_jod: figures.savings.citizenCostSavedJod,
    paper_pages_avoided: figures.savings.paperPagesAvoided,
  };
}
