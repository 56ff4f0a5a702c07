// Where a worker is built and which stream records reach it: helpers of lib/constructs/workers.ts.
import { FilterCriteria, FilterRule } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import type { StreamFilter, Worker } from '../catalogue/worker-types';

/** The scope a worker is built in: its home's nested stack, or the workers' own. */
export function homeOf(workers: Construct, worker: Worker, props: { readonly homes?: Readonly<Partial<Record<NonNullable<Worker['home']>, Construct>>> }): Construct {
  if (!worker.home) {
    return workers;
  }
  const home = props.homes?.[worker.home];
  if (!home) {
    throw new Error(`${worker.id} is built in ${worker.home}, which the stack does not give the workers`);
  }
  return home;
}

/** A Lambda event filter: the record's event name and key prefixes. */
export function streamFilterCriteria(filter: StreamFilter) {
  const keys = {
    ...(filter.pkPrefix ? { pk: { S: FilterRule.beginsWith(filter.pkPrefix) } } : {}),
    ...(filter.skPrefix ? { sk: { S: FilterRule.beginsWith(filter.skPrefix) } } : {}),
  };
  return FilterCriteria.filter({ eventName: FilterRule.or(...filter.events), dynamodb: { Keys: keys } });
}
