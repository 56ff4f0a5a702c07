import { publishResponseRoute } from '../../lib/catalogue/consultations';
import { httpHandler } from '../shared/http';
import { consultationDeps } from './deps';
import { publishResponse } from './domain/consultations';

export const handler = httpHandler(publishResponseRoute, async ({ params, body, principal }) => ({ body: await publishResponse(consultationDeps, principal, params.consultationId, body.text) }));
