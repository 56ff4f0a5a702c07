// The capacity plan drives the deployment: the submission routes' throttles, the submission functions' reserved
// concurrency and the agency queue consumer's maximum concurrency come from it, unless the stage overrides them.
import { App } from 'aws-cdk-lib';
import cdkJson from '../../cdk.json';
import { deploymentCapacity, referencePlan, submissionRoutes } from '../../lib/config/capacity';
import { stageConfig } from '../../lib/config/stages';
import { workflowAgencyIds } from '../../lib/platform/agencies';
import { deploymentLimits } from '../../lib/platform/capacity';
import { buildApp } from '../../lib/stacks/app';
import { apiTemplate } from './api-template';

type Json = any;

const prod = stageConfig('prod');
const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
const template = apiTemplate(buildApp(app, prod).api);
const planned = deploymentLimits(referencePlan(prod).phases.at(-1)!, referencePlan(prod).assumptions);

test("the deployment's limits are the plan's with every phase open, unless the stage overrides them", () => {
  expect(deploymentCapacity(prod)).toEqual({
    submitThrottle: { rateLimit: planned.submitRateLimit, burstLimit: planned.submitBurstLimit },
    submitReservedConcurrency: planned.submitReservedConcurrency,
    agencyQueueMaximumConcurrency: planned.agencyQueueMaximumConcurrency,
  });
  expect(deploymentCapacity({ capacity: { reserveConcurrency: false, submitThrottle: { rateLimit: 99, burstLimit: 199 }, agencyQueueMaximumConcurrency: 7 } })).toEqual({
    submitThrottle: { rateLimit: 99, burstLimit: 199 },
    submitReservedConcurrency: undefined,
    agencyQueueMaximumConcurrency: 7,
  });
  // Development accounts keep the low default concurrency quota: nothing reserved there.
  expect(deploymentCapacity(stageConfig('dev')).submitReservedConcurrency).toBeUndefined();
});

test('throttles each submission route at the planned rate', () => {
  const [stage] = Object.values<Json>(template.findResources('AWS::ApiGatewayV2::Stage'));
  for (const route of submissionRoutes) {
    expect([route, stage.Properties.RouteSettings[route]]).toEqual([route, { ThrottlingRateLimit: planned.submitRateLimit, ThrottlingBurstLimit: planned.submitBurstLimit }]);
  }
});

test('reserves the planned concurrency for each submission function', () => {
  for (const route of submissionRoutes) {
    const functions = Object.values<Json>(template.findResources('AWS::Lambda::Function', { Properties: { Description: route } }));
    expect(functions.map((fn) => fn.Properties.ReservedConcurrentExecutions)).toEqual([planned.submitReservedConcurrency]);
  }
});

test("caps the agency queues' consumer at the planned concurrency, per queue", () => {
  const mappings = Object.values<Json>(template.findResources('AWS::Lambda::EventSourceMapping')).filter((mapping) =>
    JSON.stringify(mapping.Properties.EventSourceArn).includes('Workflow'),
  );
  expect(mappings).toHaveLength(workflowAgencyIds.length);
  for (const mapping of mappings) {
    expect(mapping.Properties.ScalingConfig).toEqual({ MaximumConcurrency: planned.agencyQueueMaximumConcurrency });
  }
});
