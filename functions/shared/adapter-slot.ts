// One slot per port: the local cloud installs its adapter at start; in AWS the AWS adapter is built on first
// use (loaded lazily, so a function never bundles or initialises adapters it does not call).
export interface AdapterSlot<T> {
  install(adapter: T): void;
  get(): Promise<T>;
}

export function adapterSlot<T>(awsAdapter: () => Promise<T>): AdapterSlot<T> {
  let installed: T | undefined;
  let aws: Promise<T> | undefined;
  return {
    install: (adapter) => {
      installed = adapter;
    },
    get: async () => installed ?? (await (aws ??= awsAdapter())),
  };
}
