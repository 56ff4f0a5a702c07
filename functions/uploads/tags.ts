// The object tag the bucket's lifecycle reads: every upload starts pending; a submission marks it submitted.
export const STATE_TAG = 'khidma-state';
export const PENDING_TAGGING = `<Tagging><TagSet><Tag><Key>${STATE_TAG}</Key><Value>pending</Value></Tag></TagSet></Tagging>`;
