import { answerSurveyRoute } from '../../lib/catalogue/consultations';
import { httpHandler } from '../shared/http';
import { consultationDeps } from './deps';
import { answerSurvey } from './domain/consultations';

export const handler = httpHandler(answerSurveyRoute, async ({ params, body, principal }) => ({ status: 201, body: await answerSurvey(consultationDeps, principal, params.consultationId, body) }));
