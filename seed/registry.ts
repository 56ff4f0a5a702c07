// Demo national-registry records (persons, a resident, businesses) and the identity links of the demo users.
import type { Role } from '../lib/platform/identity';
import type { RecordKind } from '../schemas/registry';
import type { Principal } from '../functions/shared/identity';
import { AlreadyExists, type RegistryDeps } from '../functions/registry/domain/ports';
import { createRecord } from '../functions/registry/domain/records';
import { daysFrom } from '../functions/shared/dates';
import { HttpError } from '../functions/shared/errors';

const address = (city: string, street: string) => ({ governorate: city === 'Irbid' ? 'Irbid' : 'Amman', city, street, building: '12' });

export const seedRecords: ReadonlyArray<{ kind: RecordKind; fields: Record<string, unknown> }> = [
  {
    kind: 'persons',
    fields: {
      nationalNumber: '9861012345',
      name: { first: { ar: 'عمر', en: 'Omar' }, father: { ar: 'خالد', en: 'Khaled' }, grandfather: { ar: 'محمود', en: 'Mahmoud' }, family: { ar: 'الحداد', en: 'Haddad' } },
      dateOfBirth: '1986-03-14',
      sex: 'male',
      familyBookNumber: '4412876',
      idCardNumber: 'RTK48213',
      maritalStatus: 'married',
      address: address('Amman', 'Mecca Street'),
      phone: '+962791234567',
      email: 'citizen@khidma.example',
    },
  },
  {
    kind: 'persons',
    fields: {
      nationalNumber: '2000456789',
      name: { first: { ar: 'لينا', en: 'Lina' }, father: { ar: 'سامي', en: 'Sami' }, grandfather: { ar: 'عادل', en: 'Adel' }, family: { ar: 'خليل', en: 'Khalil' } },
      dateOfBirth: '2001-09-02',
      sex: 'female',
      familyBookNumber: '5520193',
      idCardNumber: 'SWB90314',
      maritalStatus: 'single',
      address: address('Irbid', 'University Street'),
      phone: '+962781234567',
      email: 'citizen2@khidma.example',
    },
  },
  {
    kind: 'persons',
    fields: {
      nationalNumber: '9901055512',
      name: { first: { ar: 'سلمى', en: 'Salma' }, father: { ar: 'يوسف', en: 'Yousef' }, grandfather: { ar: 'عبد الله', en: 'Abdullah' }, family: { ar: 'العلي', en: 'Al-Ali' } },
      dateOfBirth: '1990-11-21',
      sex: 'female',
      familyBookNumber: '6623001',
      idCardNumber: 'QPA11872',
      maritalStatus: 'married',
      address: address('Amman', 'Gardens Street'),
      phone: '+962795550012',
      email: 'salma@khidma.example',
    },
  },
  {
    kind: 'residents',
    fields: {
      permitNumber: 'EGY1234567',
      // Four parts as the residence permit has them; no English spelling on file for the grandfather's name.
      name: { first: { ar: 'أحمد', en: 'Ahmed' }, father: { ar: 'محمود', en: 'Mahmoud' }, grandfather: { ar: 'حسن' }, family: { ar: 'منصور', en: 'Mansour' } },
      dateOfBirth: '1985-05-30',
      sex: 'male',
      nationality: 'EGY',
      passportNumber: 'A12345678',
      permitValidUntil: daysFrom(new Date(), 2 * 365), // valid whenever the demo is loaded
      address: address('Amman', 'Wadi Saqra Street'),
      phone: '+962771234567',
      email: 'resident@khidma.example',
    },
  },
  {
    kind: 'businesses',
    fields: {
      registrationNumber: '200145678',
      name: { ar: 'شركة الحداد للبرمجيات ذ.م.م', en: 'Haddad Software LLC' },
      legalType: 'llc',
      owners: [
        { nationalNumber: '9861012345', sharePercent: 60 },
        { nationalNumber: '9901055512', sharePercent: 40 },
      ],
      representatives: ['2000456789'],
      registeredOn: '2019-04-01',
      status: 'active',
      address: address('Amman', 'King Hussein Business Park'),
    },
  },
];

export interface SeedAccount {
  readonly username: string;
  readonly group: Role;
  readonly attributes?: Readonly<Record<string, string>>;
}

const seedActor = (agencyId: string): Principal => ({ sub: 'seed', role: 'officer', agencyId });
const owners: Record<RecordKind, string> = { persons: 'cspd', residents: 'moi', businesses: 'ccd' };

/** Idempotent: records and links that exist are kept. */
export async function seedRegistry(deps: RegistryDeps, accounts: readonly SeedAccount[], subs: ReadonlyMap<string, string>) {
  let records = 0;
  for (const { kind, fields } of seedRecords) {
    try {
      await createRecord(deps, seedActor(owners[kind]), kind, fields, { channel: 'seed' });
      records++;
    } catch (error) {
      if (!(error instanceof HttpError && error.code === 'record_exists')) {
        throw error;
      }
    }
  }
  let links = 0;
  for (const account of accounts) {
    const sub = subs.get(account.username);
    if (!sub || (await deps.store.getLink(sub))) {
      continue;
    }
    const id = account.attributes?.['custom:nationalNumber'];
    try {
      await deps.store.putLink({
        sub,
        username: account.username,
        role: account.group,
        ...(account.group === 'citizen' && id ? { subject: { kind: /^\d/.test(id) ? 'persons' : 'residents', recordId: id } } : {}),
        ...(account.attributes?.['custom:agencyId'] ? { agencyId: account.attributes['custom:agencyId'] } : {}),
        ...(account.attributes?.['custom:serviceCentreId'] ? { serviceCentreId: account.attributes['custom:serviceCentreId'] } : {}),
        // Demo staff are enrolled in TOTP by the local cloud before their links are written.
        ...(account.group !== 'citizen' ? { mfaEnrolled: true } : {}),
        createdAt: deps.now().toISOString(),
      });
      links++;
    } catch (error) {
      if (!(error instanceof AlreadyExists)) {
        throw error;
      }
    }
  }
  return { records, links };
}
