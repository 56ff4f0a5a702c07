// Cognito's post confirmation trigger: a confirmed sign-up gets its identity link and the citizen group
// (domain/sign-up.ts, step 3). A confirmed password reset changes nothing here.
import type { PostConfirmationTriggerEvent } from 'aws-lambda';
import { citizenGroup, registryDeps } from './deps';
import { linkConfirmedAccount } from './domain/sign-up';

const deps = { ...registryDeps, group: citizenGroup() };

export async function handler(event: PostConfirmationTriggerEvent): Promise<PostConfirmationTriggerEvent> {
  if (event.triggerSource === 'PostConfirmation_ConfirmSignUp') {
    const sub = event.request.userAttributes.sub;
    if (!sub) {
      throw new Error('the confirmed account has no sub');
    }
    await linkConfirmedAccount(deps, { userPoolId: event.userPoolId, username: event.userName, sub });
  }
  return event;
}
