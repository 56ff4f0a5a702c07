import { getConsultationRoute } from '../../lib/catalogue/consultations';
import { httpHandler } from '../shared/http';
import { consultationDeps } from './deps';
import { getConsultation } from './domain/consultations';

export const handler = httpHandler(getConsultationRoute, async ({ params }) => ({ body: await getConsultation(consultationDeps, params.consultationId) }));
