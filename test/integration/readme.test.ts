// Executable documentation: README.md's command blocks and the hints `npm start` prints, run as a person pastes them.
//
// Rules for whoever writes a command block in README.md:
// - Every fenced block says what it is: ```sh is run by this test; ```sh no-run is shown but never run (npm ci,
//   npm start, deploying); ```text is not commands (diagrams, output).
// - Each ```sh block runs in README order in a fresh `bash -e -o pipefail`, in the repository root, against the
//   integration project's local cloud: `http://localhost:3000` becomes its URL, `.local/` its data folder, and
//   `npm run -s token` finds it by itself. So a block defines what it uses (B=..., tokens), captures ids from
//   answers (`ID=$(curl ... | node -pe ...)`) and never has a <placeholder>.
// - Every curl answer is checked: a 5xx fails, and so does a 4xx the block does not announce with a comment
//   `# → 409 code` on the line of the command (announcements are matched in order), or an announced one that never comes.
// - Wait for asynchronous work with a loop on the condition itself (`until ...; do sleep 1; done`), never a bare sleep.
// - Write files to a temporary folder (`DIR=$(mktemp -d)`), never into the repository: the test checks it stays clean.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { tryItCommands } from '../../local/hints';
import { cloudState } from '../support/api';
import { NO_RUN, NOT_COMMANDS, RUN, type ShellBlock, expectedErrors, fencedBlocks, problems, runBlock } from '../support/shell-blocks';

const root = path.resolve(__dirname, '../..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const blocks = fencedBlocks(readme);
const runnable = blocks.filter((block) => block.info === RUN);
const BLOCK_TIMEOUT_MS = 240_000;

function options() {
  const dataDir = process.env.KHIDMA_CLOUD_DIR!;
  return {
    cwd: root,
    env: { KHIDMA_LOCAL_DIR: dataDir },
    replace: [
      ['http://localhost:3000', cloudState().apiUrl],
      ['.local/', `${dataDir}/`],
    ] as const,
    timeoutMs: BLOCK_TIMEOUT_MS,
  };
}

function report(block: Pick<ShellBlock, 'line'>, found: string[], run: { stdout: string; stderr: string }): string {
  return [`README block at line ${block.line}:`, ...found, '--- stdout (end) ---', run.stdout.slice(-3000), '--- stderr ---', run.stderr.slice(-3000)].join('\n');
}

describe('README.md', () => {
  it('declares what every fenced block is (sh, sh no-run, text)', () => {
    const undeclared = blocks.filter((block) => ![RUN, NO_RUN, ...NOT_COMMANDS].includes(block.info));
    expect(undeclared.map((block) => `line ${block.line}: \`\`\`${block.info}`)).toEqual([]);
    expect(runnable.length).toBeGreaterThanOrEqual(4);
  });

  it('has no placeholders in the blocks it runs', () => {
    const placeholders = runnable.flatMap((block) => (block.code.match(/<[A-Za-z][\w -]*>/g) ?? []).map((found) => `line ${block.line}: ${found}`));
    expect(placeholders).toEqual([]);
  });

  describe.each(runnable.map((block) => [`the block at line ${block.line}`, block] as const))('%s', (_name, block) => {
    it(
      'runs as pasted, every answer a success or the error it announces, leaving the repository clean',
      async () => {
        const before = readdirSync(root).sort();
        const run = await runBlock(block.code, options());
        const found = problems(run, expectedErrors(block));
        const added = readdirSync(root).filter((name) => !before.includes(name));
        if (added.length > 0) {
          found.push(`left files in the repository root: ${added.join(', ')}`);
        }
        if (found.length > 0) {
          throw new Error(report(block, found, run));
        }
        expect(run.calls.length).toBeGreaterThan(0);
      },
      BLOCK_TIMEOUT_MS + 10_000,
    );
  });
});

describe('the hints `npm start` prints', () => {
  it('run as printed, raw Arabic in the URL and all', async () => {
    const commands = tryItCommands(cloudState().apiUrl);
    const run = await runBlock(commands.join('\n'), { ...options(), replace: [] });
    const found = problems(run, []);
    if (found.length > 0) {
      throw new Error(report({ line: 0 }, found, run));
    }
    expect(run.calls.map((call) => call.status)).toEqual(commands.filter((command) => command.startsWith('curl')).map(() => 200));
    const arabic = run.calls[1]!;
    expect(arabic.args).toContain('q=جواز');
    expect(JSON.parse(arabic.body).items.map((item: { serviceId: string }) => item.serviceId)).toContain('passport-renewal');
  }, 60_000);
});
