// The consents an application creates for its agencies end with it (local cloud): at once when it is
// cancelled or rejected, thirty days after an approval; each change in the citizen's audit trail.
import { api } from '../support/api';
import { cancel, type Citizen, decide, freshCitizen, openTask, submitVehicleRenewal, waitForStatus } from '../support/engagement';
import { until } from '../support/wait';

interface ConsentView {
  consentId: string;
  status: string;
  expiresAt: string;
  grantee: { id: string };
}

async function consentsOf(citizen: Citizen, applicationId: string): Promise<ConsentView[]> {
  const application = await api(`/v1/applications/${applicationId}`, { token: citizen.token });
  const ids = new Set<string>(application.body.consentIds);
  const consents = await api('/v1/me/consents', { token: citizen.token });
  return (consents.body.items as ConsentView[]).filter((consent) => ids.has(consent.consentId));
}

const ammanDateIn = (days: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Amman' }).format(new Date(Date.now() + days * 86_400_000));

describe('consents end with their application', () => {
  it('revokes them when the citizen cancels, by the platform, in the audit trail', async () => {
    const citizen = await freshCitizen();
    const applicationId = await submitVehicleRenewal(citizen.token);
    const granted = await consentsOf(citizen, applicationId);
    expect(granted.map((consent) => consent.grantee.id).sort()).toEqual(['dvld', 'gam']);
    expect(granted.every((consent) => consent.status === 'active')).toBe(true);

    await cancel(citizen.token, applicationId);
    const ended = await until('the consents revoked', async () => {
      const consents = await consentsOf(citizen, applicationId);
      return consents.every((consent) => consent.status === 'revoked') && consents;
    });
    expect(ended).toHaveLength(2);
    const log = await api('/v1/me/access-log?limit=50', { token: citizen.token });
    const revocations = (log.body.items as Array<{ action: string; by: { role: string }; purpose?: string }>).filter((entry) => entry.action === 'consent.revoke');
    expect(revocations).toEqual([
      expect.objectContaining({ by: expect.objectContaining({ role: 'system' }), purpose: `application ${applicationId} cancelled` }),
      expect.objectContaining({ by: expect.objectContaining({ role: 'system' }), purpose: `application ${applicationId} cancelled` }),
    ]);
  });

  it('revokes them when an agency rejects the application', async () => {
    const citizen = await freshCitizen();
    const applicationId = await submitVehicleRenewal(citizen.token);
    await decide('dvld', await openTask('dvld', applicationId, 'insurance-check'), 'reject', 'The insurance policy has expired');
    await waitForStatus(citizen.token, applicationId, 'rejected');
    await until('the consents revoked', async () => (await consentsOf(citizen, applicationId)).every((consent) => consent.status === 'revoked'));
  });

  it('keeps them thirty days after an approval, then they end', async () => {
    const citizen = await freshCitizen();
    const applicationId = await submitVehicleRenewal(citizen.token);
    await decide('dvld', await openTask('dvld', applicationId, 'insurance-check'), 'approve');
    await decide('gam', await openTask('gam', applicationId, 'fines-check'), 'approve');
    await decide('dvld', await openTask('dvld', applicationId, 'technical-inspection'), 'approve');
    const lastDecisionTask = await openTask('dvld', applicationId, 'issue-registration');
    const earliest = ammanDateIn(30);
    await decide('dvld', lastDecisionTask, 'approve');
    await waitForStatus(citizen.token, applicationId, 'approved');
    const endsOn = ammanDateIn(30); // the same day, or the next if Amman's midnight passed meanwhile
    const consents = await until('the consents shortened', async () => {
      const current = await consentsOf(citizen, applicationId);
      return current.every((consent) => consent.expiresAt <= endsOn) && current;
    });
    expect(consents.every((consent) => consent.status === 'active')).toBe(true);
    expect(consents).toHaveLength(2);
    expect(consents.every((consent) => consent.expiresAt >= earliest && consent.expiresAt <= endsOn)).toBe(true);
  });
});
