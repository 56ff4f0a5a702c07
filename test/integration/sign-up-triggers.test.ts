// Issue 13 item 6: sign-up is guarded by the user pool's own triggers, not by a public function's admin grants.
// The pool's app client is public (its id ships in every portal and app), so these tests call Cognito's SignUp
// directly, the way anyone could, and check that only a registry proof with the registry's contacts gets an
// account, and that the identity link and the citizen group come only with a confirmed code.
import {
  AdminDeleteUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  SignUpCommand,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../../lib/platform/tables';
import { api, cloudState, lastMessageTo, signInAs, tables, tokenFor } from '../support/api';
import { createPerson, freshPersonProof, signUpBody, signUpPerson } from '../support/fixtures';

const REGISTRY = tableName('local', 'registry');
const PASSWORD = 'Direct-Caller-2026!';

function pool() {
  const { cognitoEndpoint, identity } = cloudState() as unknown as { cognitoEndpoint: string; identity: { userPoolId: string; clients: { portal: string } } };
  return { idp: new CognitoIdentityProviderClient({ endpoint: cognitoEndpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }), ...identity };
}

/** Cognito's SignUp as the portal's public client makes it, with whatever metadata the caller chooses. */
function directSignUp(username: string, over: { email?: string; phone?: string; metadata?: Record<string, string> } = {}) {
  const { idp, clients } = pool();
  return idp.send(
    new SignUpCommand({
      ClientId: clients.portal,
      Username: username,
      Password: PASSWORD,
      UserAttributes: [
        { Name: 'email', Value: over.email ?? freshPersonProof.email },
        { Name: 'phone_number', Value: over.phone ?? freshPersonProof.phone },
      ],
      ClientMetadata: over.metadata,
    }),
  );
}

const proofOf = (over: Record<string, string> = {}) => ({ kind: 'persons', documentNumber: freshPersonProof.documentNumber, dateOfBirth: freshPersonProof.dateOfBirth, ...over });

async function poolHas(username: string): Promise<boolean> {
  const { idp, userPoolId } = pool();
  try {
    await idp.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }));
    return true;
  } catch (error) {
    if (error instanceof UserNotFoundException) {
      return false;
    }
    throw error;
  }
}

const claimOf = async (nationalNumber: string) =>
  (await tables().send(new GetCommand({ TableName: REGISTRY, Key: { pk: `REC#persons#${nationalNumber}`, sk: 'ACCOUNT' }, ConsistentRead: true }))).Item;
const linkOf = async (sub: string) => (await tables().send(new GetCommand({ TableName: REGISTRY, Key: { pk: `IDENTITY#${sub}`, sk: 'LINK' }, ConsistentRead: true }))).Item;

describe('the pre sign-up trigger', () => {
  it.each([
    ['no proof at all', {}],
    ['a wrong ID card number', { metadata: proofOf({ documentNumber: 'WRONG999' }) }],
    ['a wrong date of birth', { metadata: proofOf({ dateOfBirth: '2001-02-04' }) }],
    ['a kind that is not a person', { metadata: proofOf({ kind: 'businesses' }) }],
    ['the right proof with the caller’s own phone', { metadata: proofOf(), phone: '+962795550000' }],
    ['the right proof with the caller’s own email', { metadata: proofOf(), email: 'squatter@elsewhere.example' }],
  ])('refuses a direct SignUp with %s: no account, no claim', async (_what, over) => {
    const nationalNumber = await createPerson();
    await expect(directSignUp(nationalNumber, over)).rejects.toMatchObject({ name: 'UserLambdaValidationException', message: expect.stringContaining('identity_not_verified') });
    expect(await poolHas(nationalNumber)).toBe(false);
    expect(await claimOf(nationalNumber)).toBeUndefined();
  });

  it('accepts the registry proof and contacts; the link and the citizen group come only after the code', async () => {
    const nationalNumber = await createPerson();
    const { UserSub: sub } = await directSignUp(nationalNumber, { metadata: proofOf() });
    expect(await claimOf(nationalNumber)).toMatchObject({ confirmed: false });
    expect((await claimOf(nationalNumber))?.sub).toBeUndefined();
    expect(await linkOf(sub!)).toBeUndefined();

    const { idp, userPoolId, clients } = pool();
    await idp.send(new ConfirmSignUpCommand({ ClientId: clients.portal, Username: nationalNumber, ConfirmationCode: lastMessageTo(nationalNumber)!.code! }));
    expect(await claimOf(nationalNumber)).toMatchObject({ confirmed: true, sub });
    expect((await linkOf(sub!))?.link).toMatchObject({ sub, username: nationalNumber, role: 'citizen', subject: { kind: 'persons', recordId: nationalNumber } });
    const { Groups = [] } = await idp.send(new AdminListGroupsForUserCommand({ UserPoolId: userPoolId, Username: nationalNumber }));
    expect(Groups.map((group) => group.GroupName)).toEqual(['citizen']);
    const me = await api('/v1/me', { token: await signInAs(nationalNumber, PASSWORD) });
    expect(me.body).toMatchObject({ kind: 'persons', recordId: nationalNumber });

    // The link is on the subject's audit trail, written at confirmation by the trigger.
    const trail = await api(`/v1/audit?subject=persons:${nationalNumber}`, { token: await tokenFor('auditor') });
    expect(trail.body.items.filter((record: { action: string }) => record.action === 'identity.link')).toEqual([
      expect.objectContaining({ actor: expect.objectContaining({ id: sub, role: 'citizen' }), purpose: 'account sign-up' }),
    ]);
  });

  it('refuses a second account for a confirmed record, through the route and directly', async () => {
    const nationalNumber = await createPerson();
    const { code } = await signUpPerson(nationalNumber);
    expect((await api('/v1/auth/confirm', { method: 'POST', body: { username: nationalNumber, code } })).status).toBe(200);
    const { idp, userPoolId } = pool();
    // Even with the account removed from the pool behind the platform's back, the confirmed claim stands.
    await idp.send(new AdminDeleteUserCommand({ UserPoolId: userPoolId, Username: nationalNumber }));
    await expect(directSignUp(nationalNumber, { metadata: proofOf() })).rejects.toMatchObject({ message: expect.stringContaining('already_registered') });
    const again = await api('/v1/auth/sign-up', { method: 'POST', body: signUpBody(nationalNumber) });
    expect({ status: again.status, code: again.body.error?.code }).toEqual({ status: 409, code: 'already_registered' });
  });
});
