// Starts one local cloud for the integration project; tests find it through KHIDMA_* variables.
import { mkdirSync } from 'node:fs';
import { startCloud } from '../../local/cloud-process';
import { screenshotDir } from './screenshots';

export default async function globalSetup(): Promise<void> {
  // Made before any file runs: the README test checks that its blocks leave nothing new in the repository root, and a
  // clean clone has no `.local/` until the first screenshot, which a file running beside it would take (it did when
  // the API tests ran two files at a time).
  mkdirSync(screenshotDir, { recursive: true });
  const cloud = await startCloud();
  (globalThis as Record<string, unknown>).__KHIDMA_CLOUD__ = cloud;
  process.env.KHIDMA_API_URL = cloud.state.apiUrl;
  process.env.KHIDMA_CLOUD_STATE = JSON.stringify(cloud.state);
  process.env.KHIDMA_CLOUD_DIR = cloud.dataDir;
}
