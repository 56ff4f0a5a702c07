// Where the portal tests' screenshots go (`.local/`, git-ignored), for a person to look at after a run.
import path from 'node:path';

export const screenshotDir = path.resolve(__dirname, '../../.local/screenshots');
