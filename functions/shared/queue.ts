// Port of the message queues (agency task queues and their DLQs): SQS in AWS, an in-process queue with SQS
// semantics in the local cloud. No AWS types here.

export interface MessageQueues {
  send(queueName: string, body: string): Promise<{ messageId: string }>;
  /** Moves every message of the DLQ back to its source queue; returns how many moved (or started moving). */
  redrive(deadLetterQueueName: string): Promise<{ moved: number }>;
  /** Approximate visible + in-flight counts, for operators. */
  depth(queueName: string): Promise<{ visible: number; inFlight: number }>;
}
