// Every Lambda module loads with exactly the environment CDK gives it: the variables of the tables, pool,
// workflow and bus its catalogue entry declares, and nothing else. A handler that reaches for a table it
// was not granted fails here, not at its first cold start in AWS.
import path from 'node:path';
import { identityTriggers } from '../../lib/catalogue/identity-triggers';
import { workers } from '../../lib/catalogue/workers';
import { capabilities } from '../../lib/capabilities';
import { type TableId, tableEnvName } from '../../lib/platform/tables';

const root = path.resolve(__dirname, '../..');
const base = { PATH: process.env.PATH, AWS_REGION: 'me-central-1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', POWERTOOLS_LOG_LEVEL: 'ERROR' };

const entries = [
  ...capabilities.map((capability) => ({ ...capability, publishesEvents: false })),
  ...workers.map((worker) => ({ ...worker, userPool: undefined, publishesEvents: worker.publishesEvents ?? false })),
  // The pool's triggers get no pool variables: the event names the pool.
  ...identityTriggers.map((trigger) => ({ ...trigger, userPool: undefined, workflow: undefined, publishesEvents: false })),
];

test.each(entries.map((entry) => [entry.id, entry] as const))('%s loads with only its declared environment', (_id, entry) => {
  const environment: Record<string, string | undefined> = {
    ...base,
    STAGE: 'prod',
    CATALOGUE_CACHE_SECONDS: '60',
    POWERTOOLS_SERVICE_NAME: entry.id,
    ...Object.fromEntries((Object.keys(entry.tables) as TableId[]).map((id) => [tableEnvName(id), `khidma-prod-${id}`])),
    ...(entry.userPool ? { USER_POOL_ID: 'me-central-1_pool', USER_POOL_CLIENT_ID: 'client' } : {}),
    ...(entry.workflow ? { WORKFLOW_STATE_MACHINE_ARN: 'arn:aws:states:me-central-1:123456789012:stateMachine:khidma-prod-application' } : {}),
    ...(entry.publishesEvents ? { EVENT_BUS_NAME: 'khidma-prod-events' } : {}),
    ...('messaging' in entry && entry.messaging?.includes('email') ? { NOTIFICATIONS_FROM_EMAIL: 'no-reply@khidma.example' } : {}),
    ...('messaging' in entry && entry.messaging?.includes('sms') ? { SMS_SENDER_ID: 'KHIDMA' } : {}),
  };
  const saved = process.env;
  process.env = environment as NodeJS.ProcessEnv;
  try {
    let loaded: { handler?: unknown } = {};
    jest.isolateModules(() => {
      loaded = require(path.join(root, entry.entry));
    });
    expect(typeof loaded.handler).toBe('function');
  } finally {
    process.env = saved;
  }
});
