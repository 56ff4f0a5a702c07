// SMS MFA as Cognito has it, which cognito-local only half has, wrapped around the emulator's router.
// In Cognito, a user who turns SMS MFA on (SetUserMFAPreference with SMSMfaSettings, the call the AWS path makes)
// is sent a code to their phone_number at each sign-in (challenge SMS_MFA). cognito-local 5.3 records SMS_MFA in
// the user's UserMFASettingList on that call, but its sign-in sends the code only to users with the legacy
// MFAOptions (else "SMS_MFA without SMS MFAOption"), which no API of the emulator sets. So after a successful
// SetUserMFAPreference naming SMS, this sets (or clears) the user's MFAOptions to SMS on phone_number, through the
// emulator's own user pool service. The emulator then asks for SMS_MFA, sends the code like its other codes (to
// the outbox file, `code` on the line) and checks the answer itself. Nothing of this runs in AWS.
import type { CognitoService } from 'cognito-local/lib/services';
import type { MFAOptionType } from '@aws-sdk/client-cognito-identity-provider';

type EmulatorRoute = (ctx: any, req: any) => Promise<any>;

const smsOnPhone: MFAOptionType[] = [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }];

function claims(accessToken: string): { client_id?: string; sub?: string } {
  const payload = accessToken.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { client_id?: string; sub?: string };
}

export function withSmsMfa(router: (target: string) => EmulatorRoute, pools: Pick<CognitoService, 'getUserPoolForClientId'>) {
  return (target: string): EmulatorRoute => {
    const route = router(target);
    if (target !== 'SetUserMFAPreference') {
      return route;
    }
    return async (ctx, req) => {
      const result = await route(ctx, req);
      const sms = req.SMSMfaSettings as { Enabled?: boolean } | undefined;
      if (sms && typeof sms.Enabled === 'boolean') {
        const { client_id: clientId, sub } = claims(String(req.AccessToken));
        const pool = await pools.getUserPoolForClientId(ctx, String(clientId));
        const user = await pool.getUserByUsername(ctx, String(sub));
        if (user) {
          await pool.saveUser(ctx, { ...user, MFAOptions: sms.Enabled ? smsOnPhone : undefined });
        }
      }
      return result;
    };
  };
}
