// Stack frames of a bundled function told in its sources, on demand. Node's --enable-source-maps would parse the
// bundle's source map (about 1.5 times the bundle's size) at every cold start, failure or not, and cost a third of
// the import (measured: bench/performance-head.md); here the map is read once an error is logged, and kept.
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

const maps = new Map<string, SourceMap | undefined>();
/** `file:///var/task/index.mjs:1:2345` (or a plain path), line and column 1-based. */
const FRAME = /((?:file:\/\/)?\/[^\s()]+?\.m?js):(\d+):(\d+)/;

function mapOf(file: string): SourceMap | undefined {
  if (!maps.has(file)) {
    let map: SourceMap | undefined;
    try {
      map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
    } catch {
      map = undefined;
    }
    maps.set(file, map);
  }
  return maps.get(file);
}

/** Each frame of a bundle with a source map beside it, as `source:line:column` of the original file; others as they are. */
export function sourceFrames(frames: readonly string[]): string[] {
  if ((process as { sourceMapsEnabled?: boolean }).sourceMapsEnabled) {
    return [...frames];
  }
  return frames.map((frame) =>
    frame.replace(FRAME, (whole, location: string, line: string, column: string) => {
      const entry = mapOf(location.startsWith('file:') ? fileURLToPath(location) : location)?.findEntry(Number(line) - 1, Number(column) - 1);
      return entry && 'originalSource' in entry && entry.originalSource ? `${entry.originalSource}:${entry.originalLine + 1}:${entry.originalColumn + 1}` : whole;
    }),
  );
}
