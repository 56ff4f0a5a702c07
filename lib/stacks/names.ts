// Naming shared by the stacks: construct ids are PascalCase, stack names carry the stage.
import type { StageConfig } from '../config/stages';

export function pascalCase(kebab: string): string {
  return kebab.replace(/(^|-)([a-z0-9])/g, (_match, _dash, letter: string) => letter.toUpperCase());
}

export function stackName(config: StageConfig, part: string): string {
  return `Khidma-${config.stage}-${part}`;
}

/** One alias name for the table key in every region, so the primary stack can name the DR key before it exists. */
export function tableKeyAlias(config: StageConfig): string {
  return `alias/khidma-${config.stage}-tables`;
}
