// Test data made through the API, as a client would: fresh registry persons, sign-ups, consents, applications.
import { randomInt, randomUUID } from 'node:crypto';
import { AdminSetUserPasswordCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../../lib/platform/tables';
import { api, cloudState, lastMessageTo, signInAs, tables, tokenFor } from './api';
import { decodeJwt } from './jwt';
import { testDeadline } from './wait';

/** What a fresh person proves at sign-up; every fresh person shares it, only the national number differs. */
export const freshPersonProof = {
  documentNumber: 'MTX44120',
  dateOfBirth: '2001-02-03',
  phone: '+962790009988',
  email: 'salma@khidma.example',
} as const;

/** A national number of someone born in 2000 or later; the seed uses one such number, other tests start with 9. */
export function freshNationalNumber(): string {
  return `2${String(randomInt(0, 1_000_000_000)).padStart(9, '0')}`;
}

export function personFields(nationalNumber: string) {
  return {
    nationalNumber,
    fullName: { ar: 'سلمى يوسف النمري', en: 'Salma Yousef Al-Nimri' },
    dateOfBirth: freshPersonProof.dateOfBirth,
    sex: 'female',
    familyBookNumber: '6612345',
    idCardNumber: freshPersonProof.documentNumber,
    maritalStatus: 'single',
    address: { governorate: 'Irbid', city: 'Irbid', street: 'University Street' },
    phone: freshPersonProof.phone,
    email: freshPersonProof.email,
  };
}

function expectStatus(response: { status: number; text: string }, status: number, what: string): void {
  if (response.status !== status) {
    throw new Error(`${what}: expected ${status}, got ${response.status} ${response.text}`);
  }
}

/** A new person record, created by the owning agency (cspd); returns its national number. */
export async function createPerson(): Promise<string> {
  const nationalNumber = freshNationalNumber();
  const response = await api('/v1/registry/persons', { method: 'POST', token: await tokenFor('officer-cspd'), body: { fields: personFields(nationalNumber) } });
  expectStatus(response, 201, 'creating a person record');
  return nationalNumber;
}

export function signUpBody(nationalNumber: string) {
  return { nationalNumber, ...freshPersonProof, password: 'Salma-Strong-2026!' };
}

/** Signs a fresh person up; returns what confirming the sign-up takes. */
export async function signUpPerson(nationalNumber: string): Promise<{ username: string; code: string }> {
  const response = await api('/v1/auth/sign-up', { method: 'POST', body: signUpBody(nationalNumber) });
  expectStatus(response, 201, 'signing up');
  const code = lastMessageTo(nationalNumber)?.code;
  if (!code) {
    throw new Error(`no confirmation code was sent to ${nationalNumber}`);
  }
  return { username: nationalNumber, code };
}

/** YYYY-MM-DD, `days` from today (UTC). */
export function dateFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

export async function grantConsent(
  username: string,
  grant: { agencyId?: string; serviceCentreId?: string; fields: string[]; purpose: string },
): Promise<string> {
  const response = await api('/v1/consents', { method: 'POST', token: await tokenFor(username), body: { ...grant, expiresAt: dateFromToday(30) } });
  expectStatus(response, 201, 'granting a consent');
  return response.body.consentId as string;
}

/**
 * POST /v1/applications with a fresh Idempotency-Key; returns the application's id and the status answered.
 * A submission can fail after its record was written (e.g. when no workflow engine runs): the key's claim
 * still names the application then.
 */
export async function apply(username: string, body: object): Promise<{ applicationId: string; status: number }> {
  const token = await tokenFor(username);
  const key = randomUUID();
  const response = await api('/v1/applications', { method: 'POST', token, body, headers: { 'idempotency-key': key } });
  if (response.status === 200 || response.status === 201) {
    return { applicationId: response.body.applicationId as string, status: response.status };
  }
  const { Item } = await tables().send(
    new GetCommand({ TableName: tableName('local', 'idempotency'), Key: { id: `${decodeJwt(token).payload.sub}#${key}` }, ConsistentRead: true }),
  );
  if (!Item?.applicationId) {
    throw new Error(`applying as ${username}: ${response.status} ${response.text}, and no application was written`);
  }
  return { applicationId: String(Item.applicationId), status: response.status };
}

/** Waits for the workflow to open the task of `stepId` in the agency's inbox; undefined if it does not in time. */
export async function waitForTask(agencyId: string, applicationId: string, stepId: string, timeoutMs = 15_000): Promise<string | undefined> {
  const token = await tokenFor(`officer-${agencyId}`);
  const deadline = Math.min(Date.now() + timeoutMs, testDeadline() - 1_000);
  while (Date.now() < deadline) {
    let cursor: string | undefined;
    do {
      const page = await api(`/v1/agencies/${agencyId}/tasks?status=open&limit=100${cursor ? `&cursor=${cursor}` : ''}`, { token });
      const items: Array<{ taskId: string; applicationId: string; stepId: string }> = page.body.items ?? [];
      const task = items.find((item) => item.applicationId === applicationId && item.stepId === stepId);
      if (task) {
        return task.taskId;
      }
      cursor = page.body.nextCursor;
    } while (cursor);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return undefined;
}

/**
 * A staff account as on the day an operator creates it: its own password chosen (NEW_PASSWORD_REQUIRED is the
 * front-end's job), no authenticator enrolled yet. Returns its access token.
 */
export async function newStaffWithoutMfa(
  username: string,
  account: { role: 'officer' | 'frontline' | 'operator' | 'auditor'; agencyId?: string; serviceCentreId?: string },
): Promise<string> {
  const created = await api('/v1/staff', {
    method: 'POST',
    token: await tokenFor('operator'),
    body: { username, email: `${username}@gov.example`, fullName: { ar: 'موظف', en: 'Staff member' }, ...account },
  });
  expectStatus(created, 201, `creating staff account ${username}`);
  const state = cloudState();
  const password = 'Staff-Strong-2026!';
  const cognito = new CognitoIdentityProviderClient({ endpoint: state.cognitoEndpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: state.identity.userPoolId, Username: username, Password: password, Permanent: true }));
  return signInAs(username, password);
}

/** A business of the companies register whose owner is `owner` and whose representatives are `representatives`. */
export async function createBusiness(owner: string, representatives: string[]): Promise<string> {
  const registrationNumber = `3${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
  const created = await api('/v1/registry/businesses', {
    method: 'POST',
    token: await tokenFor('officer-ccd'),
    body: {
      fields: {
        registrationNumber,
        name: { ar: 'مخبز الياسمين', en: 'Jasmine Bakery' },
        legalType: 'llc',
        owners: [{ nationalNumber: owner, sharePercent: 100 }],
        representatives,
        registeredOn: dateFromToday(-30),
        status: 'active',
        address: { governorate: 'Irbid', city: 'Irbid', street: 'University Street' },
      },
    },
  });
  if (created.status !== 201) {
    throw new Error(`creating a business: ${created.status} ${created.text}`);
  }
  return registrationNumber;
}
