import { reconciliationRoute } from '../../lib/catalogue/journey';
import { dynamo, requireTable } from '../shared/dynamo';
import { httpHandler } from '../shared/http';
import { reconcile } from './domain/reconciliation';
import { dynamoPayments } from './dynamo-payments';
import { billProvider } from './provider';

const deps = { payments: dynamoPayments(dynamo, requireTable('applications')), provider: billProvider };

export const handler = httpHandler(reconciliationRoute, async ({ query, principal }) => {
  return { body: await reconcile(deps, principal, query.agency, query.date) };
});
