// Test helpers for the citizen's journey: an application driven through every agency step to approval.
import { api, cloudState } from './api';
import { decide, openTask, waitForStatus } from './engagement';
import { until } from './wait';

/** The local payment provider simulator (a bank or wallet that pays eFAWATEERcom bills). */
export const paymentProvider = (path: string, body?: object) =>
  fetch(`${cloudState().paymentProviderUrl}${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  }).then(async (response) => ({ status: response.status, body: (await response.json()) as any }));

/** Pays the bill at the simulator, once the platform has posted it there. */
export async function payBill(billNumber: string, options: { amountFils?: number; notify?: boolean; signedSecondsAgo?: number } = {}) {
  await until(`bill ${billNumber} at the provider`, async () => (await paymentProvider(`/bills/${billNumber}`)).status === 200);
  return (await paymentProvider(`/bills/${billNumber}/pay`, options)).body;
}

/** Pays an application's bill as its applicant would through their bank, and waits until the platform has recorded it. */
export async function payApplication(token: string, applicationId: string): Promise<void> {
  const read = async () => (await api(`/v1/applications/${applicationId}`, { token })).body;
  const { billNumber } = await until('the bill on the application', async () => (await read()).payment);
  await payBill(billNumber);
  await until('the payment recorded', async () => (await read()).payment?.status === 'paid');
}

export const VEHICLE_STEPS = [
  ['dvld', 'insurance-check'],
  ['gam', 'fines-check'],
  ['dvld', 'technical-inspection'],
  ['dvld', 'issue-registration'],
] as const;

/** Approves every step of a vehicle renewal, in order, as each reaches its agency's inbox. */
export async function approveVehicleRenewal(token: string, applicationId: string): Promise<void> {
  for (const [agencyId, stepId] of VEHICLE_STEPS) {
    await decide(agencyId, await openTask(agencyId, applicationId, stepId), 'approve');
  }
  await waitForStatus(token, applicationId, 'approved');
}
