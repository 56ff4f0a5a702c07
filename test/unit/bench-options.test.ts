// What a run of `npm run bench` measures, from its flags.
import { parseOptions } from '../../bench/options';

test('a partial run (--functions) bundles and cold-loads the named functions only, and writes no report', () => {
  const options = parseOptions(['--functions', 'get-service, verify-document', '--out', '/tmp/r.json']);
  expect(options.functions).toEqual(['get-service', 'verify-document']);
  expect(options.partial).toBe(true);
  expect(options.writeReport).toBe(false);
});

test('a whole run and the smoke run are not partial; only a whole run without --out rewrites the report', () => {
  const whole = parseOptions([]);
  expect(whole.partial).toBe(false);
  expect(whole.functions).toBeUndefined();
  expect(whole.writeReport).toBe(true);
  const smoke = parseOptions(['--smoke']);
  expect(smoke.partial).toBe(false);
  expect(smoke.writeReport).toBe(false);
  expect(smoke.faults && smoke.main).toBe(true);
});
