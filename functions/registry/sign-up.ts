import { signUpRoute } from '../../lib/catalogue/registry';
import { httpHandler } from '../shared/http';
import { identityDeps } from './deps';
import { signUp } from './domain/sign-up';

const deps = identityDeps();

export const handler = httpHandler(signUpRoute, async ({ body }) => ({ body: await signUp(deps, body) }), { attempts: deps.attempts });
