// What the bundles get in place of @aws-sdk/credential-provider-node (an esbuild alias set in CapabilityFunction).
// Lambda hands every function its role's credentials in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY /
// AWS_SESSION_TOKEN, so the default chain's other providers (SSO, ini files, process, web identity, IMDS, ECS)
// and the STS/SSO clients they pull in would never run there: ~130 KB of every bundle and of its cold start.
// Local runs (tests, the local cloud) are not bundled and keep the full chain.
import { fromEnv } from '@aws-sdk/credential-provider-env';

export const defaultProvider = (init?: Parameters<typeof fromEnv>[0]) => fromEnv(init);
