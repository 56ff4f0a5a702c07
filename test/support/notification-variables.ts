// The template variables of a submitted vehicle-registration application, for notification tests.
export const submittedVariables = (applicationNumber: string) => ({
  applicationNumber,
  serviceName: { en: 'Vehicle registration renewal', ar: 'تجديد ترخيص المركبة' },
  status: { en: 'submitted', ar: 'مُقدَّم' },
  fees: { en: '42.75 JOD', ar: '42.75 دينار أردني' },
  deadline: '2026-05-04',
  nextStep: { en: 'Check compulsory insurance', ar: 'التحقق من التأمين الإلزامي' },
});
