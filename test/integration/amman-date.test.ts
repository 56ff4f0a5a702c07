// "Today" is Amman's date: the registry's real domain on the local cloud's tables, with the clock injected at
// 22:30 UTC (01:30 the next day in Amman), when a UTC date would still say yesterday.
import { dynamoRegistry } from '../../functions/registry/dynamo-registry';
import { grantConsent, listMyConsents } from '../../functions/registry/domain/consents';
import { resolvePrincipal } from '../../functions/shared/identity';
import { addDays } from '../../functions/shared/amman-time';
import { HttpError } from '../../functions/shared/errors';
import { tableName } from '../../lib/platform/tables';
import { tables, tokenFor } from '../support/api';

const subOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).sub as string;

/** 22:30 UTC on the UTC date `days` from today's: 01:30 in Amman on the following date. */
function lateEvening(days: number): Date {
  const at = new Date();
  at.setUTCHours(22, 30, 0, 0);
  return new Date(at.getTime() + days * 86_400_000);
}

const registryAt = (at: Date) => ({ store: dynamoRegistry(tables(), { registry: tableName('local', 'registry'), audit: tableName('local', 'audit') }), now: () => at, agencyExists: async () => true });

describe("Amman's date at 01:30 Amman time (22:30 UTC)", () => {
  const evening = lateEvening(0);
  const utcDate = evening.toISOString().slice(0, 10);
  const ammanToday = addDays(utcDate, 1);
  const grant = (expiresAt: string) => ({ agencyId: 'ssc', fields: ['dateOfBirth'], purpose: 'Amman date check', expiresAt });

  it('refuses a consent ending on the UTC date, which is already yesterday in Amman, and accepts Amman today', async () => {
    const deps = registryAt(evening);
    const citizen = await resolvePrincipal(deps, { sub: subOf(await tokenFor('citizen')), groups: ['citizen'] as never });

    const yesterday = await grantConsent(deps, citizen, grant(utcDate), {}).catch((error: unknown) => error);
    expect(yesterday).toBeInstanceOf(HttpError);
    expect(yesterday).toMatchObject({ code: 'invalid_expiry', details: { earliest: ammanToday } });

    const today = await grantConsent(deps, citizen, grant(ammanToday), {});
    expect(today).toMatchObject({ expiresAt: ammanToday, status: 'active' });

    // The next evening at 22:30 UTC it is the day after in Amman: the consent has expired, though the UTC date is its last day.
    const nextEvening = lateEvening(1);
    expect(nextEvening.toISOString().slice(0, 10)).toBe(ammanToday);
    const listed = await listMyConsents(registryAt(nextEvening), citizen);
    expect(listed.items.find((item) => item.consentId === today.consentId)).toMatchObject({ status: 'expired' });
  });
});
