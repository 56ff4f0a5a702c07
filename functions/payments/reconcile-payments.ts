import { reconciliationRoute } from '../../lib/catalogue/journey';
import { scoped } from '../registry/context';
import { dynamo, requireTable } from '../shared/dynamo';
import { httpHandler } from '../shared/http';
import { reconcile } from './domain/payments';
import { dynamoPayments } from './dynamo-payments';
import { billProvider } from './provider';

const deps = { payments: dynamoPayments(dynamo, requireTable('applications')), provider: billProvider };

export const handler = httpHandler(reconciliationRoute, async ({ query, caller, requestId }) => {
  const { principal } = await scoped(caller, requestId);
  return { body: await reconcile(deps, principal, query.agency, query.date) };
});
