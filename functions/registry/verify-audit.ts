import { verifyAuditRoute } from '../../lib/catalogue/registry';
import { documentSigner } from '../documents/signer';
import { httpHandler } from '../shared/http';
import { checkpointStore } from './checkpoint-store';
import { registryDeps } from './deps';
import { verifyTrail } from './domain/audit-trail';

export const handler = httpHandler(verifyAuditRoute, async ({ query }) => {
  return { body: await verifyTrail(registryDeps, query.subject, { checkpoints: checkpointStore, publicKeys: () => documentSigner.publicKeys() }) };
});
