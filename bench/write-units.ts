// `npx tsx bench/write-units.ts [journeys]`: every write one completed two-agency application makes, in the bench's
// in-process local cloud, one line per request (function, operation, items by key shape, units per table and index
// as the capacity meter counts them), then the totals by function, table and key shape. Read it to see where the
// write units of the Capacity row go; the bench itself does not run it.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CloudClient } from './client';
import { STAGE, startBenchCloud } from './harness/local-cloud';
import type { Capacity } from './harness/instrument';
import { itemSize, transactionPutUnits } from './harness/item-size';
import { runJourney } from './sections/journey';
import { marshall } from '@aws-sdk/util-dynamodb';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

interface WriteLine {
  readonly fn: string;
  readonly command: string;
  readonly items: readonly string[];
  readonly units: Record<string, number>;
  refused: boolean;
}

/** A key with its ids replaced (ULIDs, UUIDs, numbers, dates), so items of one kind group together. */
const keyShape = (value: unknown) =>
  String(value ?? '')
    .replace(/[0-9a-f]{8}-[0-9a-f-]{27}/gi, '<uuid>')
    .replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '<at>')
    .replace(/[0-9A-HJKMNP-TV-Z]{26}/g, '<ulid>')
    .replace(/\d{2,}/g, '<n>');

type Key = Record<string, unknown>;
const shape = (item: Key | undefined) => `${keyShape(item?.pk ?? item?.id)}/${keyShape(item?.sk)}`;
const sizeOf = (item: Key) => itemSize(marshall(item, { removeUndefinedValues: true, convertClassInstanceToMap: true }));

function describe(input: Record<string, any>): string[] {
  const table = (name: string) => String(name).replace(/^khidma-local-/, '');
  if (input.TransactItems) {
    return (input.TransactItems as Array<Record<string, any>>).map((entry) => {
      const [op, body] = Object.entries(entry)[0]!;
      const item = body.Item ?? body.Key;
      return `${op} ${table(body.TableName)} ${shape(item)}${body.Item ? ` ${sizeOf(body.Item)}B` : ''}`;
    });
  }
  if (input.RequestItems) {
    return Object.entries(input.RequestItems as Record<string, Array<Record<string, any>>>).flatMap(([name, requests]) =>
      requests.map((request) => `${request.PutRequest ? 'Put' : 'Delete'} ${table(name)} ${shape(request.PutRequest?.Item ?? request.DeleteRequest?.Key)}`),
    );
  }
  const item = input.Item ?? input.Key;
  return [`${table(input.TableName)} ${shape(item)}${input.Item ? ` ${sizeOf(input.Item)}B` : ''}${input.UpdateExpression ? ` ${input.UpdateExpression}` : ''}`];
}

async function main(): Promise<void> {
  const journeys = Number(process.argv[2] ?? 2);
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'khidma-write-units-'));
  const cloud = await startBenchCloud({ dataDir: scratch, visibilityTimeoutMs: 300 });
  const lines: WriteLine[] = [];
  const reports: string[] = [];
  let recording = false;
  const { dynamo } = await import('../functions/shared/dynamo');
  // Added after the meter's middleware: it reads the units the meter has just added to its breakdown.
  dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      const command = String(context.commandName ?? '');
      if (!recording || !/^(Put|Update|Delete|BatchWrite|TransactWrite)/.test(command)) {
        return next(args);
      }
      const line = { fn: cloud.meter.current()?.fn ?? 'background', command: command.replace(/Command$/, ''), items: describe(args.input as never), units: {} as Record<string, number>, refused: false };
      lines.push(line);
      try {
        const result = await next(args);
        Object.assign(line.units, unitsOf(args.input as never, (result.output as { ConsumedCapacity?: Capacity }).ConsumedCapacity));
        return result;
      } catch (error) {
        line.refused = true;
        line.units.refused = 1;
        throw error;
      }
    },
    { step: 'initialize', name: 'writeUnitsProbe', priority: 'high' },
  );
  try {
    const client = new CloudClient(cloud.address);
    for (let run = 0; run < journeys; run++) {
      lines.length = 0;
      recording = true;
      const figures = await runJourney(cloud, client);
      recording = false;
      reports.push(report(run, figures.usage.writeCapacity, lines));
    }
  } finally {
    await cloud.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
  // Written once the cloud is stopped: the meter keeps the handlers' output (and ours) off the terminal while it runs.
  process.stdout.write(reports.join('\n'));
}

/** The units of one request per table and index, as the meter counts them (bench/harness/instrument.ts). */
function unitsOf(input: Record<string, unknown>, capacity: Capacity): Record<string, number> {
  const transaction = Array.isArray(input.TransactItems) ? transactionPutUnits(input.TransactItems as never, STAGE) : undefined;
  const corrected = (key: string, reported: number) => Math.max(reported, 2 * (transaction?.get(key)?.units ?? 0));
  const units: Record<string, number> = {};
  for (const entry of Array.isArray(capacity) ? capacity : capacity ? [capacity] : []) {
    const table = String(entry.TableName);
    units[table.replace(/^khidma-local-/, '')] = corrected(table, entry.Table?.CapacityUnits ?? entry.CapacityUnits ?? 0);
    for (const [index, value] of Object.entries(entry.GlobalSecondaryIndexes ?? {})) {
      units[`${table.replace(/^khidma-local-/, '')} ${index}`] = corrected(`${table} ${index}`, value.CapacityUnits ?? 0);
    }
  }
  return units;
}

function report(run: number, total: number, lines: readonly WriteLine[]): string {
  const out: string[] = [`journey ${run + 1}: ${total} WCU metered`];
  const byFn = new Map<string, number>();
  const byKey = new Map<string, number>();
  for (const line of lines) {
    const units = Object.values(line.units).reduce((sum, value) => sum + value, 0);
    byFn.set(line.fn, (byFn.get(line.fn) ?? 0) + units);
    const unitText = Object.entries(line.units).map(([key, value]) => `${key}=${value}`).join(' ');
    out.push(`  ${units.toString().padStart(3)}  ${line.fn} ${line.command}${line.refused ? ' REFUSED' : ''}  [${unitText}]`);
    for (const item of line.items) {
      out.push(`         ${item}`);
    }
    for (const [key, value] of Object.entries(line.units)) {
      const group = `${key} ${line.command} ${line.items.map((item) => item.split(' ').slice(0, 3).join(' ')).join(' + ')}`;
      byKey.set(group, (byKey.get(group) ?? 0) + value);
    }
  }
  out.push('  by function:', ...[...byFn].sort((a, b) => b[1] - a[1]).map(([fn, units]) => `    ${units.toString().padStart(4)} ${fn}`));
  out.push('  by table/index and request shape:', ...[...byKey].sort((a, b) => b[1] - a[1]).map(([key, units]) => `    ${units.toString().padStart(4)} ${key}`));
  return `${out.join('\n')}\n`;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack}\n`);
    process.exit(1);
  },
);
