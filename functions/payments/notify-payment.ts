import { paymentNotificationRoute } from '../../lib/catalogue/journey';
import { httpHandler } from '../shared/http';
import { paymentDeps } from './deps';
import { recordPayment, verifySignature } from './domain/payments';

export const handler = httpHandler(paymentNotificationRoute, async ({ body, headers }) => {
  verifySignature(await paymentDeps.secret(), body, headers['x-payment-signature'], paymentDeps.now());
  return { body: await recordPayment(paymentDeps, body) };
});
