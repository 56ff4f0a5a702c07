// The health answer over a probe port: which tables answer, and the version deployed (no AWS types here).

export type TableState = 'reachable' | 'unreachable';

export interface HealthDeps {
  readonly version: string;
  readonly stage: string;
  /** Table id → table name, for the tables this deployment serves from. */
  readonly tables: Readonly<Record<string, string>>;
  /** Resolves when the table answers; rejects otherwise. */
  readonly probe: (tableName: string) => Promise<void>;
}

export async function checkHealth(deps: HealthDeps) {
  const states = await Promise.all(
    Object.entries(deps.tables).map(async ([id, name]) => {
      const state: TableState = await deps.probe(name).then(
        () => 'reachable',
        () => 'unreachable',
      );
      return [id, state] as const;
    }),
  );
  const tables = Object.fromEntries(states);
  const status: 'ok' | 'degraded' = states.every(([, state]) => state === 'reachable') ? 'ok' : 'degraded';
  return { status, version: deps.version, stage: deps.stage, tables };
}
