// Scheduled worker (hourly): counts the open-data downloads from the CloudFront standard logs of the open-data
// distribution (the local cloud's gateway writes the same lines) into the engagement table, each log file once,
// then removes the file.
import { dynamo, requireTable } from '../shared/dynamo';
import { logger } from '../shared/logger';
import { countDownloadLogs } from './domain/downloads';
import { dynamoDownloads } from './dynamo-downloads';
import { downloadLogs } from './logs';

const downloads = dynamoDownloads(dynamo, requireTable('engagement'));

export async function handler(): Promise<void> {
  const result = await countDownloadLogs({ logs: downloadLogs, downloads });
  logger.info('open-data downloads counted', result);
}
