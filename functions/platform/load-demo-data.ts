// Demo registry records (custom resource, dev only: the CDK app creates it only where the stage allows demo data).
import { seedRegistry } from '../../seed/registry';
import { registryDeps } from '../registry/deps';
import { customResourceHandler } from './custom-resource';

export const handler = customResourceHandler('khidma-demo-data', async () => {
  await seedRegistry(registryDeps, [], new Map());
  return { loaded: 'demo registry records' };
});
