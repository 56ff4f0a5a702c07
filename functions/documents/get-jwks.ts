import { getJwksRoute } from '../../lib/catalogue/journey';
import { httpHandler } from '../shared/http';
import { documentSigner } from './signer';

export const handler = httpHandler(getJwksRoute, async () => ({
  body: { keys: await documentSigner.publicKeys() },
  headers: { 'cache-control': 'public, max-age=300' },
}));
