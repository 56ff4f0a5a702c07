// The quarterly performance report of one agency, as an HTML page in Arabic or English: its KPIs per month of
// the quarter, its targets, satisfaction and complaints, and an inline SVG chart of applications per month.
import type { KpiReport } from '../../../schemas/kpis';

export type ReportLanguage = 'ar' | 'en';

const words = {
  ar: {
    title: 'تقرير الأداء الربعي',
    month: 'الشهر',
    submitted: 'الطلبات المقدمة',
    approved: 'المنجزة',
    rejected: 'المرفوضة',
    withinSla: 'ضمن المدة الموعودة',
    selfService: 'نسبة الخدمة الذاتية',
    hoursSaved: 'ساعات المواطنين الموفرة',
    govSaved: 'وفر الحكومة (دينار)',
    complaints: 'الشكاوى لكل ألف طلب',
    satisfaction: 'الرضا',
    targets: 'الأهداف',
    kpi: 'المؤشر',
    target: 'الهدف',
    actual: 'الفعلي',
    met: 'متحقق',
    trend: 'الاتجاه',
    responsible: 'المسؤول',
    yes: 'نعم',
    no: 'لا',
    chart: 'الطلبات المقدمة والمنجزة لكل شهر',
    total: 'المجموع',
  },
  en: {
    title: 'Quarterly performance report',
    month: 'Month',
    submitted: 'Submitted',
    approved: 'Approved',
    rejected: 'Rejected',
    withinSla: 'Within the promised time',
    selfService: 'Self-service share',
    hoursSaved: 'Citizen hours saved',
    govSaved: 'Government cost saved (JOD)',
    complaints: 'Complaints per 1,000 applications',
    satisfaction: 'Satisfaction',
    targets: 'Targets',
    kpi: 'KPI',
    target: 'Target',
    actual: 'Actual',
    met: 'Met',
    trend: 'Trend',
    responsible: 'Responsible',
    yes: 'yes',
    no: 'no',
    chart: 'Applications submitted and approved per month',
    total: 'Total',
  },
} as const;

const escape = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
const show = (value: number | null | boolean | undefined, language: ReportLanguage): string =>
  value === null || value === undefined ? '–' : typeof value === 'boolean' ? words[language][value ? 'yes' : 'no'] : String(value);

/** Bars of submitted and approved applications per month, scaled to the largest. */
export function chartSvg(months: KpiReport['months'], title: string): string {
  const largest = Math.max(1, ...months.map((month) => month.applications.submitted ?? 0));
  const bars = months
    .map((month, index) => {
      const x = 40 + index * 120;
      const height = (value: number | null) => Math.round(((value ?? 0) / largest) * 150);
      const submitted = height(month.applications.submitted);
      const approved = height(month.applications.approved);
      return [
        `<rect x="${x}" y="${180 - submitted}" width="40" height="${submitted}" fill="#1f6f8b"><title>${month.month}: ${month.applications.submitted ?? 0}</title></rect>`,
        `<rect x="${x + 45}" y="${180 - approved}" width="40" height="${approved}" fill="#99c24d"><title>${month.month}: ${month.applications.approved ?? 0}</title></rect>`,
        `<text x="${x + 42}" y="198" text-anchor="middle" font-size="12">${month.month}</text>`,
      ].join('');
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escape(title)}" width="${80 + months.length * 120}" height="210" viewBox="0 0 ${80 + months.length * 120} 210">${bars}<line x1="30" y1="180" x2="${50 + months.length * 120}" y2="180" stroke="#333"/></svg>`;
}

export function reportHtml(report: KpiReport, agencyName: string, quarter: string, language: ReportLanguage): string {
  const w = words[language];
  const rows = [...report.months.map((month) => ({ label: month.month, figures: month })), { label: w.total, figures: report.total }]
    .map(
      ({ label, figures }) =>
        `<tr><th scope="row">${label}</th>${[
          figures.applications.submitted,
          figures.applications.approved,
          figures.applications.rejected,
          figures.completion.withinSlaShare,
          figures.uptake.selfServiceShare,
          figures.savings.citizenHoursSaved,
          figures.savings.governmentCostSavedJod,
          figures.complaints.per1000Applications,
        ]
          .map((value) => `<td>${show(value, language)}</td>`)
          .join('')}</tr>`,
    )
    .join('');
  const targets = (report.targets ?? [])
    .map((target) => `<tr><td>${target.kpi}</td><td>${target.target}</td><td>${show(target.actual, language)}</td><td>${show(target.met, language)}</td><td>${show(target.trend as never, language)}</td><td>${escape(target.responsible ?? '–')}</td></tr>`)
    .join('');
  const satisfaction = report.satisfaction.map((entry) => `<li>${entry.quarter}: ${show(entry.average, language)} (${show(entry.ratings, language)})</li>`).join('');
  return `<!doctype html>
<html lang="${language}" dir="${language === 'ar' ? 'rtl' : 'ltr'}"><head><meta charset="utf-8"><title>${w.title} · ${escape(agencyName)} · ${quarter}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .6rem}</style></head>
<body><h1>${w.title}</h1><h2>${escape(agencyName)} · ${quarter}</h2>
<figure>${chartSvg(report.months, w.chart)}<figcaption>${w.chart}</figcaption></figure>
<table><thead><tr><th>${w.month}</th><th>${w.submitted}</th><th>${w.approved}</th><th>${w.rejected}</th><th>${w.withinSla}</th><th>${w.selfService}</th><th>${w.hoursSaved}</th><th>${w.govSaved}</th><th>${w.complaints}</th></tr></thead><tbody>${rows}</tbody></table>
<h3>${w.satisfaction}</h3><ul>${satisfaction}</ul>
<h3>${w.targets}</h3><table><thead><tr><th>${w.kpi}</th><th>${w.target}</th><th>${w.actual}</th><th>${w.met}</th><th>${w.trend}</th><th>${w.responsible}</th></tr></thead><tbody>${targets}</tbody></table>
</body></html>
`;
}

/** The months of a quarter `YYYY-QN`. */
export function quarterMonths(quarter: string): { from: string; to: string } {
  const year = quarter.slice(0, 4);
  const first = (Number(quarter.slice(6)) - 1) * 3 + 1;
  return { from: `${year}-${String(first).padStart(2, '0')}`, to: `${year}-${String(first + 2).padStart(2, '0')}` };
}
