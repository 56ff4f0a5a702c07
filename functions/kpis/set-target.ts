import { setKpiTargetRoute } from '../../lib/catalogue/kpis';
import { dynamo, requireTable } from '../shared/dynamo';
import { httpHandler } from '../shared/http';
import { setTarget } from './domain/targets';
import { dynamoTargets } from './dynamo-targets';

const deps = { targets: dynamoTargets(dynamo, requireTable('engagement')), now: () => new Date() };

export const handler = httpHandler(setKpiTargetRoute, async ({ body, principal }) => ({ body: await setTarget(deps, principal.sub, body) }));
