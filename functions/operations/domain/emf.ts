// The shape of an embedded-metric-format record, as far as operators' counts read it.
export interface EmfRecord {
  readonly _aws?: { readonly CloudWatchMetrics?: readonly { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[] };
  readonly [member: string]: unknown;
}
