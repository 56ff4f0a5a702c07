// The commit being deployed, for GET /v1/health: `-c commit=...`, else KHIDMA_COMMIT, else the commit CodeBuild
// checked out, else git's HEAD; 'unknown' outside a repository.
import { execFileSync } from 'node:child_process';

export function deployedCommit(): string {
  const fromEnvironment = process.env.KHIDMA_COMMIT ?? process.env.CODEBUILD_RESOLVED_SOURCE_VERSION;
  if (fromEnvironment) {
    return fromEnvironment.slice(0, 12);
  }
  try {
    return execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}
