// The template variables of a submitted vehicle-registration application, for notification tests.
export const submittedVariables = (applicationNumber: string) => ({
  applicationNumber,
  serviceName: { en: 'Vehicle registration renewal', ar: 'تجديد ترخيص المركبة' },
  status: { en: 'submitted', ar: 'مُقدَّم' },
  fees: { en: '42.750 JOD', ar: '42.750 د.أ' },
  deadline: { en: 'Monday, 4 May 2026', ar: 'الاثنين، 4 أيار 2026' },
  nextStep: { en: 'Check compulsory insurance', ar: 'التحقق من التأمين الإلزامي' },
});
