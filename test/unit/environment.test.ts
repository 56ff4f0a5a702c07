// The functions' environment, parsed once with zod: defaults, the derived table names, and one clear failure
// naming every bad variable.
import { EnvironmentError, parseEnvironment } from '../../functions/shared/environment';

describe('the functions environment', () => {
  it('gives the defaults the local cloud relies on', () => {
    expect(parseEnvironment({})).toMatchObject({ STAGE: 'local', CATALOGUE_CACHE_SECONDS: 30, RECONCILE_GRACE_SECONDS: 900, NOTIFICATIONS_RETRY_BASE_SECONDS: 30, KHIDMA_COMMIT: 'local', APP_CLIENTS: '', tables: {} });
  });

  it('turns numbers into numbers and TABLE_* variables into the tables a function was given', () => {
    const env = parseEnvironment({ STAGE: 'prod', CATALOGUE_CACHE_SECONDS: '60', TABLE_REGISTRY: 'khidma-prod-registry', TABLE_AUDIT: 'khidma-prod-audit', UNRELATED: 'x' });
    expect(env).toMatchObject({ STAGE: 'prod', CATALOGUE_CACHE_SECONDS: 60, tables: { registry: 'khidma-prod-registry', audit: 'khidma-prod-audit' } });
    expect(env.tables.applications).toBeUndefined();
  });

  it('refuses a wrong value at once, naming every bad variable and what it got', () => {
    const parse = () =>
      parseEnvironment({ CATALOGUE_CACHE_SECONDS: 'abc', DYNAMODB_ENDPOINT: 'localhost:8000', WORKFLOW_STATE_MACHINE_ARN: 'application', NOTIFICATIONS_FROM_EMAIL: 'nobody', STAGE: 'Prod' });
    expect(parse).toThrow(EnvironmentError);
    const message = (() => {
      try {
        parse();
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    for (const name of ['CATALOGUE_CACHE_SECONDS', 'DYNAMODB_ENDPOINT', 'WORKFLOW_STATE_MACHINE_ARN', 'NOTIFICATIONS_FROM_EMAIL', 'STAGE']) {
      expect(message).toContain(name);
    }
    expect(message).toContain('"abc"');
    expect(() => parseEnvironment({ RECONCILE_GRACE_SECONDS: '-5' })).toThrow('RECONCILE_GRACE_SECONDS');
    expect(() => parseEnvironment({ APP_CLIENTS: 'portal' })).toThrow('APP_CLIENTS');
  });
});
