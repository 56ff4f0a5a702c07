// Demo accounts seeded into the local Cognito emulator: one per role, and one officer per agency.
import type { Role } from '../lib/platform/identity';

export interface DemoUser {
  username: string;
  password: string;
  group: Role;
  email: string;
  phone?: string;
  attributes?: Record<string, string>;
  description: string;
}

export const demoPassword = 'Khidma-Demo-2026!';

const agencies = {
  cspd: 'Civil Status and Passport Department',
  moi: 'Ministry of Interior',
  dvld: 'Drivers and Vehicles Licensing Department',
  dls: 'Department of Lands and Survey',
  istd: 'Income and Sales Tax Department',
  ssc: 'Social Security Corporation',
  moh: 'Ministry of Health',
  gam: 'Greater Amman Municipality',
  moj: 'Ministry of Justice',
  ccd: 'Companies Control Department',
  hia: 'Health Insurance Administration',
  mit: 'Ministry of Industry, Trade and Supply',
  mol: 'Ministry of Labour',
  customs: 'Jordan Customs Department',
};

const user = (username: string, group: Role, description: string, extra: Partial<DemoUser> = {}): DemoUser => ({
  username,
  password: demoPassword,
  group,
  email: `${username}@khidma.example`,
  description,
  ...extra,
});

export const demoUsers: readonly DemoUser[] = [
  user('citizen', 'citizen', 'Citizen Omar (national number 9861012345)', {
    phone: '+962791234567',
    attributes: { 'custom:nationalNumber': '9861012345', given_name: 'Omar', family_name: 'Haddad' },
  }),
  user('citizen2', 'citizen', 'Citizen Lina (national number 2000456789)', {
    phone: '+962781234567',
    attributes: { 'custom:nationalNumber': '2000456789', given_name: 'Lina', family_name: 'Khalil' },
  }),
  user('resident', 'citizen', 'Resident Ahmed (permit EGY1234567)', {
    phone: '+962771234567',
    attributes: { 'custom:nationalNumber': 'EGY1234567', given_name: 'Ahmed', family_name: 'Mansour' },
  }),
  ...Object.entries(agencies).map(([agencyId, name]) =>
    user(`officer-${agencyId}`, 'officer', `Officer, ${name}`, { attributes: { 'custom:agencyId': agencyId } }),
  ),
  user('frontline', 'frontline', 'Service-centre staff, Amman Central', { attributes: { 'custom:serviceCentreId': 'amman-central' } }),
  user('operator', 'operator', 'e-Government Unit operator'),
  user('auditor', 'auditor', 'Auditor'),
];
