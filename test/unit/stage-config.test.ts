// The stages' security-relevant settings, pinned as literals: the CDK tests synthesize dev only, so a change to
// production's throttles, log retention or data protection must be made here too, on purpose.
import { stageConfig, stages } from '../../lib/config/stages';

test('production throttles at 2,000 requests/s with bursts of 4,000, keeps logs a year and protects its data', () => {
  expect(stageConfig('prod')).toMatchObject({ throttle: { rateLimit: 2000, burstLimit: 4000 }, logRetentionDays: 365, protectData: true });
});

test('every stage protects its data', () => {
  expect(Object.values(stages).filter((stage) => !stage.protectData).map((stage) => stage.stage)).toEqual([]);
});

test('an unknown stage is refused, naming the known ones', () => {
  expect(() => stageConfig('qa')).toThrow('Unknown stage "qa". Known stages: dev, staging, prod');
});

test('production may lose at most a minute of acknowledged writes and be back within 15 minutes', () => {
  expect(stageConfig('prod').recovery).toMatchObject({ rpoSeconds: 60, rtoSeconds: 900 });
  for (const stage of Object.values(stages)) {
    expect(stage.recovery.rpoSeconds).toBeLessThanOrEqual(stage.recovery.rtoSeconds);
    expect(stage.recovery.apiDomain.name.endsWith(`.${stage.recovery.apiDomain.hostedZoneName}`)).toBe(true);
  }
});
