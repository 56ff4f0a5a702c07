// What the bundles get in place of node:stream/web and node:stream/promises (esbuild aliases set in
// CapabilityFunction). @middy/core imports them for streamed responses (`streamifyResponse`), which no function here
// uses; loading them at import cost about 4 ms of every HTTP function's cold start (bench/PERFORMANCE.md). The same
// names, each loading Node's own on first use; local runs are not bundled and keep Node's modules.

/** `value instanceof ReadableStream` answered by Node's web streams, loaded only when asked. */
export class ReadableStream {
  static [Symbol.hasInstance](value: unknown): boolean {
    return value instanceof globalThis.ReadableStream;
  }
}

/** node:stream/promises' pipeline (reached through node:stream, which the aliases leave alone). */
export async function pipeline(...streams: unknown[]): Promise<void> {
  const { promises } = await import('node:stream');
  return (promises.pipeline as (...all: unknown[]) => Promise<void>)(...streams);
}
