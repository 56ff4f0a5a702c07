import { putMyCommentRoute } from '../../lib/catalogue/consultations';
import { httpHandler } from '../shared/http';
import { consultationDeps } from './deps';
import { putMyComment } from './domain/consultations';

export const handler = httpHandler(putMyCommentRoute, async ({ params, body, principal }) => {
  const { comment, created } = await putMyComment(consultationDeps, principal, params.consultationId, body.text);
  return { status: created ? 201 : 200, body: comment };
});
