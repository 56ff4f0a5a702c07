// The event bus in AWS: EventBridge PutEvents, 10 entries a call, only the failed entries retried, with backoff.
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry, type PutEventsResultEntry } from '@aws-sdk/client-eventbridge';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DomainEvent } from '../../schemas/applications';
import { EVENT_SOURCE } from '../../lib/platform/workflow';
import { detailType, type EventBus, PublishFailed } from './bus';
import { traced } from '../shared/tracing';

/** PutEvents takes at most 10 entries. */
const CHUNK_SIZE = 10;
const RETRIES = 3;
const BASE_DELAY_MS = 50;

interface Entry {
  /** Position in the published batch, reported when it fails. */
  readonly index: number;
  readonly request: PutEventsRequestEntry;
}

export function eventBridgeBus(eventBusName: string, client = traced(new EventBridgeClient({}))): EventBus {
  const toRequest = (event: DomainEvent): PutEventsRequestEntry => ({
    EventBusName: eventBusName,
    Source: EVENT_SOURCE,
    DetailType: detailType(event),
    Detail: JSON.stringify(event),
    ...(Number.isNaN(Date.parse(event.at)) ? {} : { Time: new Date(event.at) }),
  });
  const failure = (failed: readonly Entry[], total: number, reason: string, cause?: unknown): PublishFailed =>
    new PublishFailed(failed.length, failed[0]?.index ?? 0, `${failed.length} of ${total} events not published to ${eventBusName}: ${reason}`, { cause });

  async function put(entries: readonly Entry[], total: number): Promise<PutEventsResultEntry[]> {
    try {
      return (await client.send(new PutEventsCommand({ Entries: entries.map((entry) => entry.request) }))).Entries ?? [];
    } catch (error) {
      throw failure(entries, total, (error as Error).name, error);
    }
  }

  /** Sends a chunk; a call that throws (the SDK has already retried it) or entries still failing after the retries are fatal. */
  async function putChunk(chunk: readonly Entry[], total: number): Promise<void> {
    let pending = chunk;
    for (let attempt = 0; ; attempt++) {
      const results = await put(pending, total);
      const failedAt = pending.flatMap((_, i) => (results[i]?.ErrorCode !== undefined || results[i]?.EventId === undefined ? [i] : []));
      if (!failedAt.length) {
        return;
      }
      if (attempt === RETRIES) {
        const codes = new Set(failedAt.map((i) => results[i]?.ErrorCode ?? 'no EventId'));
        throw failure(failedAt.map((i) => pending[i]!), total, `${[...codes].join(', ')} after ${RETRIES + 1} attempts`);
      }
      pending = failedAt.map((i) => pending[i]!);
      await sleep(BASE_DELAY_MS * 2 ** attempt);
    }
  }

  return {
    async publish(events) {
      const entries = events.map((event, index) => ({ index, request: toRequest(event) }));
      for (let start = 0; start < entries.length; start += CHUNK_SIZE) {
        await putChunk(entries.slice(start, start + CHUNK_SIZE), events.length);
      }
    },
  };
}
