// Reference data: the government agencies of the catalogue (the priority agencies of Jordan's services strategy).
import type { Agency } from '../schemas/services';

const agency = (agencyId: string, ar: string, en: string, acronym: string): Agency => ({
  agencyId,
  name: { ar, en },
  acronym,
});

export const referenceAgencies: readonly Agency[] = [
  agency('cspd', 'دائرة الأحوال المدنية والجوازات', 'Civil Status and Passport Department', 'CSPD'),
  agency('moi', 'وزارة الداخلية', 'Ministry of Interior', 'MoI'),
  agency('dvld', 'إدارة ترخيص السواقين والمركبات', 'Drivers and Vehicles Licensing Department', 'DVLD'),
  agency('dls', 'دائرة الأراضي والمساحة', 'Department of Lands and Survey', 'DLS'),
  agency('istd', 'دائرة ضريبة الدخل والمبيعات', 'Income and Sales Tax Department', 'ISTD'),
  agency('ssc', 'المؤسسة العامة للضمان الاجتماعي', 'Social Security Corporation', 'SSC'),
  agency('moh', 'وزارة الصحة', 'Ministry of Health', 'MoH'),
  agency('gam', 'أمانة عمان الكبرى', 'Greater Amman Municipality', 'GAM'),
  agency('moj', 'وزارة العدل', 'Ministry of Justice', 'MoJ'),
  agency('ccd', 'دائرة مراقبة الشركات', 'Companies Control Department', 'CCD'),
  agency('hia', 'إدارة التأمين الصحي', 'Health Insurance Administration', 'HIA'),
  agency('mit', 'وزارة الصناعة والتجارة والتموين', 'Ministry of Industry, Trade and Supply', 'MoITS'),
  agency('mol', 'وزارة العمل', 'Ministry of Labour', 'MoL'),
  agency('customs', 'دائرة الجمارك الأردنية', 'Jordan Customs Department', 'JCD'),
];
