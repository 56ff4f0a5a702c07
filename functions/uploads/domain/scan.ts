// The malware scan's result as GuardDuty Malware Protection for S3 reports it (EventBridge, detail type
// "GuardDuty Malware Protection Object Scan Result"); the local scanner reports in the same shape.
export const SCAN_RESULT_DETAIL_TYPE = 'GuardDuty Malware Protection Object Scan Result';
export const SCAN_RESULT_SOURCE = 'aws.guardduty';

export type ScanResultStatus = 'NO_THREATS_FOUND' | 'THREATS_FOUND' | 'UNSUPPORTED' | 'ACCESS_DENIED' | 'FAILED';

export interface ScanResultDetail {
  readonly schemaVersion?: string;
  readonly scanStatus: 'COMPLETED' | 'SKIPPED' | 'FAILED';
  readonly resourceType: 'S3_OBJECT';
  readonly s3ObjectDetails: { readonly bucketName: string; readonly objectKey: string; readonly eTag?: string; readonly versionId?: string | null };
  readonly scanResultDetails: { readonly scanResultStatus: ScanResultStatus; readonly threats?: ReadonlyArray<{ readonly name: string }> | null };
}

/** A scanner of bytes (the local cloud's; in AWS GuardDuty scans the bucket itself). */
export interface MalwareScanner {
  scan(bytes: Uint8Array): Promise<{ status: 'NO_THREATS_FOUND' | 'THREATS_FOUND'; threats: { name: string }[] }>;
}

/**
 * Clean or infected, from a result; undefined for a scan that could not decide (an unsupported or unreadable
 * object, a failure): the upload stays pending, and a submission naming it is refused until it is scanned.
 */
export function verdictOf(detail: ScanResultDetail): 'clean' | 'infected' | undefined {
  switch (detail.scanResultDetails.scanResultStatus) {
    case 'NO_THREATS_FOUND':
      return 'clean';
    case 'THREATS_FOUND':
      return 'infected';
    default:
      return undefined;
  }
}
