// Capabilities of notifications, feedback and complaints.
import type { Capability } from './types';

export const engagementCapabilities: readonly Capability[] = [];
