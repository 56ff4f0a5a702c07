// Identity definitions shared by the CDK identity stack and the local Cognito emulator.

export const roles = ['citizen', 'officer', 'frontline', 'operator', 'auditor'] as const;
export type Role = (typeof roles)[number];

/** The roles of staff accounts: created by operators, and required to enrol an authenticator (TOTP MFA). */
export const staffRoles = ['officer', 'frontline', 'operator', 'auditor'] as const satisfies readonly Role[];

export const roleDescriptions: Record<Role, string> = {
  citizen: 'Citizens, residents and business representatives acting for themselves',
  officer: 'Agency officers who decide workflow steps for their agency',
  frontline: 'Service-centre staff who act on behalf of a consenting citizen',
  operator: 'e-Government Unit operators who manage the service catalogue and rollout',
  auditor: 'Auditors with read access to audit trails',
};

export const appClients = ['portal', 'mobile', 'kiosk'] as const;
export type AppClient = (typeof appClients)[number];

export const passwordPolicy = {
  minLength: 12,
  requireLowercase: true,
  requireUppercase: true,
  requireDigits: true,
  requireSymbols: true,
  tempPasswordValidityDays: 3,
} as const;

export const customAttributes = {
  agencyId: { maxLength: 64 },
  serviceCentreId: { maxLength: 64 },
  nationalNumber: { maxLength: 20 },
} as const;

/** Access tokens live one hour; refresh tokens 30 days (portal) — kiosks get shorter refresh tokens. */
export const tokenValidity: Record<AppClient, { accessMinutes: number; refreshDays: number }> = {
  portal: { accessMinutes: 60, refreshDays: 30 },
  mobile: { accessMinutes: 60, refreshDays: 90 },
  kiosk: { accessMinutes: 15, refreshDays: 1 },
};
