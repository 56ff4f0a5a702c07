import { feedbackSummaryRoute } from '../../lib/catalogue/engagement';
import { scoped } from '../registry/context';
import { httpHandler } from '../shared/http';
import { summaryDeps } from './deps';
import { feedbackSummary } from './domain/feedback';

const deps = summaryDeps();

export const handler = httpHandler(feedbackSummaryRoute, async ({ query, caller, requestId }) => {
  const { principal } = await scoped(caller, requestId);
  return { body: await feedbackSummary(deps, principal, query) };
});
