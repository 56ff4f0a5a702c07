// The local gateway's route table. A path is matched against the routes with as many segments and the same literal
// segments before any route's pattern runs: the catalogue has about a hundred routes, and testing each one's
// pattern on every request was a measurable share of the local cloud's work per request (bench/PERFORMANCE.md).
import type { Capability } from '../lib/catalogue/types';

export interface CompiledRoute {
  readonly capability: Capability;
  readonly pattern: RegExp;
  readonly names: readonly string[];
}

interface IndexedRoute extends CompiledRoute {
  /** Template segments without a parameter, by position: a path must have exactly these there. */
  readonly literals: ReadonlyArray<readonly [number, string]>;
}

export function compileRoute(capability: Capability): CompiledRoute {
  const names: string[] = [];
  const source = capability.route.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{(\w+)\\?\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { capability, pattern: new RegExp(`^${source}$`), names };
}

export class RouteTable {
  /** Routes by their number of segments (a parameter matches within one segment: `[^/]+`), in catalogue order. */
  private readonly bySegments = new Map<number, IndexedRoute[]>();

  constructor(capabilities: readonly Capability[]) {
    for (const capability of capabilities) {
      const segments = capability.route.path.split('/');
      const literals = segments.flatMap((segment, i) => (segment.includes('{') ? [] : [[i, segment] as const]));
      const list = this.bySegments.get(segments.length) ?? [];
      list.push({ ...compileRoute(capability), literals });
      this.bySegments.set(segments.length, list);
    }
  }

  /** Every route whose path template matches `pathname`, whatever its method, in catalogue order. */
  candidates(pathname: string): CompiledRoute[] {
    const segments = pathname.split('/');
    const list = this.bySegments.get(segments.length);
    if (!list) {
      return [];
    }
    return list.filter((route) => route.literals.every(([i, literal]) => segments[i] === literal) && route.pattern.test(pathname));
  }
}
