import { rmSync } from 'node:fs';
import { type RunningCloud, stopCloud } from '../../local/cloud-process';

export default async function globalTeardown(): Promise<void> {
  const cloud = (globalThis as Record<string, unknown>).__KHIDMA_CLOUD__ as RunningCloud | undefined;
  if (cloud) {
    await stopCloud(cloud);
    await stopCloud(cloud, 'SIGKILL');
    rmSync(cloud.dataDir, { recursive: true, force: true });
  }
}
