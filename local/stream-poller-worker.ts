// The pollers' thread (local/stream-poller-thread.ts): runs each stream poller it is asked for, and hands every batch
// to the main thread, where the stream's handler runs; the poller goes on with the handler's answer as before.
import { parentPort } from 'node:worker_threads';
import type { DynamoDBBatchResponse } from 'aws-lambda';
import type { FromPollerThread, ToPollerThread } from './stream-poller-thread';
import { type StreamPoller, startStreamPoller } from './stream-poller';

const port = parentPort!;
const post = (message: FromPollerThread) => port.postMessage(message);
const pollers = new Map<number, StreamPoller>();
const batches = new Map<number, { resolve(response: DynamoDBBatchResponse | void): void; reject(error: Error): void }>();
let nextBatch = 0;

port.on('message', (message: ToPollerThread) => {
  if (message.type === 'start') {
    const { id } = message;
    const handler = (event: Parameters<Parameters<typeof startStreamPoller>[0]['handler']>[0]) =>
      new Promise<DynamoDBBatchResponse | void>((resolve, reject) => {
        const batch = nextBatch++;
        batches.set(batch, { resolve, reject });
        post({ type: 'batch', id, batch, event });
      });
    startStreamPoller({ ...message.settings, handler }).then(
      (poller) => {
        pollers.set(id, poller);
        post({ type: 'started', id });
      },
      (error: Error) => post({ type: 'started', id, error: error.message }),
    );
  } else if (message.type === 'stop') {
    const poller = pollers.get(message.id);
    pollers.delete(message.id);
    void (poller?.stop() ?? Promise.resolve()).finally(() => post({ type: 'stopped', id: message.id }));
  } else {
    const waiting = batches.get(message.batch);
    batches.delete(message.batch);
    if (message.error) {
      waiting?.reject(Object.assign(new Error(message.error.message), { name: message.error.name }));
    } else {
      waiting?.resolve(message.response);
    }
  }
});
