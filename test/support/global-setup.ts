// Starts one local cloud for the integration project; tests find it through KHIDMA_* variables.
import { startCloud } from '../../local/cloud-process';

export default async function globalSetup(): Promise<void> {
  const cloud = await startCloud();
  (globalThis as Record<string, unknown>).__KHIDMA_CLOUD__ = cloud;
  process.env.KHIDMA_API_URL = cloud.state.apiUrl;
  process.env.KHIDMA_CLOUD_STATE = JSON.stringify(cloud.state);
  process.env.KHIDMA_CLOUD_DIR = cloud.dataDir;
}
