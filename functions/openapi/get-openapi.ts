import { capabilities } from '../../lib/capabilities';
import { getOpenApiRoute } from '../../lib/catalogue/platform';
import { buildOpenApi } from '../../lib/openapi';
import { httpHandler } from '../shared/http';

const document = buildOpenApi(capabilities, { version: process.env.KHIDMA_VERSION ?? '0.1.0' });

export const handler = httpHandler(getOpenApiRoute, async () => ({
  body: document,
  headers: { 'cache-control': 'public, max-age=300' },
}));
