import { createConsultationRoute } from '../../lib/catalogue/consultations';
import { httpHandler } from '../shared/http';
import { consultationDeps } from './deps';
import { createConsultation } from './domain/consultations';

export const handler = httpHandler(createConsultationRoute, async ({ body, principal }) => ({ status: 201, body: await createConsultation(consultationDeps, principal, body) }));
