// `npm run capacity-plan [-- --stage prod]`: the capacity plan of the reference catalogue, phase by phase, as a
// Markdown table, and what the deployment takes from it (lib/config/capacity.ts).
import { parseArgs } from 'node:util';
import { deploymentCapacity, referencePlan } from '../lib/config/capacity';
import { stageConfig } from '../lib/config/stages';

const { values } = parseArgs({ options: { stage: { type: 'string', default: 'prod' } } });
const config = stageConfig(values.stage);
const plan = referencePlan(config);
const a = plan.assumptions;
console.log(`Assumptions: ${a.workingDaysPerYear} working days × ${a.workingHoursPerDay} h, peak = ${a.peakToMean} × mean, ${a.apiRequestsPerSubmission} API requests per submission`);
console.log('');
console.log('| Phase | Services | Peak submissions/s | API requests/s | Lambda concurrency | StartExecution/s | State transitions/s | DynamoDB WCU/s | DynamoDB RCU/s | Busiest quota |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const phase of plan.phases) {
  const top = phase.quotas[0]!;
  console.log(
    `| ${phase.phase} | ${phase.services} | ${phase.submissionsPerSecond} | ${phase.apiRequestsPerSecond} | ${phase.lambdaConcurrency} | ${phase.startExecutionsPerSecond} | ${phase.stateTransitionsPerSecond} | ${phase.writeUnitsPerSecond} | ${phase.readUnitsPerSecond} | ${top.quota} ${top.percent}% of ${top.limit} |`,
  );
}
console.log('');
console.log(`First quota exceeded: ${plan.firstExceeded ? `phase ${plan.firstExceeded.phase}, ${plan.firstExceeded.quota}` : 'none'}`);
console.log(`Deployment (${config.stage}): ${JSON.stringify(deploymentCapacity(config))}`);
