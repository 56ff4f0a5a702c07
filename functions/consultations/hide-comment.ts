import { hideCommentRoute } from '../../lib/catalogue/consultations';
import { httpHandler } from '../shared/http';
import { consultationDeps } from './deps';
import { hideComment } from './domain/consultations';

export const handler = httpHandler(hideCommentRoute, async ({ params, body, principal }) => ({
  body: await hideComment(consultationDeps, principal, params.consultationId, params.commentId, body.reason),
}));
