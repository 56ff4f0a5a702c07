// The user pool's Lambda triggers: sign-up is guarded by the pool itself, not by the grants of a public function
// (functions/registry/domain/sign-up.ts). CDK attaches them to each region's pool (lib/constructs/identity-triggers.ts);
// the local cloud to the Cognito emulator (local/cognito/triggers.ts).
import type { TableAccess } from './types';
import type { TableId } from '../platform/tables';

export interface IdentityTrigger {
  readonly id: string;
  readonly entry: string;
  readonly description: string;
  /** Cognito's name for the trigger (LambdaConfig key, and cognito-local's TriggerFunctions key). */
  readonly operation: 'PreSignUp' | 'PostConfirmation';
  readonly tables: Partial<Record<TableId, TableAccess>>;
  /** AdminAddUserToGroup on its own pool (the code names the citizen group only). */
  readonly addsToGroup?: boolean;
}

export const identityTriggers: readonly IdentityTrigger[] = [
  {
    id: 'check-sign-up',
    entry: 'functions/registry/pre-sign-up.ts',
    description: 'Cognito pre sign-up: the proof checked against the registry record, the code kept on its contacts, the record claimed',
    operation: 'PreSignUp',
    tables: { registry: 'readwrite' },
  },
  {
    id: 'link-account',
    entry: 'functions/registry/post-confirmation.ts',
    description: 'Cognito post confirmation: the identity link of a confirmed citizen, on its audit trail, and the citizen group',
    operation: 'PostConfirmation',
    tables: { registry: 'readwrite', audit: 'append' },
    addsToGroup: true,
  },
];
