import { feedbackSummaryRoute } from '../../lib/catalogue/engagement';
import { httpHandler } from '../shared/http';
import { summaryDeps } from './deps';
import { feedbackSummary } from './domain/feedback';

const deps = summaryDeps();

export const handler = httpHandler(feedbackSummaryRoute, async ({ query, principal }) => {
  return { body: await feedbackSummary(deps, principal, query) };
});
