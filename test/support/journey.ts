// Test helpers for the citizen's journey: an application driven through every agency step to approval.
import { decide, openTask, waitForStatus } from './engagement';

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
