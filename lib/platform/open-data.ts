// Names of the open-data buckets. They are named, not referenced: the portal stack (which holds them, beside the
// distribution that serves them) deploys after the API stacks whose workers write and read them.
export const openDataBucketName = (stage: string, account: string) => `khidma-${stage}-open-data-${account}`;
export const openDataLogBucketName = (stage: string, account: string) => `khidma-${stage}-open-data-logs-${account}`;
/** The prefix of the distribution's standard logs in the log bucket (functions/open-data/s3-logs.ts reads it). */
export const OPEN_DATA_CLOUDFRONT_LOG_PREFIX = 'cloudfront/';
/** The files' keys in the bucket: the path CloudFront serves them at. */
export const OPEN_DATA_KEY_PREFIX = 'open-data/';
