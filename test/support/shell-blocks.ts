// Runs documented shell commands as a person pastes them, watching every curl answer (see test/integration/readme.test.ts).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface ShellBlock {
  /** 1-based line of the opening fence in the document. */
  readonly line: number;
  readonly info: string;
  readonly code: string;
}

/** An error answer the block says it expects: `# → 409 stale_version` (the code is optional). */
export interface Expected {
  readonly status: number;
  readonly code?: string;
  readonly line: number;
}

export interface CurlCall {
  readonly status: number;
  readonly body: string;
  readonly args: string;
}

export interface BlockRun {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly calls: CurlCall[];
}

export const RUN = 'sh';
export const NO_RUN = 'sh no-run';
export const NOT_COMMANDS = ['text', 'json'];

export function fencedBlocks(markdown: string): ShellBlock[] {
  const blocks: ShellBlock[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const open = /^```(.*)$/.exec(lines[i]!);
    if (!open) {
      continue;
    }
    const end = lines.findIndex((line, j) => j > i && line.startsWith('```'));
    if (end < 0) {
      throw new Error(`README line ${i + 1}: a fenced block is never closed`);
    }
    blocks.push({ line: i + 1, info: open[1]!.trim(), code: lines.slice(i + 1, end).join('\n') });
    i = end;
  }
  return blocks;
}

export function expectedErrors(block: ShellBlock): Expected[] {
  return block.code.split('\n').flatMap((text, index) => {
    const match = /#.*→\s*(\d{3})(?:\s+([a-z_]+))?/.exec(text);
    return match ? [{ status: Number(match[1]), ...(match[2] ? { code: match[2] } : {}), line: block.line + 1 + index }] : [];
  });
}

// Wraps curl in a function: the command runs unchanged, its answer's status and body are written aside.
const CURL_SPY = `
curl() {
  local trace
  trace=$(mktemp "$KHIDMA_CURL_TRACE/call.XXXXXXXX")
  printf '%s\\n' "$*" > "$trace.args"
  command curl -D "$trace.headers" "$@" | tee "$trace.body"
  return "\${PIPESTATUS[0]}"
}
`;

export interface RunOptions {
  readonly cwd: string;
  readonly env: Record<string, string>;
  /** Textual replacements that point the commands at this cloud (its URL and data folder). */
  readonly replace?: ReadonlyArray<readonly [string, string]>;
  readonly timeoutMs: number;
}

/** Runs `code` in a fresh `bash -e -o pipefail`, as pasted into a new terminal. */
export async function runBlock(code: string, options: RunOptions): Promise<BlockRun> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'khidma-readme-'));
  try {
    let script = code;
    for (const [from, to] of options.replace ?? []) {
      script = script.split(from).join(to);
    }
    writeFileSync(path.join(work, 'spy.sh'), CURL_SPY);
    writeFileSync(path.join(work, 'block.sh'), `${script}\n`);
    const trace = path.join(work, 'calls');
    mkdirSync(trace);
    const child = spawn('bash', ['-e', '-o', 'pipefail', path.join(work, 'block.sh')], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env, BASH_ENV: path.join(work, 'spy.sh'), KHIDMA_CURL_TRACE: trace },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    const timer = setTimeout(() => {
      stderr.push(Buffer.from(`\n(killed after ${options.timeoutMs} ms)`));
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, options.timeoutMs);
    const exitCode = await new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
    clearTimeout(timer);
    return { exitCode, stdout: Buffer.concat(stdout).toString(), stderr: Buffer.concat(stderr).toString(), calls: readCalls(trace) };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function readCalls(trace: string): CurlCall[] {
  return readdirSync(trace)
    .filter((name) => /^call\.[^.]+$/.test(name))
    .map((name) => {
      const file = (suffix: string) => {
        try {
          return readFileSync(path.join(trace, `${name}${suffix}`), 'utf8');
        } catch {
          return '';
        }
      };
      const headers = file('.headers');
      // The last status line: curl writes one per response, and -L would follow redirects.
      const statuses = [...headers.matchAll(/^HTTP\/[\d.]+ (\d{3})/gm)].map((match) => Number(match[1]));
      const args = file('.args').trim().replace(/Bearer [\w.-]+/g, 'Bearer …');
      return { name, status: statuses.at(-1) ?? 0, body: file('.body'), args, at: statSync(path.join(trace, name)).mtimeMs };
    })
    .sort((a, b) => a.at - b.at || a.name.localeCompare(b.name))
    .map(({ status, body, args }) => ({ status, body, args }));
}

/** What is wrong with a run: a failed exit, a 5xx, an error answer the block did not announce, or an announced one that never came. */
export function problems(run: BlockRun, expected: readonly Expected[]): string[] {
  const found: string[] = [];
  if (run.exitCode !== 0) {
    found.push(`exited with ${run.exitCode}`);
  }
  const errors = run.calls.filter((call) => call.status >= 400 || call.status === 0);
  const wanted = [...expected];
  for (const call of errors) {
    const next = wanted[0];
    const code = errorCode(call.body);
    if (call.status >= 500 || call.status === 0) {
      found.push(`curl ${call.args}\n  → ${call.status || 'no answer'} ${call.body.slice(0, 300)}`);
    } else if (!next || next.status !== call.status || (next.code && next.code !== code)) {
      found.push(`curl ${call.args}\n  → ${call.status} ${call.body.slice(0, 300)}\n  (not announced${next ? `; the next announced answer is ${next.status} ${next.code ?? ''} on line ${next.line}` : ''})`);
    } else {
      wanted.shift();
      if (!isJsonError(call.body)) {
        found.push(`curl ${call.args}\n  → ${call.status} without a JSON error body: ${call.body.slice(0, 300)}`);
      }
    }
  }
  for (const missing of wanted) {
    found.push(`line ${missing.line} announces ${missing.status} ${missing.code ?? ''}, which never came`);
  }
  return found.length > 12 ? [...found.slice(0, 12), `... and ${found.length - 12} more`] : found;
}

function errorCode(body: string): string | undefined {
  try {
    return JSON.parse(body)?.error?.code;
  } catch {
    return undefined;
  }
}

/** Our errors are `{"error":{code,message}}`; API Gateway's own (401, 404, 413) are `{"message"}`. */
function isJsonError(body: string): boolean {
  try {
    const parsed = JSON.parse(body);
    return typeof parsed?.error?.code === 'string' || typeof parsed?.message === 'string';
  } catch {
    return false;
  }
}
