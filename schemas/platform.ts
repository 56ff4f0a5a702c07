// Schemas of the platform's own routes.
import * as z from 'zod/mini';

/** Built at load as written; marked free of side effects so esbuild drops a schema a function's bundle never uses (bench/PERFORMANCE.md, cold load). */
/* @__NO_SIDE_EFFECTS__ */ function schema<T>(build: () => T): T {
  return build();
}

export const HealthResponse = schema(() => z
  .strictObject({
    status: z.enum(['ok', 'degraded']),
    /** The deployed commit ('local' in the local cloud). */
    version: z.string(),
    stage: z.string(),
    /** Each table this deployment serves from, by catalogue id: reachable or not. */
    tables: z.record(z.string(), z.enum(['reachable', 'unreachable'])),
  })
  .register(z.globalRegistry, { id: 'Health', description: 'Deployed version and whether its tables answer; no personal data' }));
