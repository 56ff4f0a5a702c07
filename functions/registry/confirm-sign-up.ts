import { confirmSignUpRoute } from '../../lib/catalogue/registry';
import { httpHandler } from '../shared/http';
import { identityDeps } from './deps';
import { confirmSignUp } from './domain/identity';

const deps = identityDeps();

export const handler = httpHandler(confirmSignUpRoute, async ({ body }) => ({ body: await confirmSignUp(deps, body.username, body.code) }), { attempts: deps.attempts });
