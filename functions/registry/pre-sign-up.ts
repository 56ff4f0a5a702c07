// Cognito's pre sign-up trigger: no account in the pool without a registry proof (domain/sign-up.ts, step 2).
// A refusal is thrown as its error code; Cognito answers SignUp with "PreSignUp failed with error <code>.".
import type { PreSignUpTriggerEvent } from 'aws-lambda';
import { logger } from '../shared/logger';
import { registryDeps } from './deps';
import { SignUpRefused } from './domain/identity';
import { checkSignUp, type SignUpAttempt } from './domain/sign-up';

const sources: Record<PreSignUpTriggerEvent['triggerSource'], SignUpAttempt['source']> = {
  PreSignUp_SignUp: 'self',
  PreSignUp_AdminCreateUser: 'admin',
  PreSignUp_ExternalProvider: 'other',
};

export async function handler(event: PreSignUpTriggerEvent): Promise<PreSignUpTriggerEvent> {
  const attributes = event.request.userAttributes;
  try {
    await checkSignUp(registryDeps, {
      source: sources[event.triggerSource] ?? 'other',
      username: event.userName,
      email: attributes.email,
      phone: attributes.phone_number,
      metadata: { ...event.request.clientMetadata, ...event.request.validationData },
    });
  } catch (error) {
    if (error instanceof SignUpRefused) {
      logger.info('sign-up refused', { reason: error.code, source: event.triggerSource });
      throw new Error(error.code);
    }
    throw error;
  }
  // Never confirmed or verified here: the code sent to the registry's contact is the proof of possession.
  return event;
}
